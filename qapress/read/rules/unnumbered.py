"""Unnumbered question headings: every heading at one level ends in a question mark, and none
is numbered (numbered ones are the heading rule's).
"""

from __future__ import annotations

from qapress.read.outline import Heading, Outline
from qapress.read.questions import QUESTION_MARKS, Start


def find(outline: Outline) -> list[Start]:
    """Return the headings of the level with the most, all ending in a question mark."""
    by_level: dict[int, list[Heading]] = {}
    spoilt: set[int] = set()
    for heading in outline.headings:
        if heading.numbered or not heading.question.endswith(QUESTION_MARKS):
            spoilt.add(heading.level)
        elif heading.level not in spoilt:
            by_level.setdefault(heading.level, []).append(heading)
    # A lone level-1 heading is the title; several that all ask are the questions.
    usable = [found for level, found in by_level.items()
              if level not in spoilt and len(found) >= (1 if level > 1 else 3)]
    if not usable:
        return []
    best = max(sorted(usable, key=lambda found: found[0].level), key=len)
    blocks = outline.blocks
    return [Start(h.block, None, h.question, blocks[h.block].end, h.level, h.trailing) for h in best]
