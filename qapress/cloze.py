"""Cloze deletions: ``{{c1::hidden text}}`` (or ``{{c1::text::hint}}``) written in an answer.

The Markdown engine reads them as a ``<mark class="cloze">`` around the hidden text, so the site
and the print sheet show what a card would hide; the deck turns that mark back into Anki's own
``{{c1::...}}``, whose text Anki hides and reveals. As in Anki, the first ``::`` after the number
starts the hint and the first ``}}`` ends the deletion, so deletions do not nest.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

_OPENING = re.compile(r"\{\{c(\d{1,3})::")
_MARK = re.compile(
    r'<mark class="cloze" data-cloze="(\d+)"(?: data-hint="([^"<>]*)")?>(.*?)</mark>', re.DOTALL
)
_UNCLOSED = "cloze_unclosed_from"
"""Where, in the env of one parse, no ``}}`` follows: later openings need not look again."""


def cloze_plugin(md: MarkdownIt) -> None:
    """Read ``{{cN::text}}`` as a cloze mark around inline Markdown."""
    md.inline.ruler.push("cloze", _cloze)


def _cloze(state: StateInline, silent: bool) -> bool:
    start = state.pos
    opening = _OPENING.match(state.src, start, state.posMax) if state.src[start] == "{" else None
    if opening is None:
        return False
    close = _closing(state, opening.end())
    if close < 0:
        return False
    hint_at = state.src.find("::", opening.end(), close)
    if not silent:
        token = state.push("cloze_open", "mark", 1)
        token.attrs = {"class": "cloze", "data-cloze": str(int(opening[1]))}
        if hint_at >= 0:
            token.attrs["data-hint"] = state.src[hint_at + 2 : close].strip()
        maximum = state.posMax
        state.pos, state.posMax = opening.end(), hint_at if hint_at >= 0 else close
        state.md.inline.tokenize(state)
        state.posMax = maximum
        state.push("cloze_close", "mark", -1)
    state.pos = close + 2
    return True


def _closing(state: StateInline, start: int) -> int:
    """Return where the deletion starting at ``start`` ends, or -1; linear over many openings."""
    # The env is shared by every inline run of one parse, so the note names the text it is about.
    whole = state.posMax == len(state.src)
    unclosed = state.env.get(_UNCLOSED)
    if whole and unclosed is not None and unclosed[0] is state.src and unclosed[1] <= start:
        return -1
    close = state.src.find("}}", start, state.posMax)
    if close < 0 and whole:
        state.env[_UNCLOSED] = (state.src, start)
    return close


def anki_clozes(html: str) -> str:
    """Return rendered HTML with each cloze mark written as Anki's ``{{cN::text::hint}}``."""

    def written(mark: re.Match[str]) -> str:
        hint = f"::{mark[2]}" if mark[2] else ""
        return f"{{{{c{mark[1]}::{mark[3]}{hint}}}}}"

    return _MARK.sub(written, html)


def cloze_numbers(html: str) -> set[int]:
    """Return the deletion numbers in rendered HTML: one Anki card each."""
    return {int(mark[1]) for mark in _MARK.finditer(html)}
