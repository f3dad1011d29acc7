"""How tall an item will print, estimated from its HTML, to tell the items that cannot fit a column.

An estimate that errs high is harmless (the item may break between its blocks where it would have
fitted); one that errs low leaves a column part empty, so the figures are generous.
"""

from __future__ import annotations

import math
import re

from qapress.render.sheet.geometry import (
    CODE_EM,
    CODE_LINE,
    LINE,
    MM,
    SMALL_TABLE_EM,
    TABLE_EM,
    TABLE_LINE,
    Geometry,
)

_BLOCKS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "dt", "dd", "br", "hr",
})
BLOCK_GAP = 0.8 * MM
"""The space under each paragraph, list and code block."""
PICTURE = 40 * MM
"""A picture's guessed height: the stylesheet lets none be taller than 60 mm."""


_PIECES = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<[^>]*>|([^<]+)|<")
"""A tag (end mark, name, attributes), a comment or other mark-up, or text. Our own renderings
and nh3's output are well formed, so a pattern reads them at a fraction of ``html.parser``'s cost."""
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class _Estimate:
    """Add up the lines of text, code and table rows in an answer."""

    def __init__(self, page: Geometry) -> None:
        self.page = page
        self.points = 0.0
        self._chars = 0
        self._cells: list[int] = []
        self._small = False
        self._code = 0
        """How many ``pre`` elements are open: code is counted by its lines, not its letters."""

    def feed(self, html: str) -> None:
        """Count every tag and run of text of ``html``."""
        for match in _PIECES.finditer(html):
            end, tag, attributes, data = match.groups()
            if data is not None:
                self.handle_data(data)
            elif tag is None:
                continue
            elif end:
                self.handle_endtag(tag.lower())
            else:
                found = _CLASS.search(attributes)
                self.handle_starttag(tag.lower(), (found[1] or found[2] or "") if found else "")
                if attributes.endswith("/"):
                    self.handle_endtag(tag.lower())

    def handle_starttag(self, tag: str, classes: str) -> None:
        if tag == "pre":
            self._flush()
            self._code += 1
        elif tag == "table":
            self._flush()
            self._small = "small" in classes
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in ("td", "th"):
            self._cells.append(0)
        elif tag == "span" and classes in ("line", "wrap"):
            # A line of code, or the continuation of one the build wrapped.
            self.points += self.page.font * CODE_EM * CODE_LINE
        elif tag == "img" and "formula" not in classes:
            self.points += PICTURE
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._code:
            self._code -= 1
        if tag == "tr":
            self._row(len(self._cells))
        elif tag in _BLOCKS or tag in ("pre", "table"):
            self._flush()
            self.points += BLOCK_GAP if tag != "li" else 0

    def handle_data(self, data: str) -> None:
        if self._code:
            return
        if self._cells:
            self._cells[-1] += len(data)
        elif data.strip():
            self._chars += len(data)

    def _row(self, count: int) -> None:
        em = SMALL_TABLE_EM if self._small else TABLE_EM
        wide = self.page.chars(self.page.column / max(count, 1), em)
        lines = max((math.ceil(c / wide) for c in self._cells), default=1)
        self.points += max(lines, 1) * self.page.font * em * TABLE_LINE + 0.6 * MM
        self._cells = []

    def _flush(self) -> None:
        if self._chars:
            lines = math.ceil(self._chars / self.page.chars(self.page.column, 1.0))
            self.points += lines * self.page.font * LINE
        self._chars = 0


def item_height(question: str, answer: str, tags: int, page: Geometry) -> float:
    """Return the points an item of this question and answer HTML takes in a column."""
    estimate = _Estimate(page)
    estimate.feed(f"<p>{question}</p>{answer}")
    estimate._flush()
    return estimate.points + (page.font * 0.75 * 1.5 if tags else 0) + 2 * MM
