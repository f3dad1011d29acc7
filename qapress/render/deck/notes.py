"""The Anki output: one package per document, one deck per package, one note per item.

A note is dated by the last build's memory of it (``qapress.shipped``, ``dates``): it keeps its
date while nothing it carries changes, so that re-importing updates only the notes that did
change, and an edit made inside Anki to any other note survives. Notes the last build shipped and
this one does not are sent once more, tagged ``<document>::removed``, so that one search finds
them all.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import PurePath

from qapress.cloze import anki_clozes, cloze_numbers
from qapress.flavours import Context
from qapress.items import Document, Item
from qapress.render import paths, templates
from qapress.render.deck.dates import note_digest, note_stamp
from qapress.render.deck.library import genanki
from qapress.render.deck.models import NOTE_TYPES, CardStyle, card_style, note_model
from qapress.render.deck.package import write_package
from qapress.render.markdown import DECK, document_context, item_context, item_html
from qapress.render.paths import Files, item_link, site_page
from qapress.settings import Settings
from qapress.shipped import REMOVED_TAG, ShippedDeck, ShippedNote, deck_name, manifest_json, removed

MODEL_ID = NOTE_TYPES["basic"].id
MODEL_NAME = NOTE_TYPES["basic"].name
DECK_ID_BASE = 1 << 30

class Note(genanki.Note):  # type: ignore[misc]  # genanki has no types
    """A genanki note that skips genanki's search of its fields for unescaped tags."""

    def _check_invalid_html_tags_in_fields(self) -> None:
        # genanki's pattern backtracks to the end of the line from every tag with attributes:
        # quadratic in a one-line answer, which at 800 KB never ends. It only warns, and it
        # could find nothing here: our fields come from the Markdown engine, which writes
        # every raw tag of a source as text.
        return



def render_decks(documents: Sequence[Document], settings: Settings) -> Files:
    """Return one ``.apkg`` per document, and beside it the memory of what it holds."""
    style = card_style()
    anchors = paths.site_anchors(documents)
    files: Files = {}
    for document in documents:
        package, shipped = deck_contents(document, settings, style, anchors)
        files[paths.deck_file(document)] = package
        files[paths.deck_manifest(document)] = manifest_json(shipped)
    return files


def deck_package(
    document: Document,
    settings: Settings,
    style: CardStyle,
    anchors: Mapping[tuple[str, str], str] | None = None,
) -> bytes:
    """Return the ``.apkg`` of one document, drawn with ``style``, linking to the site's anchors."""
    return deck_contents(document, settings, style, anchors)[0]


def deck_contents(
    document: Document,
    settings: Settings,
    style: CardStyle,
    anchors: Mapping[tuple[str, str], str] | None = None,
) -> tuple[bytes, ShippedDeck]:
    """Return the ``.apkg`` of one document and the memory of what it ships."""
    previous = settings.shipped.get(document.slug)
    before = {note.guid: note for note in previous.notes} if previous else {}
    models = {kind: note_model(kind, style) for kind in NOTE_TYPES}
    name = deck_name(document, settings.parent_deck, previous)
    decks = {"": genanki.Deck(deck_id(document), name, _description(document, settings))}
    fallback = note_time(document, settings)
    shared = document_context(document, DECK)
    shipped: list[ShippedNote] = []
    for item in document.items:
        deck = _deck_of(decks, document, name, item.section)
        anchor = anchors[document.slug, item.id] if anchors else item.id
        kind, fields = note_content(document, item, settings, item_context(shared, anchor))
        tags = note_tags(document, item)
        guid = note_guid(document, item, kind)
        digest = note_digest(kind, fields, tags, deck.name)
        stamp = note_stamp(digest, before.get(guid), fallback)
        shipped.append(ShippedNote(guid, item.id, item.number, kind, fields[0], digest, stamp))
        deck.add_note(Note(models[kind], list(fields), tags=list(tags), guid=guid))
    times = {note.guid: note.stamp for note in shipped}
    for gone in removed(previous, times):
        # Dated after the note it retires and after the build's sources, so Anki takes it.
        decks[""].add_note(_retired_note(document, gone, models[gone.kind]))
        times[gone.guid] = max(fallback, settings.stamp, gone.stamp + 1)
    media = {picture.name: picture.data for picture in document.pictures}
    package = write_package(list(decks.values()), settings.stamp, times, media)
    return package, ShippedDeck(name, tuple(shipped))


