"""Where each output lands, relative to the output folder: one naming for every module."""

from __future__ import annotations

from collections.abc import Sequence

from qapress import ids
from qapress.items import Document

Files = dict[str, bytes]
"""Output files by path relative to the output folder, with ``/`` separators."""
SITE_DIR = "site"
SITE_INDEX = f"{SITE_DIR}/index.html"
PRINT_DIR = "print"
MEDIA_DIR = "media"
"""The folder beside the site's page, and beside the print pages, that holds their pictures."""


def deck_file(document: Document) -> str:
    """Return the Anki package's path."""
    return f"{document.slug}.apkg"


def deck_manifest(document: Document) -> str:
    """Return the path of the deck's memory: what the package holds, read by the next build."""
    return f"{document.slug}.deck.json"


def sheet_file(document: Document) -> str:
    """Return the print page's path."""
    return f"{PRINT_DIR}/{document.slug}.html"


def pdf_file(document: Document) -> str:
    """Return the PDF's path."""
    return f"{PRINT_DIR}/{document.slug}.pdf"


def site_chunk(number: int) -> str:
    """Return the path of the site's chunk script ``number`` (from 1); ``items.js`` names it alike."""
    return f"{SITE_DIR}/items-{number:03d}.js"


def site_anchors(documents: Sequence[Document]) -> dict[tuple[str, str], str]:
    """Return each item's anchor in the site index, keyed by (document slug, item id).

    An item keeps its id as anchor unless an earlier document already took it; it then gets
    ``<slug>--<id>``, which derived ids cannot take since they never hold ``--``.
    """
    anchors: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for document in documents:
        for item in document.items:
            wanted = item.id if item.id not in taken else f"{document.slug}--{item.id}"
            anchor = ids.disambiguate(wanted, taken)
            taken.add(anchor)
            anchors[document.slug, item.id] = anchor
    return anchors


def site_page(base_url: str) -> str:
    """Return the address of the hosted site's page, which lists every item."""
    return f"{base_url.rstrip('/')}/index.html"


def item_link(base_url: str, anchor: str) -> str:
    """Return where the hosted site shows an item."""
    return f"{site_page(base_url)}#{anchor}"
