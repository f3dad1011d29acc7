"""The static site: one page holding every document, searchable offline.

One page rather than one per document, because search must see every item and a page may not
fetch anything: a home with a global search and a document filter keeps a single index, a single
place to share links to, and a study session that can span documents.

The page holds the first ``PAGE_ITEMS`` items as HTML, so a small collection reads in full without
JavaScript. The rest go, prerendered from the same item template, into chunk scripts that the page
adds as ``<script src>`` when a search, a filter, a link or "Show more" reaches them: parsing a page
of ten thousand items took longer than any reader should wait for the search box.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qapress.engine import HIGHLIGHT_CLASS
from qapress.flavours import Context
from qapress.items import Document, Item
from qapress.language import direction, language
from qapress.render import paths
from qapress.render.code import highlight_css
from qapress.render.markdown import WEB, document_context, media_files
from qapress.render.site.search import Chip, build_index, chips, index_script, topic_groups
from qapress.render.templates import environment, read_text
from qapress.settings import Settings

SCRIPTS = (
    "search.js", "items.js", "storage.js", "theme.js", "address.js", "list.js", "highlight.js",
    "topics.js", "query.js", "results.js", "filters.js", "grades.js", "session.js", "study.js", "links.js", "page.js",
)
"""Our scripts, copied as written; the page loads them in this order, one job each."""
STYLESHEET = "site.css"
INDEX_SCRIPT = "search-index.js"
PAGE_ITEMS = 500
"""Items the page holds as HTML; ``bench/site_bench.py`` shows why this many (see the README)."""
CHUNK_ITEMS = 100
"""Items per chunk script: each script added costs the page more than its bytes, while a larger
chunk loads more that no one asked for when a search, a link or a study step wants one item."""
ITEMS_GLOBAL = "qapressItems"
"""The global whose ``add(first, markup)`` each chunk script calls (``templates/site/items.js``)."""
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
    """Each item the page holds as HTML, with its anchor."""
    later: tuple[tuple[Item, str], ...]
    """Each item left to the chunk scripts, with its anchor."""
    deck: str
    sheet: str
    shown: Context
    """How the page shows the document's formulas and pictures."""
    lang: str
    """The document's language as a BCP-47 tag."""
    dir: str
    """``rtl`` or ``ltr``, as the language is written."""


def render_site(
    documents: Sequence[Document], settings: Settings, *, page_items: int = PAGE_ITEMS
) -> dict[str, bytes]:
    """Render the site's page, stylesheet, scripts, item chunks and search index."""
    topic_chips = chips(documents)
    parts = sections(documents, page_items, settings.lang)
    title = site_title(documents, settings.title)
    index = {**build_index(documents, topic_chips), **_lazy_index(parts, page_items),
             "site": site_id(documents, title)}
    files = {
        paths.SITE_INDEX: _page(parts, settings, topic_chips, title),
        f"{paths.SITE_DIR}/{STYLESHEET}": stylesheet(),
        **{f"{paths.SITE_DIR}/{name}": read_text(f"site/{name}") for name in SCRIPTS},
        f"{paths.SITE_DIR}/{INDEX_SCRIPT}": index_script(index),
        **_chunks(parts, page_items),
    }
    pictures = media_files(documents, f"{paths.SITE_DIR}/{paths.MEDIA_DIR}")
    return {**{name: text.encode() for name, text in files.items()}, **pictures}


def site_title(documents: Sequence[Document], setting: str | None) -> str:
    """Return the site's name: the setting, the single document's title, or how many there are."""
    if setting:
        return setting
    return documents[0].title if len(documents) == 1 else f"{len(documents)} documents"


def site_id(documents: Sequence[Document], title: str) -> str:
    """Return an id that stays while the site keeps its name and documents, for its saved progress."""
    # The first question tells apart two sites whose documents share a file name and a title.
    firsts = [(d.slug, d.title, d.items[0].id if d.items else "") for d in documents]
    names = json.dumps([title, *firsts], ensure_ascii=False)
    return hashlib.sha256(names.encode()).hexdigest()[:12]


def sections(
    documents: Sequence[Document], page_items: int = PAGE_ITEMS, lang: str | None = None
) -> tuple[Section, ...]:
    """Return each document with its items' anchors, split at the page's share of items."""
    anchors = paths.site_anchors(documents)
    found: list[Section] = []
    start = 0
    for document in documents:
        items = tuple((item, anchors[document.slug, item.id]) for item in document.items)
        cut = max(0, min(len(items), page_items - start))
        tag = language(document, lang)
        found.append(Section(document, items[:cut], items[cut:], paths.deck_file(document),
                             paths.sheet_file(document), document_context(document, WEB),
                             tag, direction(tag)))
        start += len(items)
    return tuple(found)


def _level(parts: Sequence[Section]) -> int:
    # A single document's title is the page's h1; with several, each has its h2.
    return 2 if len(parts) == 1 else 3


def _page(
    parts: Sequence[Section], settings: Settings, topic_chips: Sequence[Chip], title: str
) -> str:
    languages = {part.lang for part in parts}
    groups = topic_groups(topic_chips)
    return environment().get_template("site/index.html").render(
        title=title,
        lang=languages.pop() if len(languages) == 1 else settings.lang or "en",
        sections=parts,
        tops=[chip for chip in topic_chips if not chip.depth],
        groups=groups,
        parents={parent.topic: n for n, (parent, _) in enumerate(groups, start=1)},
        level=_level(parts),
        several=len(parts) > 1,
        total=sum(len(part.items) + len(part.later) for part in parts),
        inline=sum(len(part.items) for part in parts),
        built=time.strftime("%Y-%m-%d", time.gmtime(settings.stamp)),
        scripts=SCRIPTS,
    )


def _lazy_index(parts: Sequence[Section], page_items: int) -> dict[str, Any]:
    # Anchors let the page follow a link to, and keep progress for, items it has not loaded.
    anchors = [anchor for part in parts for _, anchor in (*part.items, *part.later)]
    return {"anchors": anchors, "chunks": [page_items, CHUNK_ITEMS]}


def _chunks(parts: Sequence[Section], page_items: int) -> dict[str, str]:
    template = environment().get_template("site/item.html")
    level = _level(parts)
    markup = [
        template.render(section=part, item=item, anchor=anchor, level=level, several=len(parts) > 1)
        for part in parts
        for item, anchor in part.later
    ]
    return {
        paths.site_chunk(number): chunk_script(page_items + start, markup[start:start + CHUNK_ITEMS])
        for number, start in enumerate(range(0, len(markup), CHUNK_ITEMS), start=1)
    }


def chunk_script(first: int, markup: Sequence[str]) -> str:
    """Return a classic script handing items' HTML to the page, from position ``first`` on."""
    strings = ",\n".join(_script_string(text) for text in markup)
    return f"{ITEMS_GLOBAL}.add({first}, [\n{strings}\n]);\n"


def _script_string(text: str) -> str:
    # JSON is a JavaScript string literal once '<' cannot close a script element and the two line
    # separators JavaScript once refused inside strings are escaped too.
    literal = json.dumps(text, ensure_ascii=False).replace("<", "\\u003c")
    return literal.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def stylesheet() -> str:
    """Return our stylesheet followed by code colours for the light and dark themes."""
    scope = f".{HIGHLIGHT_CLASS}"
    parts = [read_text(f"site/{STYLESHEET}"), highlight_css(scope, "default")]
    for opening, root, closing in _DARK_SCOPES:
        parts.append(f"{opening}\n{highlight_css(f'{root} {scope}', 'github-dark')}\n{closing}")
    return "\n".join(parts)
