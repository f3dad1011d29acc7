"""The printed page's measures, from the reader's choices: columns, type size, paper, turn.

The build decides some layout itself (which tables fit a column, where long code lines wrap,
which items may break), because CSS cannot choose among layouts by how wide their text is; these
are the figures it decides by.
"""

from __future__ import annotations

from dataclasses import dataclass

from qapress.settings import Settings

MM = 72 / 25.4
"""Points per millimetre."""
PAPERS_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGINS_MM = (12.0, 10.0, 11.0)
"""Top, sides, bottom, as the stylesheet's ``@page`` sets them."""
GAP_MM = {1: 0.0, 2: 7.0, 3: 5.0}
"""Space between columns, narrower where there are more of them."""
SANS_EM = 0.5
"""Mean advance of a letter of running text in Liberation Sans or DejaVu Sans, in ems: generous,
so that an estimate of lines errs towards more."""
MONO_EM = 0.602
"""Advance of every character of DejaVu Sans Mono, in ems."""
CODE_EM = 7 / 8.4
TABLE_EM = 7.5 / 8.4
SMALL_TABLE_EM = 6.3 / 8.4
"""Type sizes of code, tables and shrunk tables, relative to the text."""
TYPE_SIZES = {1: 8.4, 2: 8.4, 3: 7.0}
"""The text's size in points where the reader chose none: narrower columns, smaller type."""
LINE = 1.27
CODE_LINE = 1.25
TABLE_LINE = 1.2


@dataclass(frozen=True, slots=True)
class Geometry:
    """The sizes, in points, that a print page's layout is decided by."""

    font: float
    """The text's size."""
    column: float
    """Width of one column."""
    across: float
    """Width of the page's text: every column and the gaps between them."""
    height: float
    """Height of a column."""
    columns: int

    def chars(self, width: float, em: float, advance: float = SANS_EM) -> int:
        """Return how many characters of relative size ``em`` fill ``width`` points."""
        return max(1, int(width / (self.font * em * advance)))


def geometry(settings: Settings) -> Geometry:
    """Return the measures of the page the settings ask for."""
    width, height = PAPERS_MM[settings.paper]
    if settings.landscape:
        width, height = height, width
    top, sides, bottom = MARGINS_MM
    across = (width - 2 * sides) * MM
    gaps = GAP_MM[settings.columns] * MM * (settings.columns - 1)
    column = (across - gaps) / settings.columns
    high = (height - top - bottom) * MM
    return Geometry(type_size(settings), column, across, high, settings.columns)


def type_size(settings: Settings) -> float:
    """Return the size of the page's text in points: the reader's, or the one for its columns."""
    return settings.font_size or TYPE_SIZES[settings.columns]
