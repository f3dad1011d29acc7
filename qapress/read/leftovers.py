"""Lines that belong to no question: what follows an answer's end before the next question or
heading. They reach no output, so the reader says so rather than dropping them in silence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qapress.problems import Problem
from qapress.read.answers import Draft, back_to_top
from qapress.read.blocks import Block

_SEPARATOR = re.compile(r"\s*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:<br\s*/?>\s*)+)")
_COMMENT = re.compile(r"\s*<!--.*-->\s*")


def left_out(blocks: Sequence[Block], drafts: Sequence[Draft], lines: Sequence[str], path: str) -> list[Problem]:
    """Warn once for each run of lines after an answer that no question, answer or heading holds."""
    problems: list[Problem] = []
    at = 0
    for position, draft in enumerate(drafts):
        stop = drafts[position + 1].line if position + 1 < len(drafts) else len(lines)
        while at < len(blocks) and blocks[at].end <= draft.end:
            at += 1
        lost = _lost_lines(blocks, at, draft.end, stop, lines)
        if lost:
            said = "line here belongs to no question and is left out" if len(lost) == 1 else \
                "lines here belong to no question and are left out"
            message = f"{len(lost)} {said}"
            them = "it" if len(lost) == 1 else "them"
            fix = f"make {them} part of an answer, or put a heading above"
            problems.append(Problem(path, lost[0] + 1, f"{message} ({fix})", warning=True))
    return problems


def _lost_lines(blocks: Sequence[Block], at: int, begin: int, stop: int, lines: Sequence[str]) -> list[int]:
    """Return the lines that carry text from ``begin`` up to the next heading or ``stop``."""
    end = stop
    for index in range(at, len(blocks)):
        block = blocks[index]
        if block.begin >= stop or block.kind == "heading" and not block.setext:
            end = min(stop, block.begin)
            break
    return [n for n in range(begin, end) if _carries_text(lines[n])]


def _carries_text(line: str) -> bool:
    first = line.lstrip()[:1]
    if not first:
        return False
    # Only a line opening with one of these can be a separator, a comment or a link to the top.
    if first not in "-*_<[":
        return True
    return not (_SEPARATOR.fullmatch(line) or _COMMENT.fullmatch(line) or back_to_top(line))
