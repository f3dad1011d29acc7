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

from qapress.items import Part
from qapress.read.blocks import Block
from qapress.read.outline import Outline
from qapress.read.questions import Start, asks
from qapress.read.rules import RULES

SURE = 0.25
"""Below this sureness a reading is a warning that names the other one."""
PART_SCORE = 1.0
"""The least score a part's own reading needs: one answered question that plainly asks."""


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
    # max() keeps the first of equals, so the order of RULES breaks ties.
    winner = max(found, key=lambda name: scores[name])
    starts = list(found[winner])
    filled = _fill(outline, found, starts) if starts else []
    if not filled:
        return Reading(winner, starts, (_part(outline, winner, found, scores),))
    # The winner is judged against the other readings of its own parts only.
    own = {name: _outside(found[name], [(b, e) for b, e, _ in filled]) for name in found}
    own_scores = {name: score(own[name], outline.blocks) for name in own}
    parts = (_part(outline, winner, own, own_scores), *(part for _, _, part in filled))
    starts.sort(key=lambda s: (s.block, s.line or 0))
    return Reading(winner, starts, parts)


def _fill(outline: Outline, found: dict[str, list[Start]], starts: list[Start]) -> list[tuple[int, int, Part]]:
    """Add to ``starts`` the best reading of each part the winner found nothing in; return the
    blocks each such part spans and how it was read."""
    filled: list[tuple[int, int, Part]] = []
    pending, reached = 0, -1
    for begin, end in _unread(outline.blocks, starts):
        # A part too small to read on its own is read with the part right after it.
        begin = pending if reached == begin else begin
        reading = _read_part(outline, found, begin, end)
        pending, reached = begin, (end if reading is None else -1)
        if reading is not None:
            starts.extend(reading[1])
            filled.append((begin, end, reading[0]))
    return filled


def _outside(starts: list[Start], spans: list[tuple[int, int]]) -> list[Start]:
    """Return the starts whose block lies in none of the sorted, disjoint ``spans``."""
    kept: list[Start] = []
    at = 0
    for start in starts:
        while at < len(spans) and spans[at][1] <= start.block:
            at += 1
        if at == len(spans) or start.block < spans[at][0]:
            kept.append(start)
    return kept


STYLE_NOUNS = {
    "heading": "headed questions", "unnumbered": "unnumbered question headings",
    "bold": "bold-line questions", "label": "labelled Q:/A: pairs", "details": "<details> blocks",
    "list": "list-item questions", "table": "table rows", "admonition": "question admonitions",
    "unspaced": "headings without a space",
}
"""How a warning names the questions of each style."""


def doubts(reading: Reading) -> list[tuple[int, str]]:
    """Return the line and words of a warning for each part the reader is unsure of."""
    found: list[tuple[int, str]] = []
    for part in reading.parts:
        if part.sureness < SURE and part.runner_up:
            ours, theirs = _counted(part.items, part.style), _counted(part.runner_up_items, part.runner_up)
            were = "was" if part.runner_up_items == 1 else "were"
            message = f"read as {ours}; {theirs} {were} the other reading (use --format {part.runner_up} to choose it)"
            found.append((part.line, message))
    return found


def _counted(count: int, style: str) -> str:
    noun = STYLE_NOUNS[style]
    return f"{count} {noun[:-1] if count == 1 else noun}"


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
    # Another rule that finds the same questions (a heading and the labelled line under it) is
    # the same reading, not a rival.
    asked = {s.question for s in found[name]}
    others = [o for o in found if o != name and found[o] and {s.question for s in found[o]} != asked]
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
    return _line(outline, starts[0]) + 1 if starts else 1
