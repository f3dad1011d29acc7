"""The chooser: which question rule reads a document."""

from __future__ import annotations

from collections.abc import Sequence

from qapress.read.blocks import Block
from qapress.read.questions import Start
from qapress.read.rules import RULES


def find_starts(blocks: Sequence[Block], style: str | None = None) -> tuple[str, list[Start]]:
    """Return the style used and its question starts; ``style`` forces one, else the best wins."""
    if style is not None:
        return style, RULES[style](blocks)
    found = [(name, rule(blocks)) for name, rule in RULES.items()]
    # max() keeps the first of equals, so the order of RULES breaks ties.
    return max(found, key=lambda pair: len(pair[1]))
