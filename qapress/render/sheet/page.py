"""The print cheat sheet: one dense, two-column HTML page per document, made for paper."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from qapress.flavours import Context, Flavour
from qapress.items import Document
from qapress.render import paths
from qapress.render.code import highlight_css
from qapress.render.markdown import WEB, document_context, media_files
from qapress.render.templates import environment, read_text
from qapress.settings import Paper, Settings

PAGE_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}
"""CSS ``@page`` sizes for the papers users can choose."""

_CSS_SAFE = re.compile(r"[A-Za-z0-9 ]")


def render_sheets(
    documents: Sequence[Document], settings: Settings, flavour: Flavour = WEB, most_pixels: int = 0
) -> dict[str, bytes]:
    """Render each document's print page, the stylesheet beside it and the pictures it shows.

    The PDF asks for its own ``flavour`` of formulas, and leaves out pictures of more than
    ``most_pixels`` (0: none left out).
    """
    anchors = paths.site_anchors(documents)
    files: dict[str, bytes] = dict(media_files(documents, f"{paths.PRINT_DIR}/{paths.MEDIA_DIR}"))
    for document in documents:
        ids = {item.id: anchors[document.slug, item.id] for item in document.items}
        shown = document_context(document, flavour, most_pixels)
        files[paths.sheet_file(document)] = render_sheet(document, settings, shown, ids).encode()
        files[stylesheet_file(document)] = render_stylesheet(document, settings).encode()
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
    return environment().get_template("sheet/sheet.html").render(
        document=document,
        shown=shown or document_context(document, WEB),
        anchors=anchors or {item.id: item.id for item in document.items},
        built=built.strftime("%Y-%m-%d"),
        created=built.strftime("%Y-%m-%dT%H:%M:%SZ"),
        stylesheet=stylesheet_file(document).removeprefix(f"{paths.PRINT_DIR}/"),
    )


def render_stylesheet(document: Document, settings: Settings) -> str:
    """Return a print page's CSS: shared rules, code colours, then its paper and title."""
    # Each page carries its own file so that its title can sit in the running header: page
    # margin boxes cannot read text from the document in every browser.
    page = environment().get_template("sheet/page.css").render(
        size=PAGE_SIZES[settings.paper], title=css_escape(document.title)
    )
    return "\n".join((read_text("sheet/sheet.css"), highlight_css(), page))


def css_escape(text: str) -> str:
    """Return ``text`` for use inside a double-quoted CSS string, every other character escaped."""
    # The space ends each escape and is consumed with it, so a following digit or space stays text.
    return "".join(c if _CSS_SAFE.fullmatch(c) else f"\\{ord(c):x} " for c in text)
