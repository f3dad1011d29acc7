"""The site's search index, built once here so the browser only has to read it.

Words are folded the same way as ``templates/site/search.js`` folds a query: lowercase, compatibility
decomposition, marks dropped, final sigma as sigma; a word is a run of letters and digits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qapress.items import Document, Item
from qapress.markup import inline_text, plain_text

INDEX_GLOBAL = "QAPRESS_INDEX"
"""The global that ``search-index.js`` sets and ``templates/site/page.js`` reads."""


@dataclass(frozen=True, slots=True)
class Chip:
    """One topic filter: a tag or a parent of tags, with the items it selects."""

    topic: str
    """The full tag, ``::``-separated; a parent selects every item below it."""
    label: str
    """The last segment, shown on the chip; the whole path where another chip ends the same."""
    depth: int
    items: tuple[int, ...]
    """Positions of the items (in page order) that carry the topic or a topic below it."""


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Return ``text`` lowercased, decomposed and without marks, as search compares words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.replace("ς", "σ")


def words(text: str) -> list[str]:
    """Return the folded words of ``text``: runs of letters and digits."""
    if text.isascii():
        # Most text is ASCII, where folding is lowercasing and letters and digits are [a-z0-9].
        return _ASCII_WORD.findall(text.lower())
    return unicode_words(text)


def unicode_words(text: str) -> list[str]:
    """Return the folded words of any text, one character at a time."""
    folded = fold(text)
    spaced = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in folded)
    return spaced.split()


def chips(documents: Sequence[Document]) -> tuple[Chip, ...]:
    """Return a chip per topic and per parent of a topic, parents first, in first-seen order."""
    selected: dict[str, list[int]] = {}
    position = 0
    for document in documents:
        for item in document.items:
            for topic in _with_parents(item.tags[1:]):
                selected.setdefault(topic, []).append(position)
            position += 1
    ordered = sorted(selected, key=_tree_order(list(selected)))
    ends = Counter(topic.rsplit("::", 1)[-1] for topic in ordered)
    return tuple(Chip(t, _label(t, ends), t.count("::"), tuple(selected[t])) for t in ordered)


def _label(topic: str, ends: Counter[str]) -> str:
    end = topic.rsplit("::", 1)[-1]
    return end if ends[end] == 1 else topic.replace("::", " › ")


def topic_groups(topic_chips: Sequence[Chip]) -> tuple[tuple[Chip, tuple[Chip, ...]], ...]:
    """Return each chip that has sub-topics with its direct children, in tree order."""
    children: dict[str, list[Chip]] = {}
    for chip in topic_chips:
        if chip.depth:
            children.setdefault(chip.topic.rsplit("::", 1)[0], []).append(chip)
    return tuple((chip, tuple(children[chip.topic])) for chip in topic_chips if chip.topic in children)


def _with_parents(tags: Sequence[str]) -> dict[str, None]:
    found: dict[str, None] = {}
    for tag in tags:
        parts = tag.split("::")
        for end in range(1, len(parts) + 1):
            found.setdefault("::".join(parts[:end]), None)
    return found


def _tree_order(seen: list[str]) -> Any:
    # Keep first-seen order among siblings while every child follows its parent.
    rank = {topic: n for n, topic in enumerate(seen)}

    def key(topic: str) -> list[int]:
        parts = topic.split("::")
        return [rank["::".join(parts[:end])] for end in range(1, len(parts) + 1)]

    return key


def build_index(documents: Sequence[Document], topic_chips: Sequence[Chip]) -> dict[str, Any]:
    """Return the index: sorted words with their delta-coded postings, the numbers, the chips.

    A posting is ``2 * item + 1`` when the word is in the question, ``2 * item`` when only in the
    answer; items count in page order across documents.
    """
    postings: dict[str, list[int]] = {}
    items = [item for document in documents for item in document.items]
    for position, item in enumerate(items):
        for word, in_question in _item_words(item).items():
            postings.setdefault(word, []).append(2 * position + in_question)
    terms = sorted(postings)
    return {
        "terms": terms,
        "postings": [_deltas(postings[term]) for term in terms],
        "documents": _document_spans(documents),
        # Numbers run 1, 2, 3 within a document, so their steps are mostly 1 and pack small.
        "numbers": _deltas([item.number for item in items]),
        "chips": {chip.topic: _deltas(list(chip.items)) for chip in topic_chips},
    }


def _item_words(item: Item) -> dict[str, int]:
    found = dict.fromkeys(words(plain_text(item.answer)), 0)
    found.update(dict.fromkeys(words(inline_text(item.question)), 1))
    return found


def _deltas(values: list[int]) -> list[int]:
    return [value - previous for previous, value in zip([0, *values], values, strict=False)]


def _document_spans(documents: Sequence[Document]) -> list[list[Any]]:
    spans: list[list[Any]] = []
    start = 0
    for document in documents:
        spans.append([document.slug, start, start + len(document.items)])
        start += len(document.items)
    return spans


def index_script(index: dict[str, Any]) -> str:
    """Return a classic script that sets the index global, safe from ``</script>`` and quotes."""
    text = json.dumps(index, ensure_ascii=True, separators=(",", ":"))
    # JSON.parse of a string literal starts faster than an object literal this size.
    literal = text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\x3c")
    return f"window.{INDEX_GLOBAL} = JSON.parse('{literal}');\n"
