"""Numbered question headings: ``### Q1. ...``, ``## 2) ...``, ``## Question 3`` with the
question in bold below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from qapress.read.blocks import Block
from qapress.read.questions import Start, bold_first_line, match_number, split_trailing, unwrap


def find(blocks: Sequence[Block]) -> list[Start]:
    """Return the numbered question headings at the level most of them share."""
    matches: list[tuple[int, re.Match[str]]] = []
    for index, block in enumerate(blocks):
        if _could_be_question(block):
            match = match_number(unwrap(block.text))
            if match:
                matches.append((index, match))
    if not matches:
        return []
    level = Counter(blocks[i].level for i, _ in matches).most_common(1)[0][0]
    return [_heading_start(blocks, i, m) for i, m in matches if blocks[i].level == level]


def _could_be_question(block: Block) -> bool:
    if block.kind != "heading" or block.setext:
        return False
    # A level-1 heading is the title unless it plainly reads "Q1".
    return block.level > 1 or re.match(r"[*_]*Q\d", block.text.strip()) is not None


def _heading_start(blocks: Sequence[Block], index: int, match: re.Match[str]) -> Start:
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
