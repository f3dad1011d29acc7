"""What a build shipped in each deck: the data, its JSON form, and the rules built on it.

A build writes it beside each package (``<name>.deck.json``) and the next build reads it back,
so that a note keeps its date while it is unchanged, removed questions can be retired, and a
deck keeps the name its cards live in. The deck writes it and the build reads it; both use this.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass

from qapress.items import Document

VERSION = 1
"""The format of the file; a file of another version is ignored, as if there were none."""
REMOVED_TAG = "removed"
"""Under the document's tag, the tag of notes whose question left the source."""
_KEYS = ("guid", "id", "number", "kind", "question", "digest", "stamp")


@dataclass(frozen=True, slots=True)
class ShippedNote:
    """One note as a build shipped it: enough to date it again, report it or retire it."""

    guid: str
    id: str
    """The item's id."""
    number: int
    kind: str
    """Its note type: ``basic``, ``reversed``, ``cloze`` or ``type``."""
    question: str
    """The Question field, shown again on the card that says the note was removed."""
    digest: str
    """A hash of everything the note carries: note type, fields, tags, deck."""
    stamp: int
    """The note's modification time, which Anki compares to decide whether to update it."""


@dataclass(frozen=True, slots=True)
class ShippedDeck:
    """What a build shipped for one document."""

    deck: str
    """The name of the deck its cards live in."""
    notes: tuple[ShippedNote, ...]


def manifest_json(deck: ShippedDeck) -> bytes:
    """Return the memory of one deck as JSON, one note a line, in the deck's order."""
    notes = ",\n".join(json.dumps([getattr(note, key) for key in _KEYS]) for note in deck.notes)
    head = json.dumps({"qapress_deck": VERSION, "deck": deck.deck, "note": list(_KEYS)})
    return f'{head[:-1]}, "notes": [\n{notes}\n]}}\n'.encode()


def read_manifest(text: str) -> ShippedDeck | None:
    """Return the deck a manifest describes, or None when it is not one this version wrote."""
    try:
        data = json.loads(text)
        if data.get("qapress_deck") != VERSION or data.get("note") != list(_KEYS):
            return None
        notes = tuple(ShippedNote(*row) for row in data["notes"])
        deck = ShippedDeck(data["deck"], notes)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    fine = isinstance(deck.deck, str) and all(_well_typed(note) for note in notes)
    return deck if fine else None


def _well_typed(note: ShippedNote) -> bool:
    texts = (note.guid, note.id, note.kind, note.question, note.digest)
    numbers = (note.number, note.stamp)
    return all(isinstance(t, str) for t in texts) and all(type(n) is int for n in numbers)


def removed(previous: ShippedDeck | None, kept: Collection[str]) -> list[ShippedNote]:
    """Return the notes the last build shipped whose guids are not among ``kept``."""
    return [note for note in previous.notes if note.guid not in kept] if previous else []


def deck_name(document: Document, parent: str | None, previous: ShippedDeck | None) -> str:
    """Return the deck's name: the author's, else the one its cards live in, else the title's."""
    if document.deck or previous is None:
        return named_deck(document, parent)
    return previous.deck


def named_deck(document: Document, parent: str | None) -> str:
    """Return the name the document gives its deck (its ``deck:`` line or its title)."""
    # "::" nests decks in Anki; a title is one level, so it must not add more.
    title = (document.deck or document.title).replace("::", ":")
    return f"{parent}::{title}" if parent else title
