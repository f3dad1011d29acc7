"""How cards look in Anki's reviewer, at a phone's width and a desktop's, by day and by night.

Anki renders each card side from the imported deck (``card.question()``, ``card.answer()``);
the page around it has the reviewer's body classes and a stand-in for the reviewer's own rule
that colours ``body.nightMode``. Each view is measured, and photographed into ``tmp_path`` (or
into the folder ``CARD_SHOTS`` names) for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from anki_reader import import_package, notes_by_number, open_collection, package, write_source
from test_deck_cards import MODES

from qapress.settings import Settings

WIDTHS = {"phone": (390, 844), "desktop": (1000, 800)}
REVIEWER = "body.nightMode { background-color: #2c2c2c; color: #f0f0f0; }"
"""What Anki's desktop reviewer sets on a night-mode body, in our words: it outranks ``.card``."""
CODE_LINE = "    scores = model.predict(batch, return_attention=True, temperature=0.7)  # ~90 chars"
SOURCE = (
    "# Autoencoders (AE) Interview Questions & Answers (1–100)\n\n"
    "### Q17. What does a convolutional autoencoder keep that a dense one loses?\n"
    "<!-- tags: architectures::convolutional representation-learning::spatial-structure -->\n"
    "<!-- tags: computer-vision::image-denoising training::reconstruction-losses -->\n"
    "The **spatial layout**: filters slide over the image, so neighbours stay neighbours.\n\n"
    f"```python\ndef encode(model, batch):\n{CODE_LINE}\n    return scores\n```\n\n"
    "---\n\n### Q18. What hides in a cloze?\n"
    "The encoder maps the input to a {{c1::latent code}}, the decoder maps it {{c2::back}}.\n"
)
MEASURE = """
const tags = document.querySelector('.qa-tags');
const node = tags.firstChild;
const cut = [];
let at = 0;
const top = (from, to) => {
  const range = document.createRange();
  range.setStart(node, from);
  range.setEnd(node, to);
  return [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top)[0];
};
// A tag may wrap after a hyphen, as words do; anywhere else is a cut.
for (const tag of node.textContent.split(' ')) {
  for (let i = 1; i < tag.length; i++) {
    if (top(at + i, at + i + 1) !== top(at + i - 1, at + i) && tag[i - 1] !== '-') { cut.push(tag); break; }
  }
  at += tag.length + 1;
}
const pre = document.querySelector('pre');
const head = document.querySelector('.qa-head');
const body = getComputedStyle(document.body);
return {
  cut, tagLines: Math.round(tags.getBoundingClientRect().height / parseFloat(getComputedStyle(tags).lineHeight)),
  codeScrolls: pre.scrollWidth > pre.clientWidth,
  codeWidth: pre.getBoundingClientRect().width,
  textWidth: document.querySelector('.qa-answer p').getBoundingClientRect().width,
  pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
  headLines: Math.round(head.getBoundingClientRect().height / parseFloat(getComputedStyle(head).lineHeight)),
  background: body.backgroundColor, text: body.color, width: window.innerWidth,
};
"""


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Return the card sides Anki renders for the looks document, by name."""
    folder = tmp_path_factory.mktemp("looks")
    with open_collection(folder) as col:
        document = write_source(folder, "autoencoders.md", SOURCE)
        import_package(col, package(document, Settings(stamp=1_700_000_000)), folder)
        notes = notes_by_number(col)
        basic, cloze = notes[17].cards()[0], min(notes[18].cards(), key=lambda c: c.ord)
        return {
            "front": basic.question(), "back": basic.answer(),
            "cloze-front": cloze.question(), "cloze-back": cloze.answer(),
        }


def show(chromium: Any, folder: Path, html: str, mode: str, width: str) -> None:
    """Open ``html`` as the reviewer shows a card, at ``width``, in ``mode``."""
    page = folder / "card.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<style>{REVIEWER}</style></head><body class="card card1 {MODES[mode]}">'
        f'<div id="qa">{html}</div></body></html>',
        encoding="utf-8",
    )
    chromium.set_window_size(*WIDTHS[width])
    chromium.get(page.as_uri())


def photograph(chromium: Any, tmp_path: Path, name: str) -> None:
    """Keep a picture of the view, where ``CARD_SHOTS`` says or in the test's own folder."""
    folder = Path(os.environ.get("CARD_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert chromium.save_screenshot(str(folder / f"{name}.png"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mode", MODES)
def test_the_back_reads_well(
    chromium: Any, sides: dict[str, str], tmp_path: Path, mode: str, width: str
) -> None:
    size = chromium.get_window_size()
    try:
        show(chromium, tmp_path, sides["back"], mode, width)
        seen = chromium.execute_script(MEASURE)
        photograph(chromium, tmp_path, f"back-{width}-{mode}")
        for side in ("front", "cloze-front", "cloze-back"):
            show(chromium, tmp_path, sides[side], mode, width)
            photograph(chromium, tmp_path, f"{side}-{width}-{mode}")
    finally:
        chromium.set_window_size(size["width"], size["height"])
    assert seen["width"] == WIDTHS[width][0]
    assert seen["cut"] == [] and seen["tagLines"] >= (2 if width == "phone" else 1)
    # The note's own colours, not the reviewer's, whatever the mode.
    expected = {"light": ("rgb(255, 255, 255)", "rgb(31, 35, 40)"), "night": ("rgb(30, 30, 30)", "rgb(230, 237, 243)")}
    assert (seen["background"], seen["text"]) == expected[mode]
    assert seen["headLines"] == 1
    assert not seen["pageScrolls"]
    if width == "desktop":
        assert not seen["codeScrolls"] and seen["codeWidth"] > seen["textWidth"]
    else:
        assert seen["codeScrolls"]


def test_the_front_names_the_question_not_the_document(sides: dict[str, str]) -> None:
    assert "Q17" in sides["front"] and "Interview Questions" not in sides["front"]
    assert "Interview Questions" in sides["back"]
    assert "latent code" not in sides["cloze-front"] and "latent code" in sides["cloze-back"]
