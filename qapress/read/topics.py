"""Topic tags kept beside a document in ``<name>.tags.toml``, keyed by question number."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from qapress import ids, tomltext
from qapress.items import NUMBER, Document
from qapress.problems import Problem, SourceError

_RANGE = re.compile(rf"\s*({NUMBER})\s*(?:-\s*({NUMBER})\s*)?")


Span = tuple[int, int]
"""Question numbers from the first to the last, both included."""
SHOWN = 10
"""Warnings of one kind listed one by one before the rest are counted."""


class Numbered(Mapping[int, tuple[str, ...]]):
    """The topics of each question number, kept as ranges, so that ``1-999999`` costs one.

    The ranges sit in a segment tree over the points where some range starts or ends: each range
    is filed under at most two nodes a level, and a number's topics are those filed on the path
    from its leaf to the root, so a lookup costs the depth plus what it finds, however many topics
    there are.
    """

    def __init__(self, spans: Mapping[str, tuple[Span, ...]]) -> None:
        self._spans = spans
        self._topics = tuple(spans)
        edges = sorted({edge for ranges in spans.values() for low, high in ranges for edge in (low, high + 1)})
        self._edges = edges
        self._leaves = max(1, 1 << max(0, len(edges) - 1).bit_length())
        self._filed: dict[int, list[int]] = {}
        for order, ranges in enumerate(spans.values()):
            for low, high in ranges:
                self._file(order, bisect_left(edges, low), bisect_left(edges, high + 1))
        every = _merged(r for ranges in spans.values() for r in ranges)
        self._count = sum(high - low + 1 for low, high in every)

    def _file(self, order: int, first: int, end: int) -> None:
        """File topic ``order`` under the nodes that cover segments ``first`` to ``end - 1``."""
        low, high = first + self._leaves, end + self._leaves
        while low < high:
            if low & 1:
                self._filed.setdefault(low, []).append(order)
                low += 1
            if high & 1:
                high -= 1
                self._filed.setdefault(high, []).append(order)
            low, high = low >> 1, high >> 1

    def __getitem__(self, number: int) -> tuple[str, ...]:
        segment = bisect_right(self._edges, number) - 1
        if segment < 0 or segment >= len(self._edges) - 1:
            raise KeyError(number)
        found: list[int] = []
        node = segment + self._leaves
        while node:
            found.extend(self._filed.get(node, ()))
            node >>= 1
        if not found:
            raise KeyError(number)
        return tuple(self._topics[order] for order in sorted(found))

    def __iter__(self) -> Iterator[int]:
        for low, high in _merged(r for ranges in self._spans.values() for r in ranges):
            yield from range(low, high + 1)

    def __len__(self) -> int:
        return self._count


@dataclass(frozen=True, slots=True)
class TopicMap:
    """The topics of one document's items, and where each topic is declared."""

    path: str
    spans: Mapping[str, tuple[Span, ...]]
    """Topic -> the numbers it names, as sorted ranges that neither touch nor overlap."""
    lines: Mapping[str, int]
    """Topic -> line of its declaration in the tags file, for messages."""

    @property
    def by_number(self) -> Numbered:
        """Return the topics of each question number, in declaration order."""
        return Numbered(self.spans)


def parse_topics(text: str, path: str) -> TopicMap:
    """Read a tags file: a ``[topics]`` table of ``"topic::sub" = "1-6, 9"``."""
    data = tomltext.parse(text, path)
    table = data.get("topics")
    if not isinstance(table, dict):
        raise SourceError([Problem(path, 1, 'no [topics] table (add one: topic = "1-5, 9")')])
    spans: dict[str, tuple[Span, ...]] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    key_lines = tomltext.key_lines(text, "topics")
    for topic, spec in table.items():
        lines[topic] = line = key_lines.get(topic, 1)
        numbers = _numbers(spec)
        if not ids.is_valid_tag(topic):
            message = f"topic {topic!r} is not a usable tag ({ids.TAG_RULE})"
            problems.append(Problem(path, line, message))
        if numbers is None:
            fix = 'list question numbers and ranges as a string, like "1-6, 9"'
            problems.append(Problem(path, line, f"topic {topic!r} has no usable numbers ({fix})"))
        spans[topic] = tuple(_merged(numbers or ()))
    if problems:
        raise SourceError(problems)
    return TopicMap(path, spans, lines)


def check_topics(topics: TopicMap, document: Document) -> list[Problem]:
    """Warn about numbers no item has and items no topic covers, counting past ``SHOWN`` of each."""
    present = sorted({item.number for item in document.items})
    # In a run of consecutive numbers, number minus index stays the same: a run is skipped
    # by one binary search, however long it is.
    shifted = [number - index for index, number in enumerate(present)]
    problems = [_unknown(topics, topic, document.path, (present, shifted)) for topic in topics.spans]
    by_number = topics.by_number
    bare = [item for item in document.items if item.number not in by_number]
    for item in bare[:SHOWN]:
        fix = f"add Q{item.number} to a topic in {topics.path}"
        message = f"Q{item.number} has no topic tag ({fix})"
        problems.append(Problem(document.path, item.line, message, warning=True))
    if len(bare) > SHOWN:
        rest = bare[SHOWN:]
        fix = f"add them to a topic in {topics.path}"
        message = f"and {len(rest):,} more questions have no topic tag ({fix})"
        problems.append(Problem(document.path, rest[0].line, message, warning=True))
    return [problem for problem in problems if problem]


def _unknown(
    topics: TopicMap, topic: str, path: str, numbers: tuple[list[int], list[int]]
) -> Problem | None:
    """Warn about the numbers ``topic`` names that no item of the document has."""
    ranges, present = topics.spans[topic], numbers[0]
    named = sum(high - low + 1 for low, high in ranges)
    had = sum(bisect_right(present, high) - bisect_left(present, low) for low, high in ranges)
    if named == had:
        return None
    gaps = list(islice(_gaps(ranges, *numbers), SHOWN))
    listed = ", ".join(f"Q{low}" if low == high else f"Q{low}-Q{high}" for low, high in gaps)
    more = named - had - sum(high - low + 1 for low, high in gaps)
    if more:
        listed += f" and {more:,} more"
    message = f"topic {topic!r} names {listed}, which {path} does not have"
    return Problem(topics.path, topics.lines[topic], message, warning=True)


def _gaps(ranges: Sequence[Span], present: list[int], shifted: list[int]) -> Iterator[Span]:
    """Yield the runs of numbers in ``ranges`` not in ``present`` (sorted, unique; ``shifted``
    holds each number minus its index)."""
    for low, high in ranges:
        index, start = bisect_left(present, low), low
        while start <= high:
            if index < len(present) and present[index] == start:
                index = bisect_right(shifted, shifted[index], lo=index)
                start = present[index - 1] + 1
                continue
            end = min(high, present[index] - 1) if index < len(present) else high
            yield start, end
            start = end + 1


def _merged(spans: Iterable[Span]) -> Iterator[Span]:
    """Yield ``spans`` sorted, with those that overlap or touch joined."""
    current: Span | None = None
    for low, high in sorted(spans):
        if current and low <= current[1] + 1:
            current = (current[0], max(current[1], high))
            continue
        if current:
            yield current
        current = (low, high)
    if current:
        yield current


def _numbers(spec: object) -> list[Span] | None:
    if not isinstance(spec, str) or not spec.strip():
        return None
    numbers: list[Span] = []
    for part in spec.split(","):
        match = _RANGE.fullmatch(part)
        if not match:
            return None
        low = int(match[1])
        high = int(match[2]) if match[2] else low
        if high < low:
            return None
        numbers.append((low, high))
    return numbers
