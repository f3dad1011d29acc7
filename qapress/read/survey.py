"""What the build must check in items' Markdown: the pictures it names, the formulas it holds.

Both are found from markdown-it's tokens, for items whose text could hold either; each is placed
on its source line by looking for its own text from the item's first line on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qapress import formulas, raw_html
from qapress.items import Document
from qapress.markup import parse
from qapress.problems import Problem

if TYPE_CHECKING:
    from markdown_it.token import Token

_HINT = re.compile(r"!\[|<img|\$|\\[(\[]", re.IGNORECASE)
"""Text without any of these names no picture and holds no formula: it is not parsed again."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A picture an item names."""

    src: str
    """The address as the renderers will look it up."""
    line: int
    """1-based source line."""


def survey(text: str, document: Document) -> tuple[tuple[Reference, ...], tuple[Problem, ...]]:
    """Return the pictures ``document``, parsed from ``text``, names, in source order, and a
    warning for each formula it holds that cannot be typeset."""
    references: list[Reference] = []
    problems: list[Problem] = []
    place = _Place(text.replace("\r\n", "\n").replace("\r", "\n"))
    for item in document.items:
        for markdown, block in ((item.question, False), (item.answer, True)):
            if not _HINT.search(markdown):
                continue
            place.start_at(item.line)
            for kind, found in _found(parse(markdown, block)):
                line = place.find(found)
                if kind == "picture":
                    references.append(Reference(found, line))
                elif (reason := formulas.refusal(found)) is not None:
                    problems.append(Problem(document.path, line, _refused(found, reason), True))
    return tuple(references), tuple(problems)


def _refused(tex: str, reason: str) -> str:
    shown = tex if len(tex) <= 40 else tex[:39] + "…"
    return f"formula {shown!r} cannot be typeset ({reason}), so it is shown as code (fix the TeX)"


def _found(tokens: list[Token]) -> Iterator[tuple[str, str]]:
    """Yield ("picture", address) and ("formula", TeX) in the order they are written."""
    for token in tokens:
        if token.type == "math_block":
            yield "formula", token.content
        elif token.type == "html_block" and "<img" in token.content.lower():
            yield from _found(parse(token.content, block=False))
        for child in token.children or ():
            if child.type == "image":
                yield "picture", str(child.attrGet("src") or "")
            elif child.type in ("math_inline", "math_inline_double"):
                yield "formula", child.content
            elif child.type == "html_inline" and (raw := raw_html.picture_source(child.content)):
                yield "picture", raw[0]


class _Place:
    """Finds source lines for what items hold, moving forward only, so a document is read once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def start_at(self, line: int) -> None:
        """Move to the start of ``line`` (1-based), if it lies ahead."""
        while self.line < line:
            found = self.text.find("\n", self.offset)
            if found < 0:
                return
            self.offset, self.line = found + 1, self.line + 1

    def find(self, needle: str) -> int:
        """Return the line where ``needle`` (or, failing that, its first line) next appears."""
        first = needle.split("\n", 1)[0].strip() or needle
        found = self.text.find(first, self.offset)
        if found < 0:
            return self.line
        self.line += self.text.count("\n", self.offset, found)
        self.offset = found
        return self.line
