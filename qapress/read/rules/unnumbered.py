"""Unnumbered question headings: every heading at one level ends in a question mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from qapress.read.blocks import Block
from qapress.read.questions import QUESTION_MARKS, Start, split_trailing, unwrap


def find(blocks: Sequence[Block]) -> list[Start]:
    """Return the headings of the level with the most, all ending in a question mark."""
    best: list[Start] = []
    for level in range(2, 7):
        at_level = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading" and b.level == level]
        split = [split_trailing(unwrap(b.text)) for _, b in at_level]
        questions = all(text.endswith(QUESTION_MARKS) for text, _ in split)
        if len(at_level) >= 2 and questions and len(at_level) > len(best):
            best = [
                Start(i, None, text, b.end, level, trailing)
                for (i, b), (text, trailing) in zip(at_level, split)
            ]
    return best
