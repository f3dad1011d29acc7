"""What the user chose for a build, as the renderers see it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from qapress.shipped import ShippedDeck

Paper = Literal["a4", "letter"]
Engine = Literal["auto", "chromium", "weasyprint"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Options shared by every renderer; renderers never read the environment themselves."""

    stamp: int
    """Build time in seconds since the epoch: ``SOURCE_DATE_EPOCH`` when set, else the newest
    modification time of the sources and templates, so unchanged inputs rebuild to the same bytes."""
    base_url: str | None = None
    """Where the site will be hosted, for links from cards back to their item."""
    parent_deck: str | None = None
    """Anki deck that holds one subdeck per document, e.g. ``Interview``."""
    paper: Paper = "a4"
    title: str | None = None
    """The site's name; ``None`` names it after its single document, or counts its documents."""
    lang: str | None = None
    """The documents' language as a BCP-47 tag; ``None`` detects each document's from its text."""
    columns: int = 2
    """Columns of the print page: 1, 2 or 3."""
    font_size: float | None = None
    """Size of the print page's text in points; None for the size that suits its columns."""
    landscape: bool = False
    tags: bool = True
    """Whether the print page shows each item's topics under it."""
    self_test: bool = False
    """Print questions only, numbered, with the answers in a key at the end."""
    by_topic: bool = False
    """Print items under their topic headings, with a table of contents."""
    topic: str | None = None
    """Print only the items of this topic (and its subtopics)."""
    pdf_engine: Engine = "auto"
    """What lays the PDF out: Chromium's print, WeasyPrint, or the first of them installed."""
    shipped: Mapping[str, ShippedDeck] = field(default_factory=dict)
    """The last build's decks by document slug, as the build found them; empty when none is known."""