def _deck_of(
    decks: dict[str, genanki.Deck], document: Document, name: str, section: str
) -> genanki.Deck:
    """Return the deck an item's notes go to; a document with sections gets one per section."""
    deck = decks.get(section)
    if deck is None:
        section_name = f"{name}::{section.replace('::', ':')}"
        deck = decks[section] = genanki.Deck(deck_id(document, section), section_name)
    return deck


def note_content(
    document: Document, item: Item, settings: Settings, shown: Context
) -> tuple[str, tuple[str, ...]]:
    """Return the item's note type (a key of ``NOTE_TYPES``) and its fields, in ``FIELDS`` order."""
    fields = note_fields(document, item, settings, shown)
    if not cloze_numbers(fields[1]):
        return item.card or "basic", fields
    return "cloze", (fields[0], anki_clozes(fields[1]), *fields[2:])


def note_fields(document: Document, item: Item, settings: Settings, shown: Context) -> tuple[str, ...]:
    """Return the note's fields as the site would show them, in the order of ``FIELDS``.

    ``shown`` is the item's context, whose footnote prefix is its anchor on the site.
    """
    link = item_link(settings.base_url, shown.notes) if settings.base_url else ""
    question, answer = item_html(item, shown)
    return (
        question,
        answer,
        str(item.number),
        escape(document.title),
        escape(link),
    )


def _retired_note(document: Document, gone: ShippedNote, model: genanki.Model) -> genanki.Note:
    """Return a note the source no longer has, saying so, tagged for one search to find."""
    tag = f"{document.slug}::{REMOVED_TAG}"
    # A cloze note needs a deletion to keep a card: the word that says it is removed is one.
    lead = "{{c1::Removed}}" if model.model_type == genanki.Model.CLOZE else "Removed"
    answer = (
        f"<p>{lead}: this question is no longer in {escape(PurePath(document.path).name)}. "
        f"Find every such note with <code>tag:{tag}</code> and delete it.</p>"
    )
    fields = [gone.question, answer, str(gone.number), escape(document.title), ""]
    return genanki.Note(model, fields, tags=[document.slug, tag], guid=gone.guid)


def note_tags(document: Document, item: Item) -> tuple[str, ...]:
    """Return the document tag, then each topic under it: ``autoencoders::generative::vae``."""
    return (document.slug, *(f"{document.slug}::{topic}" for topic in item.tags[1:]))


def note_guid(document: Document, item: Item, kind: str = "basic") -> str:
    """Return the note's identity across builds: the document's slug, the item's id, its type."""
    # A note cannot change its note type on import, so another type is another note.
    key = f"qapress\x1f{document.slug}\x1f{item.id}" + ("" if kind == "basic" else f"\x1f{kind}")
    digest = hashlib.blake2b(key.encode(), digest_size=12)
    return base64.urlsafe_b64encode(digest.digest()).decode("ascii")


def note_time(document: Document, settings: Settings) -> int:
    """Return the date of a note the last build did not ship: the source's, clamped to the stamp."""
    # Clamping keeps SOURCE_DATE_EPOCH builds independent of checkout times.
    return min(document.modified or settings.stamp, settings.stamp)


def deck_id(document: Document, section: str = "") -> int:
    """Return a deck id that stays the same for the same document (and section)."""
    key = f"{document.slug}\x1f{section}" if section else document.slug
    digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
    return DECK_ID_BASE + int.from_bytes(digest, "big") % DECK_ID_BASE


def _description(document: Document, settings: Settings) -> str:
    page = templates.environment().get_template("deck/description.html")
    site = site_page(settings.base_url) if settings.base_url else ""
    return page.render(
        count=len(document.items),
        title=document.title,
        file=PurePath(document.path).name,
        site=site,
    )
