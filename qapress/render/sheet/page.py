"""The print cheat sheet: one dense HTML page per document, in the columns and size the reader chose."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache

from qapress.flavours import Context, Flavour
from qapress.items import Document, Item
from qapress.language import language
from qapress.markup import render_block, render_inline
from qapress.problems import UserError
from qapress.render import paths
from qapress.render.code import highlight_css
from qapress.render.markdown import WEB, document_context, item_context, media_files
from qapress.render.sheet.fit import fit_answer
from qapress.render.sheet.geometry import GAP_MM, Geometry, geometry, type_size
from qapress.render.sheet.height import item_height
from qapress.render.sheet.topics import chosen_items, groups
from qapress.render.templates import environment, read_text
from qapress.settings import Paper, Settings

PAGE_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}
"""CSS ``@page`` sizes for the papers users can choose."""
TALL = 0.7
"""Share of a column above which an item may break between its blocks: an estimate, so less than
all of it, and a smaller share would split items that fit."""

_CSS_SAFE = re.compile(r"[A-Za-z0-9 ]")
_STRONG = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]|([\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc])")
"""A letter of a left-to-right script, or (in the group) of a right-to-left one."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An item as the page sets it: its classes and where the hosted site shows it."""

    item: Item
    classes: str
    link: str


def render_sheets(
    documents: Sequence[Document], settings: Settings, flavour: Flavour = WEB, most_pixels: int = 0
) -> dict[str, bytes]:
    """Render each document's print page, the stylesheet beside it and the pictures it shows.

    The PDF asks for its own ``flavour`` of formulas, and leaves out pictures of more than
    ``most_pixels`` (0: none left out). With a topic chosen, a document without it has no page.
    """
    anchors = paths.site_anchors(documents)
    files: dict[str, bytes] = dict(media_files(documents, f"{paths.PRINT_DIR}/{paths.MEDIA_DIR}"))
    for whole in documents:
        document = replace(whole, items=chosen_items(whole, settings.topic))
        if not document.items:
            continue
        ids = {item.id: anchors[document.slug, item.id] for item in document.items}
        shown = document_context(document, flavour, most_pixels)
        files[paths.sheet_file(document)] = render_sheet(document, settings, shown, ids).encode()
        files[stylesheet_file(document)] = render_stylesheet(document, settings).encode()
    if settings.topic is not None and not any(name.endswith(".html") for name in files):
        raise UserError(
            f"no question has the topic {settings.topic!r} (--topic takes a topic as the tags "
            "file names it, like generative::vae)"
        )
    return files


def stylesheet_file(document: Document) -> str:
    """Return the path of the stylesheet a print page links to."""
    return f"{paths.PRINT_DIR}/{document.slug}.css"


def render_sheet(
    document: Document, settings: Settings, shown: Context | None = None,
    anchors: Mapping[str, str] | None = None,
) -> str:
    """Return one document's print page as HTML, its items in ``shown`` with footnote ids drawn
    from ``anchors`` (item id to site anchor; by default the item ids)."""
    built = datetime.fromtimestamp(settings.stamp, UTC)
    page = geometry(settings)
    layout = Layout(settings, shown or document_context(document, WEB), page, _fitter(page))
    anchors = anchors or {item.id: item.id for item in document.items}
    return environment().get_template("sheet/sheet.html").render(
        document=document,
        settings=settings,
        groups=[
            (group, [_entry(item, anchors[item.id], layout) for item in group.items])
            for group in groups(document.items, settings.by_topic)
        ],
        shown=layout.shown,
        anchors=anchors,
        reshape=lambda html: layout.fit(html)[0],
        direction=direction,
        lang=language(document, settings.lang),
        built=built.strftime("%Y-%m-%d"),
        created=built.strftime("%Y-%m-%dT%H:%M:%SZ"),
        stylesheet=stylesheet_file(document).removeprefix(f"{paths.PRINT_DIR}/"),
    )


@dataclass(frozen=True, slots=True)
class Layout:
    """What setting one page's items depends on."""

    settings: Settings
    shown: Context
    page: Geometry
    fit: Callable[[str], tuple[str, bool]]
    """An answer's HTML to the HTML printed, and whether it spans the columns."""


def _fitter(page: Geometry) -> Callable[[str], tuple[str, bool]]:
    """Return the answer fitter for this page, each answer fitted once however often asked."""
    return lru_cache(maxsize=None)(lambda html: fit_answer(html, page))


def _entry(item: Item, anchor: str, layout: Layout) -> Entry:
    """Return how the page sets an item: whether it may break, and whether it spans the columns."""
    settings = layout.settings
    link = paths.item_link(settings.base_url, anchor) if settings.base_url else ""
    context = item_context(layout.shown, anchor)
    answer, spans = layout.fit(render_block(item.answer, context))
    tags = len(item.tags) > 1 and settings.tags and not settings.self_test
    height = item_height(render_inline(item.question, context), answer, tags, layout.page)
    tall = height > TALL * layout.page.height
    classes = " ".join(("item", *(["long"] if tall else []), *(["span"] if spans else [])))
    return Entry(item, classes, link)


def direction(text: str) -> str:
    """Return ``rtl`` for text whose first letter is of a right-to-left script, else ``auto``."""
    # Said outright, since WeasyPrint takes dir="auto" as left to right; Chromium still decides
    # for itself wherever the text starts left to right.
    found = _STRONG.search(text)
    return "rtl" if found and found[1] else "auto"


def render_stylesheet(document: Document, settings: Settings) -> str:
    """Return a print page's CSS: shared rules, code colours, then its paper, shape and title."""
    # Each page carries its own file so that its title can sit in the running header: page
    # margin boxes cannot read text from the document in every browser.
    page = environment().get_template("sheet/page.css").render(
        size=PAGE_SIZES[settings.paper] + (" landscape" if settings.landscape else ""),
        title=css_escape(document.title),
        columns=settings.columns,
        font_size=type_size(settings),
        gap=GAP_MM[settings.columns],
    )
    return "\n".join((read_text("sheet/sheet.css"), highlight_css(), page))


def css_escape(text: str) -> str:
    """Return ``text`` for use inside a double-quoted CSS string, every other character escaped."""
    # The space ends each escape and is consumed with it, so a following digit or space stays text.
    return "".join(c if _CSS_SAFE.fullmatch(c) else f"\\{ord(c):x} " for c in text)
