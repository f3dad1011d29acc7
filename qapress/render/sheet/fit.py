"""An answer's HTML made to fit a column: code lines wrapped with a mark, tables set to their width.

CSS cannot choose a layout by how wide a table's text is, nor mark where it wraps a line of code,
so the build does both from character counts. The HTML it reads is its own (rendered and
cleaned), so a scan of tags and text is enough; every step is linear in the HTML's size.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from qapress.render.sheet.geometry import (
    CODE_EM,
    MONO_EM,
    SMALL_TABLE_EM,
    TABLE_EM,
    Geometry,
)

_PRE = re.compile(r"(<pre[^>]*><code[^>]*>)(.*?)(</code></pre>)", re.DOTALL)
_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<(th|td)([^>]*)>(.*?)</\1>", re.DOTALL)
_PIECE = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
CODE_INDENT = 3.5 * 72 / 25.4
"""Points a code block loses to its padding and border."""
CELL_CHARS = 14
"""Characters a table column wants at least, when its text is longer: fewer is crushed."""
WORD_CHARS = 18
"""The longest word a table column tries to keep on one line."""
MARK = '<span class="wrap" aria-hidden="true"></span>'
"""Starts a code line's continuation; the stylesheet draws the mark."""


@dataclass(frozen=True, slots=True)
class Table:
    """How a table is set: ``column``, ``span`` (across every column), ``small`` or ``rows``."""

    kind: str
    small: bool = False


def fit_answer(answer: str, page: Geometry) -> tuple[str, bool]:
    """Return the answer with code wrapped and tables set, and whether it must span the columns."""
    chars = page.chars(page.column - CODE_INDENT, CODE_EM, MONO_EM)
    answer = _PRE.sub(lambda m: m[1] + wrap_code(m[2], chars) + m[3], answer)
    spans = False

    def set_table(match: re.Match[str]) -> str:
        nonlocal spans
        rows = [_CELL.findall(row) for row in _ROW.findall(match[1])]
        if "<table" in match[1] or not rows:
            return match[0]  # a table inside a table (raw HTML) keeps its own layout
        chosen = choose_table(rows, page)
        spans = spans or chosen.kind == "span"
        if chosen.kind == "rows":
            return stacked_rows(rows, "<thead>" in match[1])
        classes = " ".join(c for c in (chosen.kind, "small" if chosen.small else "") if c)
        return f'<table class="{classes}">{match[1]}</table>'

    return _TABLE.sub(set_table, answer), spans


def wrap_code(code: str, chars: int) -> str:
    """Return highlighted code as one block per line, wrapped at ``chars`` with a mark."""
    lines: list[str] = []
    opened: list[str] = []
    for line in code.rstrip("\n").split("\n"):
        reopened = "".join(opened)
        parts, count = [reopened], 0
        for piece in _PIECE.findall(line):
            if piece.startswith("<") and piece.endswith(">"):
                if piece.startswith("</"):
                    del opened[-1:]
                elif not piece.endswith("/>"):
                    opened.append(piece)
            else:
                if count == chars:
                    parts.append("\n" + MARK)
                    count = 2  # the mark takes two characters' room
                count += 1
            parts.append(piece)
        lines.append(f'<span class="line">{"".join(parts)}{"</span>" * len(opened)}</span>')
    return "".join(lines)


def choose_table(rows: list[list[tuple[str, str, str]]], page: Geometry) -> Table:
    """Return how a table of these cells is set: in a column, across them, smaller, or as rows."""
    widths = [0] * max(len(row) for row in rows)
    for row in rows:
        for n, (_, _, cell) in enumerate(row):
            widths[n] = max(widths[n], wanted_chars(text_of(cell)))
    need = sum(widths) + 1.5 * len(widths)  # each cell's padding and rules
    for em, small in ((TABLE_EM, False), (SMALL_TABLE_EM, True)):
        if need <= page.chars(page.column, em):
            return Table("column", small)
        if page.columns > 1 and need <= page.chars(page.across, em):
            return Table("span", small)
    return Table("rows")


def wanted_chars(text: str) -> int:
    """Return the width a cell wants: all of a short text; room for its longest word, up to a cap."""
    longest = max((len(word) for word in text.split()), default=0)
    return max(min(len(text), CELL_CHARS), min(longest, WORD_CHARS))


def stacked_rows(rows: list[list[tuple[str, str, str]]], headed: bool) -> str:
    """Return a table as one block per row, each cell a ``header: value`` line."""
    headers = [text_of(cell) for _, _, cell in rows[0]] if headed else []
    body = rows[1:] if headed else rows
    out = ['<div class="rows">']
    for row in body:
        out.append('<div class="row">')
        for n, (_, _, cell) in enumerate(row):
            key = headers[n] if n < len(headers) else ""
            label = f'<span class="key">{html.escape(key)}:</span> ' if key else ""
            out.append(f"<p>{label}{cell}</p>")
        out.append("</div>")
    out.append("</div>")
    return "".join(out)


def text_of(fragment: str) -> str:
    """Return the text of an HTML fragment, tags dropped and characters unescaped."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())
