"""The static site: one page holding every document, searchable offline.

One page rather than one per document, because search must see every item and a page may not
fetch anything: a home with a global search and a document filter keeps a single index, a single
place to share links to, and a study session that can span documents.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from qapress import layout
from qapress.items import Document, Item
from qapress.markup import HIGHLIGHT_CLASS, highlight_css
from qapress.search_index import Chip, build_index, chips, index_script
from qapress.settings import Settings
from qapress.templates import environment, read_text

SCRIPTS = ("search.js", "site.js", "study.js")
"""Our scripts, copied as written; the page loads them in this order."""
STYLESHEET = "site.css"
INDEX_SCRIPT = "search-index.js"
_DARK_SCOPES = (
    # The system's choice unless the reader picked light, and the reader's explicit choice.
    ("@media (prefers-color-scheme: dark) {", ":root:not([data-theme=light])", "}"),
    ("", ":root[data-theme=dark]", ""),
)


@dataclass(frozen=True, slots=True)
class Section:
    """One document as the page shows it."""

    document: Document
    items: tuple[tuple[Item, str], ...]
    """Each item with its anchor."""
    deck: str
    sheet: str


def render_site(documents: Sequence[Document], settings: Settings) -> dict[str, bytes]:
    """Render the site's page, stylesheet, script and search index."""
    topic_chips = chips(documents)
    files = {
        layout.SITE_INDEX: _page(documents, settings, topic_chips),
        f"{layout.SITE_DIR}/{STYLESHEET}": stylesheet(),
        **{f"{layout.SITE_DIR}/{name}": read_text(f"site/{name}") for name in SCRIPTS},
        f"{layout.SITE_DIR}/{INDEX_SCRIPT}": index_script(build_index(documents, topic_chips)),
    }
    return {name: text.encode() for name, text in files.items()}


def sections(documents: Sequence[Document]) -> tuple[Section, ...]:
    """Return each document with its items' anchors and the paths of its other outputs."""
    anchors = layout.site_anchors(documents)
    return tuple(
        Section(
            document,
            tuple((item, anchors[document.slug, item.id]) for item in document.items),
            layout.deck_file(document),
            layout.sheet_file(document),
        )
        for document in documents
    )


def _page(documents: Sequence[Document], settings: Settings, topic_chips: Sequence[Chip]) -> str:
    single = len(documents) == 1
    return environment().get_template("site/index.html").render(
        title=documents[0].title if single else "Questions and answers",
        sections=sections(documents),
        chips=topic_chips,
        level=2 if single else 3,
        total=sum(len(document.items) for document in documents),
        built=time.strftime("%Y-%m-%d", time.gmtime(settings.stamp)),
    )


def stylesheet() -> str:
    """Return our stylesheet followed by code colours for the light and dark themes."""
    scope = f".{HIGHLIGHT_CLASS}"
    parts = [read_text(f"site/{STYLESHEET}"), highlight_css(scope, "default")]
    for opening, root, closing in _DARK_SCOPES:
        parts.append(f"{opening}\n{highlight_css(f'{root} {scope}', 'github-dark')}\n{closing}")
    return "\n".join(parts)
