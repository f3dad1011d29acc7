"""What a card looks like: Anki renders it from the imported deck, a real Chromium shows it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from anki_reader import import_source, open_collection

MODES = {"light": "", "night": "nightMode night_mode"}
"""Anki's desktop sets both night classes on the card's body; AnkiDroid sets ``night_mode``."""
LONG_LINE = "    return x  # " + "a comment too long for a phone screen " * 4
SOURCE = (
    "# Looks\n\n### Q1. How does `code` look?\nIt is **highlighted**:\n\n"
    f"```python\ndef f(x: int) -> int:\n{LONG_LINE}\n```\n"
)
MEASURE = """
const pre = document.querySelector('pre.hl');
const style = getComputedStyle(pre);
const card = getComputedStyle(document.body);
return {
  align: style.textAlign, overflow: style.overflowX, whiteSpace: style.whiteSpace,
  scrolls: pre.scrollWidth > pre.clientWidth,
  pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
  codeBackground: style.backgroundColor, cardBackground: card.backgroundColor, text: card.color,
  tokens: [...pre.querySelectorAll('span')].filter(s => s.textContent.trim())
    .map(s => getComputedStyle(s).color),
  inlineStyles: document.querySelectorAll('[style]').length,
};
"""


def luminance(css_colour: str) -> float:
    """Return the WCAG relative luminance of an ``rgb(...)`` colour."""
    red, green, blue = (int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3])
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def answer_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the answer side of the card as Anki renders it, stylesheet included."""
    folder = tmp_path_factory.mktemp("cards")
    with open_collection(folder) as col:
        return str(import_source(col, folder, SOURCE).cards()[0].answer())


@pytest.mark.parametrize("mode", MODES)
def test_card_reads_well_on_a_phone(
    chromium: Any, answer_html: str, tmp_path: Path, mode: str
) -> None:
    page = tmp_path / "card.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f'<body class="card card1 {MODES[mode]}">{answer_html}</body></html>',
        encoding="utf-8",
    )
    size = chromium.get_window_size()
    chromium.set_window_size(390, 844)
    try:
        chromium.get(page.as_uri())
        seen = chromium.execute_script(MEASURE)
    finally:
        chromium.set_window_size(size["width"], size["height"])
    assert (seen["align"], seen["overflow"], seen["whiteSpace"]) == ("left", "auto", "pre")
    assert seen["scrolls"] and not seen["pageScrolls"]
    assert seen["inlineStyles"] == 0
    dark = luminance(seen["cardBackground"]) < 0.1
    assert dark == (mode == "night")
    assert contrast(seen["text"], seen["cardBackground"]) >= 7
    assert len(set(seen["tokens"])) >= 3, "code should be highlighted in several colours"
    assert min(contrast(token, seen["codeBackground"]) for token in seen["tokens"]) >= 4.5
