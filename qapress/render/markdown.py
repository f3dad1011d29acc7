"""What each output makes of an item's Markdown: its flavour, and each item's context.

The deck leaves formulas to Anki's MathJax and names pictures by file alone; the site and the print
page show MathML and pictures from their ``media/`` folder. Footnote ids take the item's site
anchor, which no other item on any page has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from qapress import formulas
from qapress.flavours import TEX, Context, Flavour, context
from qapress.items import Document, Item
from qapress.markup import Request, render_block, render_inline
from qapress.render import paths


def web_math(tex: str, display: bool) -> str:
    """Return TeX as MathML, or as code where it cannot be typeset (the build warned of it)."""
    from markdown_it.common.utils import escapeHtml

    found = formulas.mathml(tex, display)
    return found if found is not None else f'<code class="math-error">{escapeHtml(tex)}</code>'


DECK = TEX
WEB = Flavour("web", web_math, f"{paths.MEDIA_DIR}/")
FLAVOURS = {flavour.name: flavour for flavour in (DECK, WEB)}
"""The flavours a build may render ahead of its outputs, by name."""


def document_context(document: Document, flavour: Flavour, most_pixels: int = 0) -> Context:
    """Return the context a document's items share in ``flavour``: the pictures it shows."""
    pictures = {
        picture.src: picture.name
        for picture in document.pictures
        if not most_pixels or picture.width * picture.height <= most_pixels
    }
    return context(flavour, pictures)


def item_context(shared: Context, anchor: str) -> Context:
    """Return an item's context: its document's, with footnote ids of its own."""
    return Context(shared.flavour, shared.pictures, anchor, shared.key)


def item_html(item: Item, shown: Context) -> tuple[str, str]:
    """Return the item's question and answer as HTML."""
    return render_inline(item.question, shown), render_block(item.answer, shown)


def requests(documents: Sequence[Document], flavours: Iterable[Flavour]) -> list[Request]:
    """Return every item's answer and question in each flavour, to render ahead of the outputs."""
    return [request for _, found in requests_by_document(documents, flavours) for request in found]


def requests_by_document(
    documents: Sequence[Document], flavours: Iterable[Flavour]
) -> list[tuple[Document, list[Request]]]:
    """Return each document with its items' answers and questions in each flavour."""
    anchors = paths.site_anchors(documents)
    shown_in = list(flavours)
    by_document: list[tuple[Document, list[Request]]] = []
    for document in documents:
        found: list[Request] = []
        for flavour in shown_in:
            shared = document_context(document, flavour)
            for item in document.items:
                shown = item_context(shared, anchors[document.slug, item.id])
                found += [(item.answer, True, shown), (item.question, False, shown)]
        by_document.append((document, found))
    return by_document


def media_files(documents: Sequence[Document], folder: str) -> Mapping[str, bytes]:
    """Return every picture the documents show, under ``folder``."""
    return {f"{folder}/{p.name}": p.data for d in documents for p in d.pictures}
