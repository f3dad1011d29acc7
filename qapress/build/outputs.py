"""The outputs a build can write, each renderer imported only by a build that writes its output."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qapress.items import Document
from qapress.render.paths import Files
from qapress.settings import Settings

Renderer = Callable[[Sequence[Document], Settings], Files]
"""Renders one output of every document, in memory."""


@dataclass(frozen=True, slots=True)
class Output:
    """An output's renderer, named by module and function, imported only when it is needed."""

    module: str
    function: str
    cost: int
    """Rough time to import and render, relative to the others: outputs are shared among
    processes by it."""
    flavour: str = ""
    """The flavour of Markdown it shows (``render.markdown.FLAVOURS``), rendered ahead of it;
    "" for an output that renders its own."""
    templates: tuple[str, ...] = ()
    """The Jinja templates it renders, compiled by ``ready`` ahead of its input."""

    def load(self) -> Renderer:
        """Import the renderer, and with it the libraries its output needs; return it."""
        found: Renderer = getattr(importlib.import_module(self.module), self.function)
        return found

    def ready(self) -> Renderer:
        """Load the renderer and compile its templates, as a process forked ahead of its input
        does while the sources are parsed; return the renderer."""
        renderer = self.load()
        if self.templates:
            from qapress.render.templates import environment

            for name in self.templates:
                environment().get_template(name)
        return renderer

    @property
    def loaded(self) -> bool:
        """Say whether the renderer has been imported already."""
        return self.module in sys.modules


OUTPUTS = {
    "deck": Output("qapress.render.deck.notes", "render_decks", 4, "tex", ("deck/description.html",)),
    "site": Output("qapress.render.site.page", "render_site", 2, "web", ("site/index.html", "site/item.html")),
    "sheet": Output("qapress.render.sheet.page", "render_sheets", 1, "web", ("sheet/sheet.html", "sheet/page.css")),
    "pdf": Output("qapress.render.sheet.pdf", "render_pdfs", 20),
}
"""Every output by name; costs measured on the autoencoders document, where imports dominate."""
PARSING = 2
"""The cost of parsing the sources and rendering their Markdown, on the same scale."""


def chosen(pdf: bool = False) -> list[Output]:
    """Return the outputs a build writes: deck, site and sheet, and the PDF when asked for."""
    return [OUTPUTS[name] for name in ("deck", "site", "sheet", *(["pdf"] if pdf else []))]


def load_all(pdf: bool = False) -> None:
    """Import every chosen output's renderer now, and with it the libraries it needs."""
    for output in chosen(pdf):
        output.load()


def share_out(outputs: Sequence[Output], processes: int, here: int = 0) -> list[list[Output]]:
    """Share ``outputs`` among up to ``processes`` by cost, the costliest first, each to the least
    loaded; this process, already carrying ``here``, takes the last share."""
    loads: list[tuple[int, list[Output]]] = [(0, []) for _ in range(max(1, processes))]
    loads[-1] = (here, [])
    for output in sorted(outputs, key=lambda o: -o.cost):
        index = min(range(len(loads)), key=lambda i: loads[i][0])
        total, share = loads[index]
        loads[index] = (total + output.cost, [*share, output])
    return [share for _, share in loads if share]
