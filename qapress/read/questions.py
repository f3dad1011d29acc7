"""Question starts, and the reading of a question's text that every question rule shares.

Each rule in ``qapress.read.rules`` proposes where questions start among a document's top-level
blocks (see ``blocks``); ``chooser`` picks among their proposals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qapress.items import NUMBER

if TYPE_CHECKING:
    from qapress.read.blocks import Block

BOLD_LEVEL = 7
"""The "heading level" of a bold-line question: below every real heading."""
QUESTION_MARKS = ("?", "？")

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+)\1", re.DOTALL)
# "Q7. text", "Question 7: text", "问题7：text", "Q7" alone (the question may follow in bold)
_WORD_NUMBER = re.compile(
    rf"[^\W\d_]{{1,12}}\s*(?P<number>{NUMBER})(?:\s*[.:)：．、]\s*(?P<text>.*)|\s*)", re.DOTALL
)
# "Q7 text", "Question 7 text": only these words may go without punctuation.
_Q_SPACE = re.compile(rf"(?:Q|Question)\s*(?P<number>{NUMBER})\s+(?P<text>.*)", re.DOTALL | re.IGNORECASE)
_BARE_NUMBER = re.compile(rf"(?P<number>{NUMBER})\s*[.):：]\s*(?P<text>.*)", re.DOTALL)
_TRAILING_LINKS = re.compile(r"(?:\s*\[\[[^\]]*\]\([^)]*\)\])+\s*$")
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


def bold_first_line(block: Block) -> str | None:
    match = _BOLD_LINE.fullmatch(block.text.split("\n", 1)[0])
    return unwrap(match["text"]) if match else None


def match_number(text: str) -> re.Match[str] | None:
    return _WORD_NUMBER.fullmatch(text) or _Q_SPACE.fullmatch(text) or _BARE_NUMBER.fullmatch(text)


def unwrap(text: str) -> str:
    text = text.strip()
    while match := _EMPHASIS.fullmatch(text):
        text = match[2].strip()
    return text


def split_trailing(text: str) -> tuple[str, str]:
    match = _TRAILING_LINKS.search(text)
    if not match or match.start() == 0:
        return text, ""
    return unwrap(text[: match.start()]), match[0].strip()
