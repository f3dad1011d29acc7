"""The chooser: which rule reads each part of a document, and how sure it is.

Every rule proposes question starts; each proposal is scored by its evidence (answers that are
there, questions that ask, numbers that run), and the best reads the document. A part the winner
finds nothing in, between headings above its questions, is read by whichever other rule reads
that part best, so a document that changes style part by part is read part by part.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from qapress.read.blocks import Block
from qapress.read.outline import Outline
from qapress.read.questions import Start, asks
from qapress.read.rules import RULES

PART_SCORE = 1.0
"""The least score a part's own reading needs: one answered question that plainly asks."""


@dataclass(frozen=True, slots=True)
class Part:
    """How one part of a document was read."""

    line: int
    """0-based line of its first question."""
    style: str
    count: int
    sureness: float
    """1 when no other reading comes close, 0 when another scores as well."""
    runner_up: str = ""
    runner_up_count: int = 0


@dataclass(frozen=True, slots=True)
class Reading:
    """The starts of a document's questions, and how each part was read."""

    style: str
    starts: list[Start]
    parts: tuple[Part, ...]


def find_starts(outline: Outline, style: str | None = None) -> Reading:
    """Return the reading of the document; ``style`` forces one rule, else the best wins."""
    if style is not None:
        starts = RULES[style](outline)
        return Reading(style, starts, (Part(_first_line(outline, starts), style, len(starts), 1.0),))
    found = {name: rule(outline) for name, rule in RULES.items()}
    scores = {name: score(starts, outline.blocks) for name, starts in found.items()}
    # sorted() is stable, so the order of RULES breaks ties.
    ranked = sorted(found, key=lambda name: -scores[name])
    winner = ranked[0]
    parts = [_part(outline, winner, found, scores)]
    starts = list(found[winner])
    if starts:
        pending, reached = 0, -1
        for begin, end in _unread(outline.blocks, starts):
            # A part too small to read on its own is read with the part right after it.
            begin = pending if reached == begin else begin
            filled = _read_part(outline, found, begin, end)
            pending, reached = begin, end if filled is None else -1
            if filled is not None:
                starts.extend(filled[1])
                parts.append(filled[0])
        starts.sort(key=lambda s: (s.block, s.line or 0))
    return Reading(winner, starts, tuple(parts))


def score(starts: Sequence[Start], blocks: Sequence[Block]) -> float:
    """Return the evidence that ``starts`` are a document's questions: 1 for each that asks, less
    for one numbered after the one before, less again for neither; nothing without an answer."""
    total, previous = 0.0, None
    for position, start in enumerate(starts):
        following = starts[position + 1] if position + 1 < len(starts) else None
        if _answered(start, following, blocks):
            runs = start.number is not None and previous is not None and start.number == previous + 1
            total += 1.0 if asks(start.question) else 0.6 if runs else 0.3
        previous = start.number
    return total


def _answered(start: Start, following: Start | None, blocks: Sequence[Block]) -> bool:
    if start.answer_to is not None:
        return start.answer_to > start.answer_from or start.answer is not None
    if blocks[start.block].end > start.answer_from:
        return True
    last = following.block if following is not None else len(blocks)
    return any(blocks[i].kind != "hr" for i in range(start.block + 1, min(last, start.block + 3)))


def _part(outline: Outline, name: str, found: dict[str, list[Start]], scores: dict[str, float]) -> Part:
    """Return how sure the reading ``name`` is against the best reading that differs from it."""
    lines = {_line(outline, s) for s in found[name]}
    others = [o for o in found if o != name and found[o] and {_line(outline, s) for s in found[o]} != lines]
    best = max(others, key=lambda o: scores[o], default="")
    sure = 1.0 if not best or not scores[name] else max(0.0, 1 - scores[best] / scores[name])
    count = len(found[best]) if best else 0
    return Part(_first_line(outline, found[name]), name, len(found[name]), sure, best, count)


def _unread(blocks: Sequence[Block], starts: Sequence[Start]) -> list[tuple[int, int]]:
    """Return the parts of the document, cut at headings above the questions, that hold no start."""
    level = min(s.level for s in starts)
    cuts = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level < level]
    bounds = list(zip([0, *cuts], [*cuts, len(blocks)]))
    taken = sorted({s.block for s in starts})
    runs: list[tuple[int, int]] = []
    for begin, end in bounds:
        at = bisect_left(taken, begin)
        if not (at < len(taken) and taken[at] < end):
            runs.append((begin, end))
    return runs


def _read_part(
    outline: Outline, found: dict[str, list[Start]], begin: int, end: int
) -> tuple[Part, list[Start]] | None:
    """Return the best reading of the blocks from ``begin`` to ``end``, if one is good enough."""
    inside = {name: _within(starts, begin, end) for name, starts in found.items()}
    scores = {name: score(starts, outline.blocks) for name, starts in inside.items()}
    best = max(inside, key=lambda name: scores[name])
    asking = sum(asks(s.question) for s in inside[best])
    # A part read on its own must ask: numbered steps of a tutorial are not questions.
    if scores[best] < PART_SCORE or asking * 2 < len(inside[best]):
        return None
    return _part(outline, best, inside, scores), inside[best]


def _within(starts: list[Start], begin: int, end: int) -> list[Start]:
    """Return the starts, in block order, from block ``begin`` up to ``end``."""
    low = bisect_left(starts, begin, key=lambda s: s.block)
    high = bisect_left(starts, end, lo=low, key=lambda s: s.block)
    return starts[low:high]


def _line(outline: Outline, start: Start) -> int:
    return start.line if start.line is not None else outline.blocks[start.block].begin


def _first_line(outline: Outline, starts: Sequence[Start]) -> int:
    return _line(outline, starts[0]) if starts else 0
