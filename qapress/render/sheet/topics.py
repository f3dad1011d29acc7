"""Which items a print page shows, and in what groups: all of them, or one topic; by topic or not."""

from __future__ import annotations

from dataclasses import dataclass

from qapress.items import Document, Item

UNSORTED = "Other questions"
"""The heading of items without a topic, when items are grouped by topic."""


@dataclass(frozen=True, slots=True)
class Group:
    """Items printed under one heading; the heading is empty where items are not grouped."""

    heading: str
    anchor: str
    items: tuple[Item, ...]


def in_topic(item: Item, topic: str) -> bool:
    """Say whether an item has the topic, or one of its subtopics."""
    return any(tag == topic or tag.startswith(f"{topic}::") for tag in item.tags[1:])


def chosen_items(document: Document, topic: str | None) -> tuple[Item, ...]:
    """Return the items the page prints: every one, or those of ``topic``."""
    if topic is None:
        return document.items
    return tuple(item for item in document.items if in_topic(item, topic))


def groups(items: tuple[Item, ...], by_topic: bool) -> tuple[Group, ...]:
    """Return the items in one group, or under their first topic, topics in first-seen order."""
    if not by_topic:
        return (Group("", "", items),)
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.tags[1] if item.tags[1:] else "", []).append(item)
    headings = [h for h in grouped if h] + ([""] if "" in grouped else [])
    return tuple(
        Group(shown_topic(h) if h else UNSORTED, f"topic-{n}", tuple(grouped[h]))
        for n, h in enumerate(headings, start=1)
    )


def shown_topic(tag: str) -> str:
    """Return a topic tag as a heading: ``generative::vae`` as ``generative › vae``."""
    return " › ".join(part.replace("_", " ") for part in tag.split("::"))
