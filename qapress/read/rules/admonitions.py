"""MkDocs admonitions that ask: ``!!! question "What is X?"``, the indented body the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qapress.read.outline import Outline
from qapress.read.questions import BOLD_LEVEL, Start, match_number, split_trailing, unwrap

_OPENING = re.compile(
    r"(?:!!!|\?\?\?\+?)[ \t]+(?:question|faq|quiz|help|example|q)\b[^\"\n]*(?:\"(?P<title>[^\"\n]*)\")?",
    re.IGNORECASE,
)
_ANSWER = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]+(?:answer|success|solution|tip|check|note)\b", re.IGNORECASE)
OPENING = re.compile(r"\s*(?:!!!|\?\?\?\+?)[ \t]+\w+(?:[ \t]+\"(?P<title>[^\"\n]*)\")?\s*")
"""Any admonition's first line; in an answer, only its title is kept."""
INDENT = 4


def find(outline: Outline) -> list[Start]:
    """Return each question admonition, its answer the lines indented below it."""
    starts: list[Start] = []
    lines, resume = outline.lines, 0
    for index, block in enumerate(outline.blocks):
        if block.kind != "paragraph" or block.begin < resume or block.text[:1] not in ("!", "?"):
            continue
        opening = _OPENING.match(block.text)
        if opening is None or not opening["title"]:
            continue
        end = _body_end(lines, block.begin + 1)
        if end < len(lines) and _ANSWER.match(lines[end]):
            # "??? answer" right below: the hidden answer is part of this question's
            end = _body_end(lines, end + 1)
        resume = end
        while end > block.begin + 1 and not lines[end - 1].strip():
            end -= 1
        title = unwrap(opening["title"])
        numbered = match_number(title)
        question, trailing = split_trailing(unwrap(numbered["text"] or "") if numbered else title)
        number = int(numbered["number"]) if numbered else None
        starts.append(Start(index, number, question, block.begin + 1, BOLD_LEVEL, trailing,
                            answer_to=end, indent=INDENT))
    return starts


def _body_end(lines: Sequence[str], line: int) -> int:
    """Return the line after the indented body that begins at ``line``, blank lines after it too."""
    while line < len(lines) and (not lines[line].strip() or lines[line].startswith((" " * INDENT, "\t"))):
        line += 1
    return line
