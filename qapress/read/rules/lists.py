"""List items that ask: ``1. What is X?`` or ``- **What is X?**``, the item's nested content
the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qapress.read.outline import Outline
from qapress.read.questions import (
    BOLD_LEVEL,
    Start,
    asks,
    match_number,
    split_trailing,
    unwrap,
    without_label,
)

_MARKER = re.compile(r"(?P<marker>[-*+]|(?P<number>\d{1,9})[.)])(?:[ \t]+|$)")
_HEADING = re.compile(r"#{1,6}[ \t]+")
_ASKED_IN_BOLD = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(\*\*|__)(?P<question>[^*_]+?[?？])\1(?P<answer>.*\S.*)")


def find(outline: Outline) -> list[Start]:
    """Return the items of top-level lists that ask a question and hold an answer."""
    if "list" not in outline.kinds:
        return []
    starts: list[Start] = []
    for index, block in enumerate(outline.blocks):
        if block.kind == "list":
            ends = [*block.items[1:], block.end]
            for begin, end in zip(block.items, ends):
                start = _item_start(outline.lines, index, begin, end)
                if start is not None:
                    starts.append(start)
    return starts


def _item_start(lines: Sequence[str], index: int, begin: int, end: int) -> Start | None:
    while end > begin + 1 and not lines[end - 1].strip():
        end -= 1
    if end == begin + 1:
        # Most items in answers are one line: only "**Question?** answer" asks, on its own line.
        return _one_line(lines[begin], index, begin) if "?**" in lines[begin] else None
    marker = _MARKER.match(lines[begin])
    if marker is None:
        return None
    first = _HEADING.sub("", lines[begin][marker.end():].strip(), count=1)
    numbered = match_number(unwrap(first))
    text = unwrap(numbered["text"] or "") if numbered else without_label(unwrap(first))
    question, trailing = split_trailing(text)
    if not (numbered or asks(question)):
        return None
    number = numbered["number"] if numbered else marker["number"]
    return Start(index, int(number) if number else None, question, begin + 1, BOLD_LEVEL, trailing,
                 line=begin, answer_to=end, indent=marker.end())


def _one_line(line: str, index: int, begin: int) -> Start | None:
    """Return the start of ``- **What is X?** It is Y.``: question in bold, answer after it."""
    found = _ASKED_IN_BOLD.match(line)
    if found is None:
        return None
    question, trailing = split_trailing(unwrap(found["question"]))
    return Start(index, None, question, begin, BOLD_LEVEL, trailing, line=begin, answer_to=begin + 1,
                 answer=found["answer"].strip())
