"""The Anki output: one package per document, one deck per package, one note per item.

The note type's id, fields and template names never change, so Anki matches it on every import
instead of adding a ``Model+`` copy; its CSS and templates may change freely.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import PurePath

import genanki

from qapress.items import Document, Item
from qapress.markup import HIGHLIGHT_CLASS, render_block, render_inline
from qapress.render import paths, templates
from qapress.render.code import highlight_css
from qapress.render.deck.package import write_package
from qapress.render.paths import Files
from qapress.settings import Settings

MODEL_ID = 1_607_392_411
"""The note type's id in every collection; changing it would orphan every imported note."""
MODEL_NAME = "qapress Q&A"
FIELDS = ("Question", "Answer", "Number", "Source", "Link")
"""Frozen: renaming, removing or reordering one makes Anki treat the note type as a new one."""
SORT_FIELD = FIELDS.index("Number")
TEMPLATE_NAME = "Recall"
DECK_ID_BASE = 1 << 30

CODE_STYLES = {
    "default": f".{HIGHLIGHT_CLASS}",
    "github-dark": f":is(.nightMode, .night_mode) .{HIGHLIGHT_CLASS}",
}
"""Pygments style for each mode, and the selector that confines it to code blocks in that mode."""


class Note(genanki.Note):  # type: ignore[misc]  # genanki has no types
    """A genanki note that skips genanki's search of its fields for unescaped tags."""

    def _check_invalid_html_tags_in_fields(self) -> None:
        # genanki's pattern backtracks to the end of the line from every tag with attributes:
        # quadratic in a one-line answer, which at 800 KB never ends. It only warns, and it
        # could find nothing here: our fields come from the Markdown engine, which writes
        # every raw tag of a source as text.
        return


@dataclass(frozen=True, slots=True)
class CardStyle:
    """What the note type shows: its two card sides and its stylesheet."""

    front: str
    back: str
    css: str


@cache
def card_style() -> CardStyle:
    """Return the card templates and CSS under ``templates/deck/``, with code colours appended."""
    css = templates.read_text("deck/style.css") + code_css()
    return CardStyle(
        templates.read_text("deck/front.html"), templates.read_text("deck/back.html"), css
    )


def code_css() -> str:
    """Return Pygments' token colours for light and night mode, scoped to code blocks."""
    return "".join(highlight_css(scope, style) for style, scope in CODE_STYLES.items())


def render_decks(documents: Sequence[Document], settings: Settings) -> Files:
    """Return one ``.apkg`` per document."""
    style = card_style()
    anchors = paths.site_anchors(documents)
    return {paths.deck_file(d): deck_package(d, settings, style, anchors) for d in documents}


def deck_package(
    document: Document,
    settings: Settings,
    style: CardStyle,
    anchors: Mapping[tuple[str, str], str] | None = None,
) -> bytes:
    """Return the ``.apkg`` of one document, drawn with ``style``, linking to the site's anchors."""
    model = _model(style)
    name = deck_name(document, settings)
    main = genanki.Deck(deck_id(document), name, _description(document, settings))
    decks = {"": main}
    for item in document.items:
        deck = decks.get(item.section)
        if deck is None:
            # A document with sections gets one subdeck per section.
            section_name = f"{name}::{item.section.replace('::', ':')}"
            deck = decks[item.section] = genanki.Deck(deck_id(document, item.section), section_name)
        anchor = anchors[document.slug, item.id] if anchors else item.id
        fields = note_fields(document, item, settings, anchor)
        tags = note_tags(document, item)
        deck.add_note(
            Note(model, list(fields), tags=list(tags), guid=note_guid(document, item))
        )
    return write_package(list(decks.values()), settings.stamp, note_time(document, settings))


def _model(style: CardStyle) -> genanki.Model:
    template = {"name": TEMPLATE_NAME, "qfmt": style.front, "afmt": style.back}
    fields = [{"name": name} for name in FIELDS]
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=fields,
        templates=[template],
        css=style.css,
        sort_field_index=SORT_FIELD,
    )


def note_fields(document: Document, item: Item, settings: Settings, anchor: str) -> tuple[str, ...]:
    """Return the note's fields as Anki stores them, in the order of ``FIELDS``."""
    link = item_link(settings.base_url, anchor) if settings.base_url else ""
    answer = render_block(item.answer)
    return (
        render_inline(item.question),
        answer,
        str(item.number),
        escape(document.title),
        escape(link),
    )


def site_page(base_url: str) -> str:
    """Return the address of the site's page, which lists every item."""
    return f"{base_url.rstrip('/')}/index.html"


def item_link(base_url: str, anchor: str) -> str:
    """Return where the site shows an item."""
    return f"{site_page(base_url)}#{anchor}"


def note_tags(document: Document, item: Item) -> tuple[str, ...]:
    """Return the document tag, then each topic under it: ``autoencoders::generative::vae``."""
    return (document.slug, *(f"{document.slug}::{topic}" for topic in item.tags[1:]))


def note_guid(document: Document, item: Item) -> str:
    """Return the note's identity across builds: the document's slug and the item's id."""
    digest = hashlib.blake2b(f"qapress\x1f{document.slug}\x1f{item.id}".encode(), digest_size=12)
    return base64.urlsafe_b64encode(digest.digest()).decode("ascii")


def note_time(document: Document, settings: Settings) -> int:
    """Return the notes' modification time: the source's, clamped to the build stamp."""
    # Clamping keeps SOURCE_DATE_EPOCH builds independent of checkout times.
    return min(document.modified or settings.stamp, settings.stamp)


def deck_id(document: Document, section: str = "") -> int:
    """Return a deck id that stays the same for the same document (and section)."""
    key = f"{document.slug}\x1f{section}" if section else document.slug
    digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
    return DECK_ID_BASE + int.from_bytes(digest, "big") % DECK_ID_BASE


def deck_name(document: Document, settings: Settings) -> str:
    """Return the deck's name: the title, under the parent deck when one is set."""
    # "::" nests decks in Anki; a title is one level, so it must not add more.
    title = document.title.replace("::", ":")
    return f"{settings.parent_deck}::{title}" if settings.parent_deck else title


def _description(document: Document, settings: Settings) -> str:
    page = templates.environment().get_template("deck/description.html")
    site = site_page(settings.base_url) if settings.base_url else ""
    return page.render(
        count=len(document.items),
        title=document.title,
        file=PurePath(document.path).name,
        site=site,
    )
