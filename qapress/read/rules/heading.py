"""Numbered question headings: ``### Q1. ...``, ``## 2) ...``, ``## Question 3`` with the
question in bold below; at their level, unnumbered headings that ask a question are questions too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from qapress.read.blocks import Block
from qapress.read.outline import Heading, Outline
from qapress.read.questions import (
    QUESTION_LABELS,
    QUESTION_MARKS,
    Start,
    asks,
    bare_label,
    bold_first_line,
    split_trailing,
    unwrap,
)
from qapress.read.rules.label import ANSWER_LINE

_LABEL = re.compile(rf"\s*(?:\*\*|__)?(?:{QUESTION_LABELS})\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*", re.IGNORECASE)
_QUESTION_LEAD = re.compile(rf"[\W_]*(?:(?:{QUESTION_LABELS})\s*\d|\d)", re.IGNORECASE)
_ASKED_LENGTH = 600
"""A longer paragraph below a bare "Question 7" heading is taken for the answer, not the question."""


def find(outline: Outline) -> list[Start]:
    """Return the numbered question headings at the level most of them share."""
    numbered = [h for h in outline.headings if h.numbered and _could_be_question(outline, h)]
    if not numbered:
        return []
    # The level whose numbered headings hold the most questions, not just "Part 2" labels.
    asking = Counter(h.level for h in numbered if not bare_label(h.question))
    every = Counter(h.level for h in numbered)
    # max() keeps the first of equals: the level met first.
    level = max(every, key=lambda at: (asking[at], every[at]))
    starts: list[Start] = []
    for heading in outline.headings:
        if heading.level == level and not heading.setext:
            if heading.numbered:
                starts.append(_heading_start(outline, heading, heading.numbered))
            elif heading.question.endswith(QUESTION_MARKS):
                end = outline.blocks[heading.block].end
                starts.append(Start(heading.block, None, heading.question, end, level, heading.trailing))
        elif heading.numbered and heading.level > 1 and _continues(starts, heading):
            # The numbering runs on at another level (a collection that changes level midway).
            starts.append(_heading_start(outline, heading, heading.numbered))
    return starts


def _continues(starts: list[Start], heading: Heading) -> bool:
    match = heading.numbered
    last = starts[-1].number if starts else None
    return match is not None and last is not None and int(match["number"]) == last + 1 \
        and asks(heading.question)


def _could_be_question(outline: Outline, heading: Heading) -> bool:
    text = outline.blocks[heading.block].text.strip()
    # "Part 2" or "Chapter 3" alone names a section; "Question 3" or "3." alone is a question
    # whose words are below it, or missing.
    if bare_label(heading.question) and not _QUESTION_LEAD.match(text):
        return False
    # A level-1 heading is the title unless it plainly reads "Q1".
    return heading.level > 1 or re.match(r"[*_]*Q\d", text) is not None


def _heading_start(outline: Outline, heading: Heading, match: re.Match[str]) -> Start:
    blocks, index = outline.blocks, heading.block
    block = blocks[index]
    question, trailing = heading.question, heading.trailing
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if bare_label(question) and following is not None and following.kind == "paragraph":
        # "## Question 7" (or "## Q1. (Remember)") with the question in the paragraph below
        # A tag alone ("(Remember)") says the question is below; nothing at all may be a slip.
        asked = _asked_below(outline.lines, following, tagged=bool(question))
        if asked is not None:
            question, trailing, answer_from = asked
            return Start(index, int(match["number"]), question, answer_from, block.level, trailing)
    return Start(index, int(match["number"]), question, block.end, block.level, trailing)


def _asked_below(lines: Sequence[str], paragraph: Block, tagged: bool) -> tuple[str, str, int] | None:
    """Return the question a paragraph holds (a bold line, or lines up to an answer label), its
    trailing links, and the line its answer begins on."""
    bold = bold_first_line(paragraph)
    if bold is not None and not _LABEL.fullmatch(bold):
        return (*split_trailing(bold), paragraph.begin + 1)
    label = _LABEL.match(lines[paragraph.begin])
    first = lines[paragraph.begin][label.end() if label else 0 :].strip()
    end = next((n for n in range(paragraph.begin + 1, paragraph.end) if ANSWER_LINE.match(lines[n])), paragraph.end)
    asked = " ".join([first, *(lines[n].strip() for n in range(paragraph.begin + 1, end))]).strip()
    # Without a "Question:" label or a tag above, only a paragraph that asks is the question.
    if not asked or len(asked) > _ASKED_LENGTH or not (label or tagged or asks(asked)):
        return None
    return (*split_trailing(unwrap(asked)), end)
