"""The print page on paper: WeasyPrint's PDF and Chromium's print both keep every item whole."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdf
import pytest
from conftest import need

from qapress.items import Document, Item
from qapress.markup import inline_text, plain_text
from qapress.problems import UserError
from qapress.render import paths
from qapress.render.sheet.page import render_sheets
from qapress.settings import Settings

STAMP = 1_700_000_000
PAGE_GOAL = 6
SIZE_GOAL = 200 * 1024
COLUMN = "\x00"
"""Marks a change of column in the text read back from a PDF."""
PAGE = "\x0c"
"""Marks a new page in the text read back from a PDF."""


def squash(text: str) -> str:
    """Fold ligatures and drop whitespace, so line wrapping cannot hide or fake a match."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def read_columns(pdf: bytes) -> list[str]:
    """Return each page's text in drawing order, with ``COLUMN`` wherever the column changes."""
    return [page_text(page) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def page_text(page: pypdf.PageObject) -> str:
    """Return one page's text, squashed, with ``COLUMN`` between runs of left and right column."""
    middle = float(page.mediabox.width) / 2
    parts: list[str] = []
    sides: list[bool] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if not text.strip():
            return
        right = tm[4] * cm[0] + tm[5] * cm[2] + cm[4] > middle
        if sides and sides[-1] != right:
            parts.append(COLUMN)
        sides.append(right)
        parts.append(squash(text))

    page.extract_text(visitor_text=visit)
    return "".join(parts)


def item_ends(document: Document) -> list[tuple[str, str]]:
    """Return each item's heading and the last words of its answer, squashed."""
    return [
        (squash(f"Q{item.number}. {inline_text(item.question)}"),
         squash(" ".join(plain_text(item.answer).split()[-4:])))
        for item in document.items
    ]


def locate_items(pages: Sequence[str], document: Document) -> list[int]:
    """Return the page each item starts on; fail if an item is missing, misplaced or cut."""
    text = PAGE.join(pages)
    starts: list[int] = []
    for heading, _ in item_ends(document):
        found = text.find(heading, starts[-1] + 1 if starts else 0)
        assert found >= 0, f"{heading} is missing or out of order"
        starts.append(found)
    for (heading, end), start, after in zip(item_ends(document), starts, [*starts[1:], len(text)]):
        segment = text[start:after]
        assert end in segment, f"the end of {heading}'s answer is missing"
        before_end = segment[: segment.index(end)]
        assert COLUMN not in before_end and PAGE not in before_end, f"{heading} is cut by a break"
    return [text.count(PAGE, 0, start) + 1 for start in starts]


def weasyprint_ready() -> bool:
    """Say whether WeasyPrint and its system libraries load."""
    from qapress.render.sheet.pdf import load_weasyprint

    try:
        load_weasyprint()
    except UserError:
        return False
    return True


def render_pdf(document: Document, **settings: Any) -> bytes:
    """Render one document to PDF with WeasyPrint, or skip when it is not installed."""
    need(weasyprint_ready(), "needs WeasyPrint and Pango: pip install -e '.[pdf]'")
    from qapress.render.sheet.pdf import render_pdfs

    chosen = Settings(stamp=STAMP, **{"pdf_engine": "weasyprint", **settings})
    return render_pdfs([document], chosen)[paths.pdf_file(document)]


def print_with_chromium(document: Document, folder: Path, **settings: Any) -> bytes:
    """Write the print page to ``folder`` and print it with headless Chromium, as a user would."""
    binary = shutil.which("chromium")
    need(binary is not None, "needs Debian's chromium (apt-get install chromium)")
    assert binary is not None
    for name, data in render_sheets([document], Settings(stamp=STAMP, **settings)).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    target = folder / "chromium.pdf"
    command = [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={target}",
        (folder / paths.sheet_file(document)).as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return target.read_bytes()


def long_items(count: int = 24) -> Document:
    """Return a document of items long enough that a careless layout would cut them."""
    code = "\n".join(f"    step_{n} = encode(batch[{n}])" for n in range(8))
    table = "| layer | size |\n|---|---|\n" + "\n".join(f"| l{n} | {2**n} |" for n in range(4))
    items = tuple(
        Item(
            number=n,
            question=f"How does layer stack {n} behave?",
            answer=(
                f"{'Each layer compresses its input a little further. ' * 6}\n\n"
                f"```python\ndef run():\n{code}\n```\n\n{table}\n\n"
                f"So stack {n} ends with the decoder mirroring encoder number {n}."
            ),
            tags=("long", "stacks"),
            id=f"stack-{n}",
            line=n,
        )
        for n in range(1, count + 1)
    )
    return Document(path="long.md", slug="long", title="Long answers", items=items)


@pytest.fixture(scope="module")
def weasyprint_pdf(autoencoders: Document) -> bytes:
    """Return the autoencoders PDF as ``--pdf`` writes it."""
    return render_pdf(autoencoders)


@pytest.fixture(scope="module")
def chromium_pdf(autoencoders: Document, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return the autoencoders print page as Chromium prints it."""
    return print_with_chromium(autoencoders, tmp_path_factory.mktemp("chromium"))


@pytest.fixture(params=["weasyprint_pdf", "chromium_pdf"])
def printed(request: pytest.FixtureRequest) -> bytes:
    """Return the autoencoders document printed each way."""
    return bytes(request.getfixturevalue(request.param))


def test_fits_the_page_goal(printed: bytes) -> None:
    pages = pypdf.PdfReader(io.BytesIO(printed)).pages
    assert 1 <= len(pages) <= PAGE_GOAL
    assert [round(float(p.mediabox.width)) for p in pages] == [595] * len(pages)


def test_every_question_in_order_and_no_item_cut(printed: bytes, autoencoders: Document) -> None:
    assert len(locate_items(read_columns(printed), autoencoders)) == len(autoencoders.items)


def test_every_page_has_its_number_and_title(printed: bytes, autoencoders: Document) -> None:
    pages = read_columns(printed)
    for number, text in enumerate(pages, start=1):
        assert f"Page{number}of{len(pages)}" in text
        assert text.count(squash(autoencoders.title)) == 1, f"page {number}"


def test_both_ways_give_the_same_pages(
    weasyprint_pdf: bytes, chromium_pdf: bytes, autoencoders: Document
) -> None:
    weasyprint_pages = locate_items(read_columns(weasyprint_pdf), autoencoders)
    assert weasyprint_pages == locate_items(read_columns(chromium_pdf), autoencoders)


@pytest.mark.parametrize("engine", ["weasyprint", "chromium"])
def test_long_items_with_code_and_tables_are_not_cut(engine: str, tmp_path: Path) -> None:
    document = long_items()
    if engine == "chromium":
        pdf = print_with_chromium(document, tmp_path)
    else:
        pdf = render_pdf(document)
    pages = locate_items(read_columns(pdf), document)
    assert pages[-1] > 1, "the test document must fill more than one page"
