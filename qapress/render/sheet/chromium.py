"""The print cheat sheet as PDF by Chromium's own print: the page as a browser prints it.

Chromium lays out a large sheet in a fifth of WeasyPrint's time (``bench/print_bench.py``). It runs
headless on a temporary folder holding only the print files, with scripts refused by the page's
policy and every host name unresolvable, so the untrusted page can reach nothing else.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from qapress.items import PDF_PIXELS, Document
from qapress.problems import UserError
from qapress.render import paths
from qapress.render.sheet.page import render_sheets
from qapress.settings import Settings

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 600
"""Seconds a document's print may take: far more than the largest sheet needs."""
_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")
_ROOT = re.compile(rb"trailer\s*<<\s*/Size (\d+)\s*/Root (\d+) 0 R\s*/Info (\d+) 0 R\s*>>\s*startxref\s*(\d+)")


def chromium_binary() -> str | None:
    """Return the path of an installed Chromium or Chrome, or None."""
    return next((found for name in BINARIES if (found := shutil.which(name))), None)


def render_chromium_pdfs(documents: Sequence[Document], settings: Settings) -> dict[str, bytes]:
    """Print each document's page to a PDF with headless Chromium."""
    binary = chromium_binary()
    if binary is None:
        raise UserError(f"--pdf-engine chromium needs Chromium installed (one of: {', '.join(BINARIES)})")
    sheets = render_sheets(documents, settings, most_pixels=PDF_PIXELS)
    pdfs: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="qapress-print-") as folder:
        root = Path(folder)
        for name, data in sheets.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        for document in documents:
            page = root / paths.sheet_file(document)
            if page.exists():
                printed = print_page(binary, page, root / "profile")
                pdfs[paths.pdf_file(document)] = finish(printed, settings.stamp)
    return pdfs


def print_page(binary: str, page: Path, profile: Path) -> bytes:
    """Return Chromium's print of one page, or raise a user error saying why it failed."""
    target = page.with_suffix(".pdf")
    # Without a sandbox (as root, where Chromium refuses one) it may also skip its zygote, whose
    # processes would otherwise escape the CPU accounting of whoever runs the build, and run the
    # page in its own process: with no sandbox to keep apart, that costs 40% less CPU on the seed.
    unsandboxed = ["--no-sandbox", "--no-zygote", "--single-process"] if os.geteuid() == 0 else []
    command = [
        binary, "--headless", *unsandboxed, "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--no-pdf-header-footer",
        "--generate-pdf-document-outline", f"--user-data-dir={profile}",
        f"--print-to-pdf={target}", page.as_uri(),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise UserError(f"Chromium could not print {page.name} ({error})") from None
    if done.returncode != 0 or not target.exists():
        said = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise UserError(f"Chromium could not print {page.name} ({said[0]})")
    return target.read_bytes()


def finish(pdf: bytes, stamp: int) -> bytes:
    """Date the PDF by the build, not the clock, and make it open with its bookmarks shown."""
    # The dates keep their length, so every offset in the file stays true.
    date = datetime.fromtimestamp(stamp, UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()
    pdf = _DATE.sub(lambda m: b"/" + m[1] + b" (" + date + b")", pdf, count=2)
    trailer = list(_ROOT.finditer(pdf))
    if not trailer:
        return pdf  # a layout this does not know: left as Chromium wrote it
    size, root, info, previous = (int(n) for n in trailer[-1].groups())
    found = re.search(rb"\n%d 0 obj\n(<<.*?>>)\nendobj" % root, pdf, re.DOTALL)
    if found is None or b"/PageMode" in found[1]:
        return pdf
    # An incremental update: a new catalog, its place in a new cross-reference section.
    catalog = found[1][:-2] + b"\n/PageMode /UseOutlines>>"
    start = len(pdf) + 1
    body = b"\n%d 0 obj\n%s\nendobj\n" % (root, catalog)
    xref = len(pdf) + len(body)
    tail = (
        b"xref\n%d 1\n%010d 00000 n \ntrailer\n<</Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %d>>\n"
        b"startxref\n%d\n%%%%EOF\n" % (root, start, size, root, info, previous, xref)
    )
    return pdf + body + tail
