"""The command line's options for the print sheet's shape, and the settings they give."""

from __future__ import annotations

import argparse
from typing import Any

from qapress.problems import printable

PRINT_OPTIONS = (
    "pdf_engine", "columns", "font_size", "landscape", "tags", "self_test", "by_topic", "topic",
)
"""The ``Settings`` fields these options set, each named as its option's destination."""


def add_print_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that shape the print page and its PDF."""
    parser.add_argument(
        "--pdf-engine", choices=("auto", "chromium", "weasyprint"), default="auto",
        help="what lays out the PDF (default: auto, Chromium where installed, else WeasyPrint)",
    )
    parser.add_argument(
        "--columns", type=_columns, default=2, metavar="N",
        help="columns of the print page: 1, 2 or 3 (default: 2)",
    )
    parser.add_argument(
        "--font-size", type=_font_size, metavar="PT",
        help="size of the print page's text in points, from 5 to 14 (default: 8.4, 7 in 3 columns)",
    )
    parser.add_argument(
        "--landscape", action="store_true", help="print the page turned on its side",
    )
    parser.add_argument(
        "--no-tags", dest="tags", action="store_false",
        help="leave out the topics under each printed item",
    )
    parser.add_argument(
        "--self-test", action="store_true",
        help="print the questions alone, numbered, with the answers in a key at the end",
    )
    parser.add_argument(
        "--by-topic", action="store_true",
        help="print items under their topic headings, with the topics listed on page 1",
    )
    parser.add_argument(
        "--topic", metavar="TOPIC",
        help="print only the items of this topic and its subtopics, e.g. generative::vae",
    )


def print_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Return the settings the print options give, by ``Settings`` field."""
    return {name: getattr(args, name) for name in PRINT_OPTIONS}


def _columns(text: str) -> int:
    if text not in ("1", "2", "3"):
        raise argparse.ArgumentTypeError(f"{printable(text)!r} is not 1, 2 or 3 columns")
    return int(text)


def _font_size(text: str) -> float:
    try:
        size = float(text)
    except ValueError:
        size = 0.0
    if not 5 <= size <= 14:
        raise argparse.ArgumentTypeError(f"{printable(text)!r} is not a size from 5 to 14 points")
    return size
