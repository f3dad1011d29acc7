"""Formulas: TeX between ``$``, ``$$``, ``\\(...\\)`` or ``\\[...\\]``, read and typeset as MathML.

math-core (Rust) typesets TeX to MathML, which current browsers show natively. The brackets are
read by a rule of our own rather than a plugin's, whose search for a closer is quadratic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

LONGEST = 2_000
"""Longest TeX typeset: math-core overflows its stack, killing the process, on deep nesting, and
nesting can be no deeper than the text is long."""
BRACKETS = (("\\(", "\\)", "math_inline"), ("\\[", "\\]", "math_inline_double"))
"""Each opener, its closer and the token it makes: ``\\[...\\]`` is displayed."""
_CELL_CLASSES = (("text-align: right", "math-r"), ("text-align: left", "math-l"),
                 ("text-align: center", "math-c"), ("padding-left:1em", "math-gap"))
"""math-core aligns table cells with inline styles, which the pages' CSP drops: classes instead."""
_STYLE = r' style="([^"<>]*)"'
"""Compiled by ``re`` on first use, by the first formula with an aligned table."""


def read_brackets(md: MarkdownIt) -> None:
    """Teach ``md`` to read ``\\(...\\)`` and ``\\[...\\]`` as math, before backslash escapes."""
    for opener, closer, kind in BRACKETS:
        md.inline.ruler.before("escape", kind.replace("math", "bracket"), _bracket(opener, closer, kind))


def _bracket(opener: str, closer: str, kind: str) -> Callable[[StateInline, bool], bool]:
    def rule(state: StateInline, silent: bool) -> bool:
        src, at = state.src, state.pos
        if not src.startswith(opener, at):
            return False
        # With no closer after one opener there is none after a later one: remembering that
        # keeps a run of openers linear.
        missed: dict[str, Any] = state.env.setdefault("qapress-unclosed", {})
        if missed.get(closer) is src:
            return False
        end = src.find(closer, at + 2, state.posMax)
        if end < 0:
            missed[closer] = src
            return False
        if end == at + 2:
            return False
        if not silent:
            token = state.push(kind, "math", 0)
            token.content, token.markup = src[at + 2:end], opener
        state.pos = end + 2
        return True

    return rule


def refusal(tex: str) -> str | None:
    """Return why ``tex`` cannot be typeset, or None when it can."""
    return _typeset(tex, False)[1] or None


def mathml(tex: str, display: bool) -> str | None:
    """Return ``tex`` typeset as MathML, or None when it cannot be."""
    return _typeset(tex, display)[0]


@cache
def _typeset(tex: str, display: bool) -> tuple[str | None, str]:
    """Return the MathML, or None and why there is none."""
    if len(tex) > LONGEST:
        return None, f"it is {len(tex):,} characters long, more than {LONGEST:,}"
    from math_core import LatexError

    try:
        found = _converter().convert_with_local_state(tex, displaystyle=display)
    except LatexError as error:
        # math-core starts its message with the offset into the TeX: "0: Unknown command ...".
        return None, str(error).strip().rstrip(".").split(": ", 1)[-1]
    return (re.sub(_STYLE, _cell_class, found) if ' style="' in found else found), ""


def _cell_class(match: re.Match[str]) -> str:
    names = [name for style, name in _CELL_CLASSES if style in match[1]]
    return f' class="{" ".join(names)}"' if names else ""


@cache
def _converter() -> Any:
    from math_core import LatexToMathML

    return LatexToMathML(fancy_error=False)
