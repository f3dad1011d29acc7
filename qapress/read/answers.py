"""Answers: from a question's start to whatever ends it, less the lines that are ours.

An answer ends at a separator (``---``, a ``<br>`` line), at a heading at the question's level or
above, or at the next question. Directive comments, ``<details>`` wrappers and a leading ``A:``
mark belong to the format, not to the answer, and are left out of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from qapress.markup import inline_text
from qapress.read.blocks import Block
from qapress.read.questions import Start

# The value is stripped after the match: a run of spaces split among three patterns is cubic.
_DIRECTIVE = re.compile(r"\s*<!--\s*(id|tags|card)\s*:(.*?)-->\s*")
_WRAPPER = re.compile(
    r"\s*(?:<details(?:\s[^>]*)?>\s*(?:<summary>.*?</summary>)?|<summary>.*?</summary>|</details>)\s*"
)
_ANSWER_MARK = re.compile(r"\s*(?:\*\*|__)?(?:A|Ans|Answer)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*")
# One run of spaces before each break, never two that could share a line: nested runs backtrack
# exponentially when a paragraph of breaks goes on with text.
_BREAKS = re.compile(r"\s*(?:<br\s*/?>\s*)+")


@dataclass(slots=True)
class Draft:
    """An item while its answer is still being gathered: what the parser checks and ids."""

    number: int
    question: str
    line: int
    """0-based line of the question."""
    start: int
    """0-based first line of the answer."""
    end: int
    """0-based line after the answer."""
    section: str
    trailing: str
    """Links from the question's line, appended to the answer."""
    edits: dict[int, str | None] = field(default_factory=dict)
    """Source line -> its replacement in the answer (None drops it)."""
    directives: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Source line -> (name, value) of ``<!-- id: ... -->``, ``<!-- tags: ... -->`` and
    ``<!-- card: ... -->`` lines."""


def gather_drafts(blocks: Sequence[Block], starts: Sequence[Start], lines: Sequence[str]) -> list[Draft]:
    """Return one draft per question start, its answer's extent and section found."""
    drafts: list[Draft] = []
    section, scanned = "", 0
    for position, start in enumerate(starts):
        for block in blocks[scanned:start.block]:
            if block.kind == "heading" and 1 < block.level < start.level and not block.setext:
                section = inline_text(block.text)
        scanned = start.block
        following = starts[position + 1].block if position + 1 < len(starts) else len(blocks)
        number = start.number if start.number is not None else position + 1
        draft = Draft(number, start.question, blocks[start.block].begin, start.answer_from,
                       start.answer_from, section, start.trailing)
        _gather_answer(draft, blocks[start.block:following], start.level, lines)
        drafts.append(draft)
    return drafts


def _gather_answer(draft: Draft, blocks: Sequence[Block], level: int, lines: Sequence[str]) -> None:
    """Extend the draft over the blocks of its answer, up to whatever ends it."""
    first = True
    for index, block in enumerate(blocks):
        if block.end <= draft.start:
            continue
        if index > 0 and _ends_answer(block, level):
            if block.setext:
                # "text\n---" is a setext heading to CommonMark; here it is an answer line
                # followed by the item separator.
                draft.end = block.end - 1
            return
        draft.end = block.end
        if block.kind == "paragraph":
            _read_paragraph(draft, block, lines, first)
        first = False


def _ends_answer(block: Block, level: int) -> bool:
    if block.kind == "hr":
        return True
    if block.kind == "paragraph":
        return _BREAKS.fullmatch(block.text) is not None
    return block.kind == "heading" and (block.setext or block.level <= level)


def _read_paragraph(draft: Draft, block: Block, lines: Sequence[str], first: bool) -> None:
    """Note the lines that are ours, not the answer's: directives, wrappers, an "A:" mark."""
    for number in range(max(block.begin, draft.start), block.end):
        line = lines[number]
        directive = _DIRECTIVE.fullmatch(line)
        if directive:
            draft.directives[number] = (directive[1], directive[2].strip())
            draft.edits[number] = None
        elif _WRAPPER.fullmatch(line):
            draft.edits[number] = None
        elif first:
            first = False
            mark = _ANSWER_MARK.match(line)
            if mark:
                draft.edits[number] = line[mark.end():] or None


def answer_text(draft: Draft, lines: Sequence[str]) -> str:
    """Return the answer's Markdown: its source lines with our own lines taken out."""
    kept = [draft.edits.get(i, lines[i]) for i in range(draft.start, draft.end)]
    body = "\n".join(line for line in kept if line is not None).strip("\n").rstrip()
    return f"{body}\n\n{draft.trailing}" if body and draft.trailing else body
