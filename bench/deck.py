#!/usr/bin/env python3
"""Time the Anki output: median of several builds of the source documents' decks, cold caches."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from qapress import markup
from qapress.build import pipeline, sources
from qapress.render.deck.notes import render_decks
from qapress.settings import Settings

RUNS = 9


def main() -> None:
    """Print the median and spread of ``render_decks`` over the given sources (default: source/)."""
    paths = [Path(p) for p in sys.argv[1:]] or [Path("source")]
    documents = sources.gather(sources.find_sources(paths)).documents
    settings = Settings(stamp=pipeline.source_stamp(documents), base_url="https://example.org")
    seconds: list[float] = []
    for _ in range(RUNS):
        # Markdown rendering is cached per text; clear it so every run renders from scratch.
        markup.clear_caches()
        started = time.perf_counter()
        files = render_decks(documents, settings)
        seconds.append(time.perf_counter() - started)
    items = sum(len(d.items) for d in documents)
    size = sum(len(data) for data in files.values())
    print(
        f"render_decks: {len(documents)} documents, {items} items, {size / 1024:.1f} KiB: "
        f"median {statistics.median(seconds) * 1000:.1f} ms "
        f"(min {min(seconds) * 1000:.1f}, max {max(seconds) * 1000:.1f}, {RUNS} runs)"
    )


if __name__ == "__main__":
    main()
