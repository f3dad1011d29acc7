"""Build only the named outputs, the way the command line builds them all.

    python -m bench.only deck source/autoencoders.md /tmp/out

The benchmark runs this in a child process to time one output on its own.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from qapress import pipeline
from qapress.pipeline import Renderer
from qapress.settings import Settings

RENDERERS = {
    "deck": ("qapress.deck", "render_decks"),
    "site": ("qapress.site", "render_site"),
    "sheet": ("qapress.sheet", "render_sheets"),
}


def renderer(name: str) -> Renderer:
    """Import one output's renderer, and nothing another output needs."""
    module, function = RENDERERS[name]
    found: Renderer = getattr(importlib.import_module(module), function)
    return found


def main() -> None:
    """Parse the sources, render the chosen outputs and replace the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", help="comma-separated: " + ", ".join(RENDERERS))
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    renderers = [renderer(name) for name in args.outputs.split(",")]
    documents = pipeline.gather(pipeline.find_sources([args.source])).documents
    settings = Settings(stamp=pipeline.source_stamp(documents))
    pipeline.replace_folder(args.out, pipeline.render(documents, settings, renderers))


if __name__ == "__main__":
    main()
