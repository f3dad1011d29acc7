"""Where questions start: the heading and bold-line styles people write Q&A documents in.

Each style proposes question starts among a document's top-level blocks (see ``structure``), and
the style that finds the most questions wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qapress.items import NUMBER, STYLES

if TYPE_CHECKING:
    from qapress.structure import Block
BOLD_LEVEL = 7
"""The "heading level" of a bold-line question: below every real heading."""

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+)\1", re.DOTALL)
# "Q7. text", "Question 7: text", "问题7：text", "Q7" alone (the question may follow in bold)
_WORD_NUMBER = re.compile(
    rf"[^\W\d_]{{1,12}}\s*(?P<number>{NUMBER})(?:\s*[.:)：．、]\s*(?P<text>.*)|\s*)", re.DOTALL
)
# "Q7 text", "Question 7 text": only these words may go without punctuation.
_Q_SPACE = re.compile(rf"(?:Q|Question)\s*(?P<number>{NUMBER})\s+(?P<text>.*)", re.DOTALL | re.IGNORECASE)
_BARE_NUMBER = re.compile(rf"(?P<number>{NUMBER})\s*[.):：]\s*(?P<text>.*)", re.DOTALL)
_TRAILING_LINKS = re.compile(r"(?:\s*\[\[[^\]]*\]\([^)]*\)\])+\s*$")
_QUESTION_MARKS = ("?", "？")
_BOLD_LINE = re.compile(r"\s*(\*\*|__)(?P<text>.+?)\1\s*")


@dataclass(frozen=True, slots=True)
class Start:
    """Where one question begins."""

    block: int
    number: int | None
    question: str
    """Inline Markdown of the question, numbering and surrounding emphasis removed."""
    answer_from: int
    """0-based line where the answer begins."""
    level: int
    trailing: str = ""
    """Links that followed the question on its line; they belong to the answer."""


def find_starts(blocks: Sequence[Block], style: str | None = None) -> tuple[str, list[Start]]:
    """Return the style used and its question starts; ``style`` forces one, else the best wins."""
    if style is not None:
        return style, _FINDERS[style](blocks)
    found = [(name, _FINDERS[name](blocks)) for name in STYLES]
    # max() keeps the first of equals, so the order of STYLES breaks ties.
    return max(found, key=lambda pair: len(pair[1]))


def _numbered_heading(blocks: Sequence[Block]) -> list[Start]:
    matches: list[tuple[int, re.Match[str]]] = []
    for index, block in enumerate(blocks):
        if _could_be_question(block):
            match = _match_number(_unwrap(block.text))
            if match:
                matches.append((index, match))
    if not matches:
        return []
    level = Counter(blocks[i].level for i, _ in matches).most_common(1)[0][0]
    return [_heading_start(blocks, i, m) for i, m in matches if blocks[i].level == level]


def _could_be_question(block: Block) -> bool:
    if block.kind != "heading" or block.setext:
        return False
    # A level-1 heading is the title unless it plainly reads "Q1".
    return block.level > 1 or re.match(r"[*_]*Q\d", block.text.strip()) is not None


def _heading_start(blocks: Sequence[Block], index: int, match: re.Match[str]) -> Start:
    block = blocks[index]
    question, trailing = _split_trailing(_unwrap(match["text"] or ""))
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if not question and following is not None and following.kind == "paragraph":
        bold = _bold_first_line(following)
        if bold is not None:
            # "## Question 7" with the question itself as the bold line below
            question, trailing = _split_trailing(bold)
            return Start(index, int(match["number"]), question, following.begin + 1, block.level, trailing)
    return Start(index, int(match["number"]), question, block.end, block.level, trailing)


def _unnumbered_heading(blocks: Sequence[Block]) -> list[Start]:
    best: list[Start] = []
    for level in range(2, 7):
        at_level = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading" and b.level == level]
        split = [_split_trailing(_unwrap(b.text)) for _, b in at_level]
        questions = all(text.endswith(_QUESTION_MARKS) for text, _ in split)
        if len(at_level) >= 2 and questions and len(at_level) > len(best):
            best = [
                Start(i, None, text, b.end, level, trailing)
                for (i, b), (text, trailing) in zip(at_level, split)
            ]
    return best


def _bold_lines(blocks: Sequence[Block]) -> list[Start]:
    starts: list[Start] = []
    for index, block in enumerate(blocks):
        bold = _bold_first_line(block) if block.kind == "paragraph" else None
        if bold is None:
            continue
        match = _match_number(bold)
        text = _unwrap(match["text"] or "") if match else bold
        question, trailing = _split_trailing(text)
        if match or question.endswith(_QUESTION_MARKS):
            number = int(match["number"]) if match else None
            starts.append(Start(index, number, question, block.begin + 1, BOLD_LEVEL, trailing))
    return starts


def _bold_first_line(block: Block) -> str | None:
    match = _BOLD_LINE.fullmatch(block.text.split("\n", 1)[0])
    return _unwrap(match["text"]) if match else None


def _match_number(text: str) -> re.Match[str] | None:
    return _WORD_NUMBER.fullmatch(text) or _Q_SPACE.fullmatch(text) or _BARE_NUMBER.fullmatch(text)


def _unwrap(text: str) -> str:
    text = text.strip()
    while match := _EMPHASIS.fullmatch(text):
        text = match[2].strip()
    return text


def _split_trailing(text: str) -> tuple[str, str]:
    match = _TRAILING_LINKS.search(text)
    if not match or match.start() == 0:
        return text, ""
    return _unwrap(text[: match.start()]), match[0].strip()


_FINDERS: dict[str, Callable[[Sequence[Block]], list[Start]]] = {
    "heading": _numbered_heading,
    "unnumbered": _unnumbered_heading,
    "bold": _bold_lines,
}
