"""The last build's decks: read from the output folder it left, and compared with the new ones.

Each deck's memory is a file beside its package in the output folder (``<name>.deck.json``): the
packages a user imports come from there, so that is what the last import saw. A folder without it
(a first build, a fresh checkout, another ``--out``) only means every note is dated as before.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from qapress.build.folder import MARKER
from qapress.items import Document
from qapress.problems import Problem
from qapress.render import paths
from qapress.render.paths import Files
from qapress.settings import Settings
from qapress.shipped import (
    REMOVED_TAG,
    ShippedDeck,
    ShippedNote,
    named_deck,
    read_manifest,
    removed,
)

_TAG = re.compile(r"<[^>]*>")


def read_shipped(out: Path, documents: Sequence[Document]) -> dict[str, ShippedDeck]:
    """Return what the last build into ``out`` shipped for each document, where it is known."""
    if not (out / MARKER).is_file():
        return {}
    found: dict[str, ShippedDeck] = {}
    for document in documents:
        try:
            text = (out / paths.deck_manifest(document)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        deck = read_manifest(text)
        if deck is not None:
            found[document.slug] = deck
    return found


def deck_changes(documents: Sequence[Document], settings: Settings, files: Files) -> list[Problem]:
    """Report, per document, the questions removed since the last build and a deck name kept."""
    problems: list[Problem] = []
    for document in documents:
        before = settings.shipped.get(document.slug)
        written = files.get(paths.deck_manifest(document))
        now = read_manifest(written.decode()) if before and written else None
        if before is None or now is None:
            continue
        problems.extend(_removals(document, before, now))
        problems.extend(_deck_names(document, settings, before))
    return problems


def _removals(document: Document, before: ShippedDeck, now: ShippedDeck) -> list[Problem]:
    kept = {note.guid for note in now.notes}
    gone = removed(before, kept)
    if not gone:
        return []
    shipped = {note.guid for note in before.notes}
    added = {n.number: n for n in now.notes if n.guid not in shipped}
    lines = {item.id: item.line for item in document.items}
    problems = [_replaced(document, old, added[old.number], lines) for old in gone
                if old.number in added]
    tag = f"{document.slug}::{REMOVED_TAG}"
    listed = ", ".join(f"Q{note.number} {_plain(note.question)!r}" for note in gone)
    noun = "question" if len(gone) == 1 else "questions"
    fix = (
        f"{paths.deck_file(document)} carries them once more, tagged {tag}: after importing it, "
        f"search tag:{tag} in Anki's browser and delete the notes found"
    )
    summary = f"{len(gone)} {noun} removed since the last build: {listed} ({fix})"
    return [Problem(document.path, 1, summary, warning=True), *problems]


def _replaced(
    document: Document, old: ShippedNote, new: ShippedNote, lines: dict[str, int]
) -> Problem:
    """Say why a removed note has a successor at its number, and how to have kept it."""
    line = lines.get(new.id, 1)
    if old.id == new.id:
        message = (
            f"Q{new.number} changed its card type, so Anki gets a new note for it and the old one "
            "is removed with its review history (put the old card type back to keep it)"
        )
    else:
        message = (
            f"Q{new.number} was reworded, so its old note is removed and a new one added (to "
            f"keep the old note and its history, pin its id: add the line <!-- id: {old.id} --> "
            "to the answer)"
        )
    return Problem(document.path, line, message, warning=True)


def _deck_names(document: Document, settings: Settings, before: ShippedDeck) -> list[Problem]:
    named = named_deck(document, settings.parent_deck)
    if named == before.deck:
        return []
    if document.deck:
        message = (
            f"the deck is now named {named!r}, but the cards live in {before.deck!r} (rename "
            f"that deck to {named!r} in Anki before importing, or its cards stay where they are)"
        )
    else:
        message = (
            f"the title would name the deck {named!r}, but the cards live in {before.deck!r}, "
            f"which keeps its name (to rename it, rename the deck in Anki and write the line "
            f"<!-- deck: {named.rsplit('::', 1)[-1]} --> above the first question)"
        )
    return [Problem(document.path, 1, message, warning=True)]


def _plain(question: str) -> str:
    """Return the words of a rendered question (HTML this tool wrote), for a message."""
    return html.unescape(_TAG.sub("", question))
