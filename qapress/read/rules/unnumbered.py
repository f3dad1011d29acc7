"""Unnumbered question headings: every heading at one level asks, and none is numbered (numbered
ones are the heading rule's); failing that, a level of many headings where most ask, less the
introduction and reference sections around them.
"""

from __future__ import annotations

import re

from qapress.read.outline import Heading, Outline
from qapress.read.questions import QUESTION_MARKS, Start, asks

MOSTLY = 0.6
"""The share of a level's headings that must ask for the rest to be taken as questions too."""
MANY = 5
"""The fewest headings at a level for "most of them ask" to mean anything."""
_AROUND = re.compile(
    r"[\W_]*(?:intro|preface|foreword|contents|table of contents|summary|conclusion|references?|"
    r"resources|links|further reading|see also|licen[cs]e|acknowledg|sources|前言|目录|目錄|总结|總結|参考|"
    r"參考|введение|содержание|источники|литература|índice|introducción|referencias|fuentes)",
    re.IGNORECASE,
)


def find(outline: Outline) -> list[Start]:
    """Return the headings of the level with the most, all asking, or else mostly asking."""
    by_level: dict[int, list[Heading]] = {}
    numbered: set[int] = set()
    for heading in outline.headings:
        if heading.numbered:
            numbered.add(heading.level)
        else:
            by_level.setdefault(heading.level, []).append(heading)
    levels = {level: found for level, found in by_level.items() if level not in numbered}
    strict = [found for level, found in levels.items()
              if all(h.question.endswith(QUESTION_MARKS) for h in found)
              and len(found) >= (1 if level > 1 else 3)]  # a lone level-1 heading is the title
    best = _most(strict) or _most([_asking(found) for found in levels.values()])
    blocks = outline.blocks
    return [Start(h.block, None, h.question, blocks[h.block].end, h.level, h.trailing) for h in best]


def _asking(found: list[Heading]) -> list[Heading]:
    """Return the headings of a level where most ask, less those around the questions, or []."""
    kept = [h for h in found if not _AROUND.match(h.question)]
    if len(kept) < MANY or sum(asks(h.question) for h in kept) < MOSTLY * len(kept):
        return []
    return kept


def _most(candidates: list[list[Heading]]) -> list[Heading]:
    # max() keeps the first of equals: the level met first.
    return max((found for found in candidates if found), key=len, default=[])
