"""Labelled lines: ``Q: What is X?`` (or ``Question:``, ``Вопрос:``, ``问题：``), the answer after
an ``A:`` line (or ``Answer:``, ``Ответ:``, ``答案：``, ``Respuesta:``).
"""

from __future__ import annotations

import re

from qapress.items import NUMBER
from qapress.read.outline import Outline
from qapress.read.questions import (
    ANSWER_LABELS,
    BOLD_LEVEL,
    QUESTION_LABELS,
    Start,
    split_trailing,
    unwrap,
)

_STRONG = r"(?:\*\*|__)?"
_GAP = r"\s*(?:(?:\*\*|__)\s*)?"
"""Spaces, perhaps with a bold mark among them, read one way only: three optional runs side by
side would split a long run of spaces in cubically many ways before a line without a colon fails."""
_QUESTION = re.compile(
    rf"{_STRONG}(?:{QUESTION_LABELS})(?:\s*(?P<number>{NUMBER})\s*[.)]|\s*(?:(?P<n>{NUMBER})\s*)?{_GAP}[:：])"
    rf"{_GAP}(?P<text>.*)",
    re.IGNORECASE,
)
# "A." and "A)" open options as often as answers: only a colon makes a label.
ANSWER_LINE = re.compile(rf"\s*{_STRONG}(?:{ANSWER_LABELS}){_GAP}[:：]", re.IGNORECASE)


def find(outline: Outline) -> list[Start]:
    """Return the paragraphs that open with a question label."""
    starts: list[Start] = []
    lines = outline.lines
    for index, block in enumerate(outline.blocks):
        if block.kind != "paragraph":
            continue
        match = _QUESTION.match(block.text)
        if match is None:
            continue
        # The question runs on to an answer label or to raw HTML (a <details> holding the answer).
        answer = next((n for n in range(block.begin + 1, block.end) if _ends_question(lines[n])), block.end)
        rest = [lines[n].strip() for n in range(block.begin + 1, answer)]
        question, trailing = split_trailing(unwrap(" ".join([match["text"], *rest]).strip()))
        number = match["number"] or match["n"]
        starts.append(Start(index, int(number) if number else None, question, answer, BOLD_LEVEL, trailing))
    return starts


def _ends_question(line: str) -> bool:
    return line.lstrip().startswith("<") or ANSWER_LINE.match(line) is not None
