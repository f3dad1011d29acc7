"""Where each output lands, relative to the output folder: one naming for every module."""

from __future__ import annotations

from qapress.items import Document

SITE_DIR = "site"
SITE_INDEX = f"{SITE_DIR}/index.html"
PRINT_DIR = "print"


def deck_file(document: Document) -> str:
    """Return the Anki package's path."""
    return f"{document.slug}.apkg"


def sheet_file(document: Document) -> str:
    """Return the print page's path."""
    return f"{PRINT_DIR}/{document.slug}.html"


def pdf_file(document: Document) -> str:
    """Return the PDF's path."""
    return f"{PRINT_DIR}/{document.slug}.pdf"
