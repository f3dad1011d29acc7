"""Hard documents and the reader's shapes, printed by both engines and read back page by page."""

from __future__ import annotations

import io
import re
import shutil
import statistics
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from conftest import FIXTURES, need
from test_sheet_print import (
    COLUMN,
    PAGE,
    locate_items,
    print_with_chromium,
    read_columns,
    render_pdf,
    squash,
)

from qapress.build import sources
from qapress.items import Document
from qapress.markup import inline_text

HARD = FIXTURES / "sheet" / "hard.md"
"""A tall first item, a long address, a wide table, a table too wide for the page, long code."""


@pytest.fixture(scope="module")
def hard() -> Document:
    """Return the hard cases as the build reads them."""
    return sources.gather([HARD]).documents[0]


def printed(engine: str, document: Document, folder: Path, **settings: Any) -> bytes:
    """Return the document printed by one engine."""
    if engine == "chromium":
        return print_with_chromium(document, folder, **settings)
    return render_pdf(document, **settings)


def pages_of(pdf: bytes) -> int:
    """Return how many pages a PDF has."""
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("engine", ["weasyprint", "chromium"])
def test_hard_cases_waste_no_page_and_lose_no_text(
    engine: str, hard: Document, tmp_path: Path
) -> None:
    pdf = printed(engine, hard, tmp_path)
    pages = read_columns(pdf)
    first = squash(f"Q1. {inline_text(hard.items[0].question)}")
    assert first in pages[0], "page 1 must hold the tall first question, not the title alone"
    assert all("Q" in page.replace(squash(hard.title), "") for page in pages)
    text = PAGE.join(pages).replace(COLUMN, "")
    tall = squash(hard.items[0].answer.split("\n\n")[-1])
    assert tall in text, "the tall item's last words are missing"
    url = next(w for w in hard.items[1].answer.split() if w.startswith("https://"))
    assert squash(url) in text, "the long address is cut"
    for header in ("run name", "learning rate", "latent width", "epochs"):
        assert squash(header) in text
    assert squash("reconstruction loss: reconstruction-value-3") in text, "rows are not stacked"
    assert squash("compute_reconstruction_error_averaged_over_every_validation_batch") in text.replace(
        "\u21aa", ""
    )
    starts = [text.find(squash(f"Q{i.number}. {inline_text(i.question)}")) for i in hard.items]
    assert -1 not in starts and starts == sorted(starts)
    assert word_height(pdf, tmp_path) > 8, "the page is printed shrunk"


def word_height(pdf: bytes, folder: Path) -> float:
    """Return the median height of the words on a PDF's first page, in points."""
    need(shutil.which("pdftotext") is not None, "needs poppler (apt-get install poppler-utils)")
    (folder / "words.pdf").write_bytes(pdf)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(folder / "words.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    found = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)
    return statistics.median(float(bottom) - float(top) for top, bottom in found)


@pytest.mark.parametrize("engine", ["weasyprint", "chromium"])
def test_seed_fits_three_letter_pages(engine: str, autoencoders: Document, tmp_path: Path) -> None:
    pdf = printed(engine, autoencoders, tmp_path, paper="letter")
    assert pages_of(pdf) == 3
    assert len(locate_items(read_columns(pdf), autoencoders)) == len(autoencoders.items)


@pytest.mark.parametrize("engine", ["weasyprint", "chromium"])
def test_three_columns_without_tags_fit_two_pages(
    engine: str, autoencoders: Document, tmp_path: Path
) -> None:
    pdf = printed(engine, autoencoders, tmp_path, columns=3, tags=False)
    assert pages_of(pdf) == 2
    text = PAGE.join(read_columns(pdf))
    assert squash("Q100.") in text and squash("fundamentals") not in text


@pytest.mark.parametrize("engine", ["weasyprint", "chromium"])
def test_self_test_prints_questions_then_a_key(
    engine: str, autoencoders: Document, tmp_path: Path
) -> None:
    pages = read_columns(printed(engine, autoencoders, tmp_path, self_test=True))
    assert squash("Q1.") in pages[0], "page 1 holds the title alone"
    text = PAGE.join(pages).replace(COLUMN, "")
    last_question = text.index(squash(f"Q100. {inline_text(autoencoders.items[-1].question)}"))
    key = text.index("AnswersA1.", last_question)
    assert key < text.index("A100.", key)
    answer = squash(" ".join(autoencoders.items[0].answer.split()[:6]))
    assert text.index(answer) > key, "an answer shows before the key"


def test_topics_group_the_items_with_contents_first(autoencoders: Document) -> None:
    pdf = render_pdf(autoencoders, by_topic=True)
    pages = read_columns(pdf)
    text = PAGE.join(pages).replace(COLUMN, "")
    contents = squash("Contents")
    assert contents in pages[0]
    first_topic = autoencoders.items[0].tags[1]
    under = [i for i in autoencoders.items if i.tags[1:2] == (first_topic,)]
    starts = [text.index(squash(f"Q{i.number}. {inline_text(i.question)}")) for i in under]
    assert starts == sorted(starts)
    heading = squash(first_topic)
    assert text[starts[0] - len(heading) : starts[0]] == heading, "no topic heading above"
    assert text.index(contents) < starts[0] - len(heading)
    outline = pypdf.PdfReader(io.BytesIO(pdf)).outline
    assert next(e.title for e in outline[1] if not isinstance(e, list)) == first_topic


def test_one_topic_prints_only_its_items(autoencoders: Document) -> None:
    text = PAGE.join(read_columns(render_pdf(autoencoders, topic="regularised")))
    wanted = [i for i in autoencoders.items if any(t.startswith("regularised") for t in i.tags[1:])]
    assert wanted
    for item in autoencoders.items:
        heading = squash(f"Q{item.number}. {inline_text(item.question)}")
        assert (heading in text) == (item in wanted), f"Q{item.number}"
