"""Bold question lines: ``**Q1: What is X?**`` or ``**What is X?**``, the answer below.
"""

from __future__ import annotations

import re

from qapress.read.blocks import Block
from qapress.read.outline import Outline
from qapress.read.questions import (
    BOLD_LEVEL,
    QUESTION_MARKS,
    Start,
    bold_first_line,
    match_number,
    split_trailing,
    unwrap,
    without_label,
)

_LEAD = re.compile(r"(\*\*|__)(?P<bold>[^*_\n]{1,40}?)\1(?P<rest>[^\n]+)")


def find(outline: Outline) -> list[Start]:
    """Return the paragraphs that open with a bold, numbered or questioning line."""
    starts: list[Start] = []
    for index, block in enumerate(outline.blocks):
        if block.kind != "paragraph" or block.text[:1] not in ("*", "_"):
            continue
        bold = bold_first_line(block)
        if bold is None:
            start = _numbered_lead(index, block)
            if start is not None:
                starts.append(start)
            continue
        match = match_number(bold)
        text = unwrap(match["text"] or "") if match else without_label(bold)
        question, trailing = split_trailing(text)
        if match or question.endswith(QUESTION_MARKS):
            number = int(match["number"]) if match else None
            starts.append(Start(index, number, question, block.begin + 1, BOLD_LEVEL, trailing))
    return starts


def _numbered_lead(index: int, block: Block) -> Start | None:
    """Return the start of a line led by a bold number, ``**1)** text`` or ``**2) Title.** text``."""
    lead = _LEAD.match(block.text)
    match = match_number(unwrap(lead["bold"])) if lead else None
    if lead is None or match is None:
        return None
    question, trailing = split_trailing(unwrap(" ".join(f"{match['text'] or ''} {lead['rest']}".split())))
    return Start(index, int(match["number"]), question, block.begin + 1, BOLD_LEVEL, trailing)
