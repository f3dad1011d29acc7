"""Collapsed blocks: ``<details><summary>What is X?</summary> answer </details>``, and the other
way round, a question paragraph followed by ``<details><summary>Answer</summary>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qapress.read.blocks import Block
from qapress.read.outline import Outline
from qapress.read.questions import (
    ANSWER_LABELS,
    BOLD_LEVEL,
    Start,
    match_number,
    split_trailing,
    unwrap,
)

_SUMMARY_OPENING = re.compile(r"<summary(?:\s[^<>]*)?>", re.IGNORECASE)
_TAG = r"</?(?:b|p|br|strong|i|em|summary|details)\s*/?>"
_TAGS = re.compile(_TAG, re.IGNORECASE)
_ONLY_TAGS = re.compile(rf"(?:\s|{_TAG})*", re.IGNORECASE)
"""Nothing but spaces and these tags; each alternative opens with its own character, so linear."""
_SHOW = re.compile(
    rf"\W*(?:{ANSWER_LABELS}|show|show answer|solution|reveal|click|click to expand|explanation)\b.*",
    re.IGNORECASE,
)
_ITEM = re.compile(r"(?:[-*+]|(\d{1,9})[.)])\s+")
SUMMARY_LINES = 40
"""A summary longer than this is taken for a broken one, not a question."""


def find(outline: Outline) -> list[Start]:
    """Return a question for each top-level ``<details>`` block that asks or answers one."""
    starts: list[Start] = []
    blocks, resume = outline.blocks, 0
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or index < resume or block.text[:8].lower() != "<details":
            continue
        found = _read(outline.lines, blocks, index)
        if found is None:
            continue
        if found[3] < 0:
            break  # never closed: so is every later one, and looking again would be quadratic
        summary, answer_from, answer_to, resume = found
        question, trailing = split_trailing(unwrap(" ".join(_TAGS.sub(" ", summary).split())))
        if not _SHOW.fullmatch(question):
            numbered = match_number(question)
            number = int(numbered["number"]) if numbered else None
            text = unwrap(numbered["text"] or "") if numbered else question
            starts.append(Start(index, number, text, answer_from, BOLD_LEVEL, trailing, answer_to=answer_to))
        elif index > 0 and blocks[index - 1].kind in ("paragraph", "list"):
            starts.append(_asked_before(outline.lines, blocks, index - 1, (answer_from, answer_to)))
    return starts


def _asked_before(lines: Sequence[str], blocks: Sequence[Block], index: int, answer: tuple[int, int]) -> Start:
    """Return the start of a question written as the paragraph, or the last list item, above
    its hidden answer."""
    block = blocks[index]
    begin = block.items[-1] if block.items else block.begin
    text = " ".join(lines[n].strip() for n in range(begin, block.end) if lines[n].strip())
    marker = _ITEM.match(text) if block.items else None
    text = unwrap(text[marker.end():] if marker else text)
    numbered = match_number(text)
    number = int(numbered["number"]) if numbered else int(marker[1]) if marker and marker[1] else None
    question, trailing = split_trailing(unwrap(numbered["text"] or "") if numbered else text)
    return Start(index, number, question, answer[0], BOLD_LEVEL, trailing, line=begin, answer_to=answer[1])


def _summary(text: str) -> tuple[str, str] | None:
    """Return the text of the first ``<summary>`` and what follows its end, or None."""
    # Found with str.find rather than one pattern, whose lazy run would rescan the rest of the
    # text from every opening that has no end.
    opening = _SUMMARY_OPENING.search(text)
    if opening is None:
        return None
    end = text.lower().find("</summary>", opening.end())
    if end < 0:
        return None
    return text[opening.end() : end], text[end + len("</summary>") :]


def _read(lines: Sequence[str], blocks: Sequence[Block], index: int) -> tuple[str, int, int, int] | None:
    """Return the summary, the answer's first line and the line after it, and the next block."""
    begin = blocks[index].begin
    text = ""
    for number in range(begin, min(begin + SUMMARY_LINES, len(lines))):
        text += lines[number] + "\n"
        summary = _summary(text)
        if summary:
            break
    else:
        return None
    answer_from = number + 1 if _ONLY_TAGS.fullmatch(summary[1]) else number
    closing = _closing(lines, blocks, index)
    if closing is None:
        return "", 0, 0, -1
    close_block, close_line = closing
    return summary[0], answer_from, max(answer_from, close_line), close_block + 1


def _closing(lines: Sequence[str], blocks: Sequence[Block], index: int) -> tuple[int, int] | None:
    """Return the block and line after the ``</details>`` that closes the one opened here."""
    depth = 0
    for at in range(index, len(blocks)):
        block = blocks[at]
        if block.kind == "code":
            continue
        # A closing tag may sit in a list item or a quote as well as in a paragraph of its own.
        text = block.text if block.kind == "paragraph" else "\n".join(lines[block.begin : block.end])
        low = text.lower()
        if "details" not in low:
            continue
        depth += low.count("<details") - low.count("</details>")
        if depth <= 0:
            return at, block.end
    return None
