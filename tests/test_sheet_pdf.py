"""The PDF as a file: metadata, outline, fonts, size, stable bytes, and nothing fetched."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path
from urllib.parse import unquote

import pypdf
import pytest
from conftest import need
from test_sheet_print import SIZE_GOAL, STAMP, render_pdf, squash, weasyprint_ready

from qapress.items import Document, Item
from qapress.markup import inline_text
from qapress.problems import UserError
from qapress.render import paths
from qapress.render.sheet.page import render_sheets
from qapress.settings import Settings


def one_item(question: str, answer: str) -> Document:
    """Return a document holding a single item."""
    item = Item(1, question, answer, ("one", "topic"), "one", 3)
    return Document(path="one.md", slug="one", title="One item", items=(item,))


def tiny_png() -> bytes:
    """Return a valid one-pixel grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        (chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(b"\x00\x80")), chunk(b"IEND", b""))
    )


def image_count(pdf: bytes) -> int:
    """Return how many images the PDF draws."""
    return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_metadata_names_the_document_the_tool_and_the_build_date(
    autoencoders: Document,
) -> None:
    info = pypdf.PdfReader(io.BytesIO(render_pdf(autoencoders))).metadata
    assert info is not None
    assert info.title == autoencoders.title
    assert info.creator == "qapress"
    assert info["/CreationDate"] == "D:20231114221320Z"
    assert "fundamentals" in str(info.get("/Keywords", ""))


def test_outline_has_one_bookmark_per_question(autoencoders: Document) -> None:
    outline = pypdf.PdfReader(io.BytesIO(render_pdf(autoencoders))).outline
    assert len(outline) == 2 and outline[0].title == autoencoders.title
    questions = [entry.title for entry in outline[1]]
    assert questions == [f"Q{i.number}. {inline_text(i.question)}" for i in autoencoders.items]


def test_fonts_are_embedded_and_the_file_is_small(autoencoders: Document) -> None:
    pdf = render_pdf(autoencoders)
    assert len(pdf) <= SIZE_GOAL
    fonts = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    assert fonts
    assert all("/FontFile2" in d or "/FontFile3" in d for d in fonts.values()), sorted(fonts)


def test_same_sources_give_the_same_bytes(autoencoders: Document) -> None:
    assert render_pdf(autoencoders) == render_pdf(autoencoders)


def test_letter_paper(autoencoders: Document) -> None:
    pages = pypdf.PdfReader(io.BytesIO(render_pdf(autoencoders, paper="letter"))).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        (612, 792)
    }


def test_hostile_text_prints_as_text() -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    pdf = render_pdf(one_item(f"Is {evil} safe?", f"Shown: {evil}"))
    text = squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    assert squash(f"Is {evil} safe?") in text and squash(f"Shown: {evil}") in text


def test_pdf_build_reads_no_file_the_document_points_at(tmp_path: Path) -> None:
    picture = tmp_path / "secret.png"
    picture.write_bytes(tiny_png())
    document = one_item("Which picture?", f"This one: ![secret]({picture})")
    need(weasyprint_ready(), "needs WeasyPrint and Pango: pip install -e '.[pdf]'")
    from qapress.render.sheet.pdf import BASE_URL, _file_fetcher

    # The page links to the picture rather than showing it...
    page = render_sheets([document], Settings(stamp=STAMP))[paths.sheet_file(document)]
    assert f'<a class="image" href="{picture}">secret</a>' in page.decode()
    assert image_count(render_pdf(document)) == 0
    # ...and were anything to ask for a file, the fetcher serves only the print files.
    fetcher = _file_fetcher({"print/one.css": b"p {}"})
    assert fetcher.fetch(BASE_URL + "print/one.css").read() == b"p {}"
    for url in (picture.as_uri(), BASE_URL + "../secret.png", "https://example.com/x.png"):
        with pytest.raises(ValueError, match="outside the print page's own files"):
            fetcher.fetch(url)


def test_missing_weasyprint_says_how_to_install(
    autoencoders: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qapress.render.sheet.pdf import render_pdfs

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(UserError) as raised:
        render_pdfs([autoencoders], Settings(stamp=STAMP, pdf_engine="weasyprint"))
    message = str(raised.value)
    assert "pip install -e '.[pdf]'" in message and "libpango-1.0-0" in message


def test_opens_with_bookmarks_shown_and_links_each_question_to_the_site(
    autoencoders: Document,
) -> None:
    base = "https://example.org/notes"
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(autoencoders, base_url=base)))
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    links = [
        unquote(str(note.get_object()["/A"]["/URI"]))
        for page in reader.pages
        for note in page.get("/Annots", ())
        if "/URI" in note.get_object().get("/A", {})
    ]
    site = f"{base}/index.html#"
    assert [link for link in links if link.startswith(site)] == [
        site + item.id for item in autoencoders.items
    ]
