"""Headings written without the space after the hashes (``###What is X?``), as older GitHub
pages allowed: Markdown reads a paragraph, a person a question heading.
"""

from __future__ import annotations

import re

from qapress.read.outline import Outline
from qapress.read.questions import QUESTION_MARKS, Start, split_trailing, unwrap

_UNSPACED = re.compile(r"(?P<hashes>#{2,6})(?P<text>[^#\s].*)")


def find(outline: Outline) -> list[Start]:
    """Return the paragraphs whose first line is such a heading and asks a question."""
    starts: list[Start] = []
    for index, block in enumerate(outline.blocks):
        if block.kind != "paragraph" or block.text[:2] != "##":
            continue
        heading = _UNSPACED.match(block.text)
        if heading is None:
            continue
        question, trailing = split_trailing(unwrap(heading["text"].strip().rstrip("#").strip()))
        if question.endswith(QUESTION_MARKS):
            starts.append(Start(index, None, question, block.begin + 1, len(heading["hashes"]), trailing))
    return starts
