"""The outputs a build can write, each renderer imported only by a build that writes its output."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qapress.items import Document
from qapress.settings import Settings

Files = dict[str, bytes]
"""Output files by path relative to the output folder, with ``/`` separators."""
Renderer = Callable[[Sequence[Document], Settings], Files]
"""Renders one output of every document, in memory."""


@dataclass(frozen=True, slots=True)
class Output:
    """An output's renderer, named by module and function, imported only when it is needed."""

    module: str
    function: str

    def load(self) -> Renderer:
        """Import the renderer, and with it the libraries its output needs; return it."""
        found: Renderer = getattr(importlib.import_module(self.module), self.function)
        return found

    @property
    def loaded(self) -> bool:
        """Say whether the renderer has been imported already."""
        return self.module in sys.modules


OUTPUTS = {
    "deck": Output("qapress.deck", "render_decks"),
    "site": Output("qapress.site", "render_site"),
    "sheet": Output("qapress.sheet", "render_sheets"),
    "pdf": Output("qapress.pdf", "render_pdfs"),
}
"""Every output by name."""
