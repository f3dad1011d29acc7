"""The PDF by Chromium's print: the same pages, opened with bookmarks, dated by the build."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import need
from test_sheet_print import STAMP, locate_items, read_columns

from qapress.items import Document
from qapress.render import paths
from qapress.render.sheet import pdf
from qapress.render.sheet.chromium import chromium_binary, render_chromium_pdfs
from qapress.settings import Settings


@pytest.fixture(scope="module")
def printed(autoencoders: Document) -> bytes:
    """Return the autoencoders PDF as ``--pdf --pdf-engine chromium`` writes it."""
    need(chromium_binary() is not None, "needs Debian's chromium (apt-get install chromium)")
    files = render_chromium_pdfs([autoencoders], Settings(stamp=STAMP))
    return files[paths.pdf_file(autoencoders)]


def test_opens_with_one_bookmark_per_question(printed: bytes, autoencoders: Document) -> None:
    reader = pypdf.PdfReader(io.BytesIO(printed), strict=True)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    titles = [entry.title for entry in reader.outline[1]] if len(reader.outline) > 1 else []
    assert len(titles) == len(autoencoders.items) and titles[0].startswith("Q1.")
    assert len(locate_items(read_columns(printed), autoencoders)) == len(autoencoders.items)


def test_is_dated_by_the_build(printed: bytes) -> None:
    info = pypdf.PdfReader(io.BytesIO(printed)).metadata
    assert info is not None and info["/CreationDate"] == "D:20231114221320+00'00'"


def test_auto_picks_chromium_where_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from qapress.render.sheet import chromium

    monkeypatch.setattr(chromium, "chromium_binary", lambda: "/usr/bin/chromium")
    auto, weasyprint = Settings(stamp=0), Settings(stamp=0, pdf_engine="weasyprint")
    assert (pdf.pdf_engine(auto), pdf.pdf_engine(weasyprint)) == ("chromium", "weasyprint")
    monkeypatch.setattr(chromium, "chromium_binary", lambda: None)
    assert pdf.pdf_engine(auto) == "weasyprint"


def test_every_font_is_embedded(printed: bytes, tmp_path: Path) -> None:
    need(shutil.which("pdffonts") is not None, "needs poppler (apt-get install poppler-utils)")
    (tmp_path / "sheet.pdf").write_bytes(printed)
    listed = subprocess.run(
        ["pdffonts", str(tmp_path / "sheet.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listed, "the PDF names no font"
    # Columns: name, type, encoding, emb, sub, uni, object, generation.
    assert all(line.split()[-5] == "yes" for line in listed), listed
