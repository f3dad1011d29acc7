"""Question rules: each reads a document's top-level blocks and proposes where questions start.

A rule is a module with one function, ``find(blocks) -> list[Start]``; ``RULES`` names them in the
order that breaks ties.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qapress.read.blocks import Block
from qapress.read.questions import Start
from qapress.read.rules import bold, heading, unnumbered

Rule = Callable[[Sequence[Block]], list[Start]]

RULES: dict[str, Rule] = {
    "heading": heading.find,
    "unnumbered": unnumbered.find,
    "bold": bold.find,
}
"""Every rule by the style name ``--format`` takes; the first of equals wins."""
