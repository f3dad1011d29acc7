"""The print cheat sheet as PDF: the same HTML and CSS, laid out by Chromium or by WeasyPrint."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qapress.items import PDF_PIXELS, Document
from qapress.problems import UserError
from qapress.render import paths
from qapress.render.sheet.page import render_sheets
from qapress.render.sheet.typeset import PDF
from qapress.settings import Settings

BASE_URL = "file:///qapress-build/"
"""Where the in-memory print files seem to live while WeasyPrint reads them; never on disk."""

INSTALL_HINT = (
    "writing PDFs needs WeasyPrint and the Pango text libraries: run "
    "`pip install -e '.[pdf]'`, and on Debian or Ubuntu "
    "`sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
    "fonts-dejavu-core fonts-liberation` (other systems: "
    "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html)"
)


def render_pdfs(documents: Sequence[Document], settings: Settings) -> dict[str, bytes]:
    """Render each document's print page to a PDF with the engine the settings choose."""
    if pdf_engine(settings) == "chromium":
        from qapress.render.sheet.chromium import render_chromium_pdfs

        return render_chromium_pdfs(documents, settings)
    return render_weasyprint_pdfs(documents, settings)


def pdf_engine(settings: Settings) -> str:
    """Return the engine that lays out the PDFs: the one chosen, or the faster installed.

    Chromium is the faster at every size measured (``bench/print_bench.py``): the seed's 100
    items in about half WeasyPrint's CPU time, whose import alone takes 0.4 s, and 1,000 items in
    an eighth of it.
    """
    if settings.pdf_engine != "auto":
        return settings.pdf_engine
    from qapress.render.sheet.chromium import chromium_binary

    return "weasyprint" if chromium_binary() is None else "chromium"


def render_weasyprint_pdfs(documents: Sequence[Document], settings: Settings) -> dict[str, bytes]:
    """Render each document's print page to a PDF in-process, with its formulas drawn as pictures."""
    weasyprint = load_weasyprint()
    try:
        import ziamath  # noqa: F401 - draws the formulas, and is part of the same extra
    except ImportError as error:
        raise UserError(f"{INSTALL_HINT} ({error})") from None
    sheets = render_sheets(documents, settings, PDF, PDF_PIXELS)
    fetcher = _file_fetcher(sheets)
    pdfs: dict[str, bytes] = {}
    for document in documents:
        page = paths.sheet_file(document)
        if page not in sheets:
            continue  # not in the chosen topic
        html = weasyprint.HTML(
            string=sheets[page].decode(), base_url=BASE_URL + page, url_fetcher=fetcher
        )
        pdfs[paths.pdf_file(document)] = html.write_pdf(pdf_tags=True, finisher=_open_outline)
    return pdfs


def _open_outline(_document: Any, pdf: Any) -> None:
    """Make the PDF open with its bookmarks shown: one per question, the sheet's contents."""
    pdf.catalog["PageMode"] = "/UseOutlines"


def load_weasyprint() -> Any:
    """Import WeasyPrint, or raise a user error that says how to install it."""
    try:
        import weasyprint
    except ImportError as error:
        raise UserError(f"{INSTALL_HINT} ({error})") from None
    except OSError as error:
        # WeasyPrint opens Pango through cffi at import time, so a missing
        # system library surfaces as OSError, not ImportError.
        raise UserError(f"{INSTALL_HINT} (could not load a system library: {error})") from None
    return weasyprint


_TYPES = {"css": "text/css", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
          "gif": "image/gif", "webp": "image/webp"}


def _file_fetcher(files: Mapping[str, bytes]) -> Any:
    """Return a WeasyPrint URL fetcher that serves only the print files and inline data."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PrintFileFetcher(URLFetcher):  # type: ignore[misc]
        # The document is untrusted: a PDF build must never read the disk or the network
        # on its behalf, so every address other than our own files and data: URLs fails.
        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
            name = url.removeprefix(BASE_URL)
            if url.startswith(BASE_URL) and name in files:
                kind = _TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
                return URLFetcherResponse(url, files[name], {"Content-Type": kind})
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"{url} is outside the print page's own files")

    return PrintFileFetcher(allowed_protocols=("file", "data"))
