"""Numbered question headings: ``### Q1. ...``, ``## 2) ...``, ``## Question 3`` with the
question in bold below; at their level, unnumbered headings that ask a question are questions too.
"""

from __future__ import annotations

import re
from collections import Counter

from qapress.read.outline import Heading, Outline
from qapress.read.questions import QUESTION_MARKS, Start, bold_first_line, split_trailing, unwrap


def find(outline: Outline) -> list[Start]:
    """Return the numbered question headings at the level most of them share."""
    numbered = [h for h in outline.headings if h.numbered and _could_be_question(outline, h)]
    if not numbered:
        return []
    level = Counter(h.level for h in numbered).most_common(1)[0][0]
    return [
        _heading_start(outline, h, h.numbered) if h.numbered else
        Start(h.block, None, h.question, outline.blocks[h.block].end, level, h.trailing)
        for h in outline.headings
        if h.level == level and not h.setext and (h.numbered or h.question.endswith(QUESTION_MARKS))
    ]


def _could_be_question(outline: Outline, heading: Heading) -> bool:
    # A level-1 heading is the title unless it plainly reads "Q1".
    text = outline.blocks[heading.block].text
    return heading.level > 1 or re.match(r"[*_]*Q\d", text.strip()) is not None


def _heading_start(outline: Outline, heading: Heading, match: re.Match[str]) -> Start:
    blocks, index = outline.blocks, heading.block
    block = blocks[index]
    question, trailing = split_trailing(unwrap(match["text"] or ""))
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if not question and following is not None and following.kind == "paragraph":
        bold = bold_first_line(following)
        if bold is not None:
            # "## Question 7" with the question itself as the bold line below
            question, trailing = split_trailing(bold)
            return Start(index, int(match["number"]), question, following.begin + 1, block.level, trailing)
    return Start(index, int(match["number"]), question, block.end, block.level, trailing)
