"""Two-column tables whose header names a question and an answer: each row is an item.
"""

from __future__ import annotations

import re

from qapress.read import questions
from qapress.read.outline import Outline
from qapress.read.questions import Start

_CELL_BREAK = re.compile(r"(?<!\\)\|")
_QUESTION_HEAD = re.compile(rf"\W*(?:{questions.QUESTION_LABELS}|questions?|term|prompt|front)\W*", re.IGNORECASE)
_ANSWER_HEAD = re.compile(rf"\W*(?:{questions.ANSWER_LABELS}|answers?|definition|meaning|back)\W*", re.IGNORECASE)


def cells(line: str) -> list[str]:
    """Return the cells of a table row, escaped pipes kept in their cell."""
    row = line.strip()
    row = row.removeprefix("|")
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip().replace("\\|", "|") for cell in _CELL_BREAK.split(row)]


def find(outline: Outline) -> list[Start]:
    """Return one question per row of each table headed by a question and an answer column."""
    if "table" not in outline.kinds:
        return []
    starts: list[Start] = []
    lines = outline.lines
    for index, block in enumerate(outline.blocks):
        if block.kind != "table":
            continue
        head = cells(lines[block.begin])
        asked = next((i for i, c in enumerate(head) if _QUESTION_HEAD.fullmatch(c)), None)
        told = next((i for i, c in enumerate(head) if _ANSWER_HEAD.fullmatch(c)), None)
        if asked is None or told is None or asked == told:
            continue
        for number in range(block.begin + 2, block.end):
            row = cells(lines[number])
            if max(asked, told) >= len(row) or not row[asked]:
                continue
            question, trailing = questions.split_trailing(questions.unwrap(row[asked]))
            answer = re.sub(r"<br\s*/?>", "\n", row[told]).strip()
            starts.append(Start(index, None, question, number, questions.BOLD_LEVEL, trailing, line=number,
                                answer_to=number + 1, answer=answer))
    return starts
