"""Pictures and formulas read back the way readers meet them: Anki, Chromium, a PDF reader."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki_reader import import_package, notes_by_number, open_collection
from conftest import need
from media_source import PIPELINE_SIZE, write_media_folder
from test_sheet_print import weasyprint_ready

from qapress.cli import main

TEX = re.compile(r"\\(?:frac|sigma|sum|log|hat|underbrace|text)\b|\$\$|\\\(|\\\[")
"""TeX a reader must never see: every formula here but the broken one is typeset."""
REFUSED = r"\notacommand{x}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the pictures document into every output, the PDF too; return the output folder."""
    need(weasyprint_ready(), "needs WeasyPrint and Pango: pip install -e '.[pdf]'")
    root = tmp_path_factory.mktemp("media")
    document = write_media_folder(root)
    out = root / "out"
    assert main([str(document), "--out", str(out), "--pdf", "--jobs", "1"]) == 0
    return out


def test_the_deck_carries_the_picture_into_the_collection_media(built: Path, tmp_path: Path) -> None:
    with open_collection(tmp_path) as col:
        import_package(col, (built / "pictures.apkg").read_bytes(), tmp_path)
        notes = notes_by_number(col)
        [name] = set(re.findall(r"<img src=\"(qa-[0-9a-f]{20}\.png)\"", notes[1]["Answer"]))
        stored = Path(col.media.dir()) / name
        assert stored.read_bytes() == (built / "site" / "media" / name).read_bytes()
        assert "\\(\\sigma(x)\\)" in notes[3]["Answer"] and "<math" not in notes[3]["Answer"]
        check = col.media.check()
        assert not check.missing and not check.unused


def test_site_and_print_page_copy_only_the_pictures_they_show(built: Path) -> None:
    for folder in (built / "site" / "media", built / "print" / "media"):
        kinds = sorted(p.suffix for p in folder.iterdir())
        assert kinds == [".png", ".png", ".svg"]  # pipeline, huge, bar; never the scripted SVG
    page = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a class="image" href="img/scripted.svg">' in page
    assert 'href="media/' not in page  # a copied picture, SVGs above all, is never linked


@pytest.fixture
def page(chromium: Any, built: Path) -> Iterator[Any]:
    """Open the site from file:// with every picture settled; give the driver back afterwards."""
    from selenium.webdriver.support.ui import WebDriverWait

    chromium.get((built / "site" / "index.html").as_uri())
    WebDriverWait(chromium, 10).until(
        lambda d: d.execute_script("return [...document.images].every(i => i.complete)")
    )
    yield chromium
    chromium.set_window_size(1200, 900)


SEEN = """
const shown = [...document.querySelectorAll('.answer img')];
const text = [...document.querySelectorAll('.item')].map(i => {
  const copy = i.cloneNode(true);
  copy.querySelectorAll('code.math-error').forEach(c => c.remove());
  return copy.innerText;
}).join('\\n');
return {
  pictures: shown.map(i => [i.getAttribute('alt'), i.naturalWidth, i.clientWidth <= i.parentElement.clientWidth]),
  math: document.querySelectorAll('.answer math').length,
  refused: [...document.querySelectorAll('code.math-error')].map(c => c.textContent),
  text: text, pwned: window.pwned || null,
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
    .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).length,
  scripts: [...document.scripts].filter(s => !s.src).length,
};
"""


def test_the_site_shows_pictures_and_mathml_and_no_tex(page: Any) -> None:
    seen = page.execute_script(SEEN)
    widths = {alt: width for alt, width, _ in seen["pictures"]}
    assert widths["the pipeline"] == PIPELINE_SIZE[0] and widths["pipeline again"] == PIPELINE_SIZE[0]
    assert widths["a teal bar"] == 120
    assert all(fits for _, _, fits in seen["pictures"])
    assert seen["math"] == 4
    assert seen["refused"] == [REFUSED]
    assert not TEX.search(seen["text"]), TEX.search(seen["text"])
    assert "$5 or $10" in seen["text"] and "echo $HOME" in seen["text"]
    assert seen["pwned"] is None and seen["handlers"] == 0 and seen["scripts"] == 0
    assert "<script>window.pwned=5</script>" in seen["text"]  # shown as text


WIDE = """
const box = document.querySelector(arguments[0]);
return {scrolls: box.scrollWidth > box.clientWidth, overflow: getComputedStyle(box).overflowX,
        page: document.documentElement.scrollWidth > window.innerWidth};
"""


def test_a_wide_formula_scrolls_in_its_box_on_a_phone(page: Any) -> None:
    page.set_window_size(390, 844)
    seen = page.execute_script(WIDE, "#how-wide-can-a-formula-get .math.block")
    assert seen == {"scrolls": True, "overflow": "auto", "page": False}


def _pdf_tool(name: str, *args: str) -> str:
    need(shutil.which(name) is not None, f"needs poppler's {name} (apt-get install poppler-utils)")
    return subprocess.run([name, *args], check=True, capture_output=True, text=True).stdout


def test_the_pdf_embeds_the_picture_and_draws_the_formulas(built: Path) -> None:
    pdf = str(built / "print" / "pictures.pdf")
    listed = [line.split() for line in _pdf_tool("pdfimages", "-list", pdf).splitlines()[2:]]
    sizes = {(int(row[3]), int(row[4])) for row in listed}
    assert PIPELINE_SIZE in sizes and (6000, 6000) not in sizes
    text = _pdf_tool("pdftotext", pdf, "-")
    assert not TEX.search(text) and REFUSED in text
    assert "$5 or $10" in text


def test_a_wide_formula_scrolls_in_its_box_on_a_phone_card(
    chromium: Any, built: Path, tmp_path: Path
) -> None:
    with open_collection(tmp_path) as col:
        import_package(col, (built / "pictures.apkg").read_bytes(), tmp_path)
        answer = notes_by_number(col)[6].cards()[0].answer()
    card = tmp_path / "card.html"
    card.write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f'<body class="card card1">{answer}</body></html>',
        encoding="utf-8",
    )
    chromium.set_window_size(390, 844)
    try:
        chromium.get(card.as_uri())
        seen = chromium.execute_script(WIDE, ".qa-answer .math.block")
    finally:
        chromium.set_window_size(1200, 900)
    assert seen == {"scrolls": True, "overflow": "auto", "page": False}
