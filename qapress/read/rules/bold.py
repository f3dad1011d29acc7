"""Bold question lines: ``**Q1: What is X?**`` or ``**What is X?**``, the answer below.
"""

from __future__ import annotations

from qapress.read.outline import Outline
from qapress.read.questions import (
    BOLD_LEVEL,
    QUESTION_MARKS,
    Start,
    bold_first_line,
    match_number,
    split_trailing,
    unwrap,
)


def find(outline: Outline) -> list[Start]:
    """Return the paragraphs that open with a bold, numbered or questioning line."""
    starts: list[Start] = []
    for index, block in enumerate(outline.blocks):
        if block.kind != "paragraph" or block.text[:1] not in ("*", "_"):
            continue
        bold = bold_first_line(block)
        if bold is None:
            continue
        match = match_number(bold)
        text = unwrap(match["text"] or "") if match else bold
        question, trailing = split_trailing(text)
        if match or question.endswith(QUESTION_MARKS):
            number = int(match["number"]) if match else None
            starts.append(Start(index, number, question, block.begin + 1, BOLD_LEVEL, trailing))
    return starts
