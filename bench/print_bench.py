#!/usr/bin/env python3
"""Time the print page and its PDF for a document: render times, page counts and sizes.

Usage: python bench/print_bench.py [source/autoencoders.md] [--runs 5] [--chromium]
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pypdf

from qapress.build import sources
from qapress.items import Document
from qapress.render import paths
from qapress.render.sheet.page import render_sheets
from qapress.render.sheet.pdf import render_pdfs
from qapress.settings import Paper, Settings


def median_seconds(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return the first call's wall time (cold caches) and the median of ``runs`` more."""
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:])


def chromium_pdf(document: Document, settings: Settings) -> bytes:
    """Print the page with headless Chromium from a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in render_sheets([document], settings).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        target = root / "out.pdf"
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={root / 'profile'}", f"--print-to-pdf={target}",
             (root / paths.sheet_file(document)).as_uri()],
            check=True, capture_output=True, timeout=300,
        )
        return target.read_bytes()


def report(label: str, seconds: tuple[float, float], pdf: bytes | None, size: int) -> None:
    """Print one row of figures."""
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages) if pdf else "-"
    first, median = (s * 1000 for s in seconds)
    print(
        f"{label:<20} first {first:>7.1f} ms  median {median:>7.1f} ms"
        f"  {pages!s:>2} pages  {size / 1024:>6.1f} KiB"
    )


def bench(document: Document, paper: Paper, runs: int, chromium: bool) -> None:
    """Measure each way of making the print output for one paper size."""
    settings = Settings(stamp=0, paper=paper)
    seconds = median_seconds(lambda: render_sheets([document], settings), runs)
    html = render_sheets([document], settings)
    report(f"{paper} html+css", seconds, None, sum(len(d) for d in html.values()))
    seconds = median_seconds(lambda: render_pdfs([document], settings), runs)
    pdf = render_pdfs([document], settings)[paths.pdf_file(document)]
    report(f"{paper} weasyprint pdf", seconds, pdf, len(pdf))
    if chromium and shutil.which("chromium"):
        seconds = median_seconds(lambda: chromium_pdf(document, settings), runs)
        printed = chromium_pdf(document, settings)
        report(f"{paper} chromium pdf", seconds, printed, len(printed))


def main() -> None:
    """Parse the arguments and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=Path("source/autoencoders.md"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", action="store_true", help="also time Chromium's print")
    args = parser.parse_args()
    document = sources.gather([args.source]).documents[0]
    print(f"{document.path}: {len(document.items)} items, median of {args.runs} runs")
    for paper in ("a4", "letter"):
        bench(document, paper, args.runs, args.chromium)


if __name__ == "__main__":
    main()
