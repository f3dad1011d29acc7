"""Topic tags kept beside a document in ``<name>.tags.toml``, keyed by question number."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qapress import ids
from qapress.items import NUMBER, Document
from qapress.problems import Problem, SourceError

_KEY = re.compile(r'\s*(?:"([^"\\]*)"|([A-Za-z0-9_:-]+))\s*=')
_RANGE = re.compile(rf"\s*({NUMBER})\s*(?:-\s*({NUMBER})\s*)?")


@dataclass(frozen=True, slots=True)
class TopicMap:
    """The topics of one document's items, and where each topic is declared."""

    path: str
    by_number: Mapping[int, tuple[str, ...]]
    lines: Mapping[str, int]
    """Topic -> line of its declaration in the tags file, for messages."""


def parse_topics(text: str, path: str) -> TopicMap:
    """Read a tags file: a ``[topics]`` table of ``"topic::sub" = "1-6, 9"``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(error))) else 1
        raise SourceError([Problem(path, line, f"not valid TOML: {error}")]) from None
    table = data.get("topics")
    if not isinstance(table, dict):
        raise SourceError([Problem(path, 1, 'no [topics] table (add one: topic = "1-5, 9")')])
    by_number: dict[int, list[str]] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    key_lines = _key_lines(text)
    for topic, spec in table.items():
        lines[topic] = line = key_lines.get(topic, 1)
        numbers = _numbers(spec)
        if not ids.is_valid_tag(topic):
            message = f"topic {topic!r} is not a usable tag ({ids.TAG_RULE})"
            problems.append(Problem(path, line, message))
        if numbers is None:
            fix = 'list question numbers and ranges as a string, like "1-6, 9"'
            problems.append(Problem(path, line, f"topic {topic!r} has no usable numbers ({fix})"))
        for number in numbers or ():
            by_number.setdefault(number, []).append(topic)
    if problems:
        raise SourceError(problems)
    return TopicMap(path, {n: tuple(t) for n, t in by_number.items()}, lines)


def check_topics(topics: TopicMap, document: Document) -> list[Problem]:
    """Warn about numbers no item has and items no topic covers."""
    present = {item.number for item in document.items}
    problems: list[Problem] = []
    for number in sorted(set(topics.by_number) - present):
        for topic in topics.by_number[number]:
            message = f"topic {topic!r} names Q{number}, which {document.path} does not have"
            problems.append(Problem(topics.path, topics.lines[topic], message, warning=True))
    for item in document.items:
        if len(item.tags) < 2:
            fix = f"add Q{item.number} to a topic in {topics.path}"
            message = f"Q{item.number} has no topic tag ({fix})"
            problems.append(Problem(document.path, item.line, message, warning=True))
    return problems


def _numbers(spec: object) -> Sequence[int] | None:
    if not isinstance(spec, str) or not spec.strip():
        return None
    numbers: list[int] = []
    for part in spec.split(","):
        match = _RANGE.fullmatch(part)
        if not match:
            return None
        low = int(match[1])
        high = int(match[2]) if match[2] else low
        if high < low:
            return None
        numbers.extend(range(low, high + 1))
    return numbers


def _key_lines(text: str) -> dict[str, int]:
    """Return where each key is first written, for messages (tomllib keeps no positions)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _KEY.match(line)
        if match:
            found.setdefault(match[1] if match[1] is not None else match[2], number)
    return found
