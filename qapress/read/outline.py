"""A document as the question rules see it: its blocks, its lines, and its headings read once.

Several rules look at headings; reading each heading's text and number here, once, keeps the
rules from walking every block again for the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qapress.read.blocks import Block
from qapress.read.questions import match_number, split_trailing, unwrap, without_label


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading that could hold a question."""

    block: int
    level: int
    question: str
    """Its text (after its number, when it has one), emphasis, decorations and trailing links
    taken off."""
    trailing: str
    numbered: re.Match[str] | None
    """Its number and the question after it, when it opens with one."""
    setext: bool = False


@dataclass(frozen=True, slots=True)
class Outline:
    """What every rule reads: the blocks, the source lines, and the headings."""

    blocks: Sequence[Block]
    lines: Sequence[str]
    headings: tuple[Heading, ...]
    kinds: frozenset[str]
    """The kinds of block the document holds, so a rule with nothing to read returns at once."""


def outline(blocks: Sequence[Block], lines: Sequence[str], first: int = 0) -> Outline:
    """Return the outline of a document whose questions may start from block ``first`` on."""
    headings: list[Heading] = []
    for index in range(first, len(blocks)):
        block = blocks[index]
        if block.kind == "heading":
            text = unwrap(block.text)
            number = None if block.setext else match_number(text)
            question, trailing = split_trailing(unwrap(number["text"] or "") if number else text)
            if number is None:
                question = without_label(question)
            headings.append(Heading(index, block.level, question, trailing, number, block.setext))
    kinds = frozenset(block.kind for block in blocks[first:])
    return Outline(blocks, lines, tuple(headings), kinds)


def after_front_matter(blocks: Sequence[Block], lines: Sequence[str]) -> int:
    """Return the first block after a YAML front matter (``---`` lines around it), or 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    close = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
    if close is None:
        return 0
    return next((i for i, block in enumerate(blocks) if block.begin > close), len(blocks))
