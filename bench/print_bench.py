#!/usr/bin/env python3
"""Time the print page and its PDF by each engine, on the seed and on 1,000 generated items.

Usage: python bench/print_bench.py [--runs 3] [--items 1000] [--paper a4]

Figures are CPU seconds (this process and the Chromium processes it waits for), not wall time, so
that a machine shared with other work still gives comparable numbers.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pypdf

from bench.generate import generate
from qapress.build import sources
from qapress.items import Document
from qapress.render import paths
from qapress.render.sheet.chromium import chromium_binary, render_chromium_pdfs
from qapress.render.sheet.page import render_sheets
from qapress.render.sheet.pdf import render_weasyprint_pdfs
from qapress.settings import Paper, Settings

SEED = Path("source/autoencoders.md")


def cpu_seconds() -> float:
    """Return the CPU time of this process and of every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def median_cpu(work: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Return the first call's CPU time, the median of ``runs`` more, and the last result."""
    times, result = [], None
    for _ in range(runs + 1):
        started, wall = cpu_seconds(), time.perf_counter()
        result = work()
        times.append((cpu_seconds() - started, time.perf_counter() - wall))
    return times[0][0], statistics.median(t for t, _ in times[1:]), result


def row(label: str, first: float, median: float, pdf: bytes | None, size: int) -> None:
    """Print one row of figures."""
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages) if pdf else "-"
    print(f"{label:<28} first {first:>6.2f} s  median {median:>6.2f} s CPU"
          f"  {pages!s:>3} pages  {size / 1024:>7.1f} KiB")


def bench(name: str, document: Document, paper: Paper, runs: int) -> None:
    """Measure the HTML and each engine's PDF for one document."""
    settings = Settings(stamp=0, paper=paper)
    first, median, html = median_cpu(lambda: render_sheets([document], settings), runs)
    assert isinstance(html, dict)
    row(f"{name} html+css", first, median, None, sum(len(d) for d in html.values()))
    engines: list[tuple[str, Callable[[list[Document], Settings], dict[str, bytes]]]] = [
        ("weasyprint", render_weasyprint_pdfs)
    ]
    if chromium_binary():
        engines.insert(0, ("chromium", render_chromium_pdfs))
    for engine, render in engines:
        first, median, files = median_cpu(partial(render, [document], settings), runs)
        assert isinstance(files, dict)
        pdf = files[paths.pdf_file(document)]
        row(f"{name} {engine} pdf", first, median, pdf, len(pdf))


def main() -> None:
    """Parse the arguments and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    args = parser.parse_args()
    seed = sources.gather([SEED]).documents[0]
    print(f"CPU seconds, median of {args.runs} runs after a first; {args.paper}")
    bench(f"seed ({len(seed.items)} items)", seed, args.paper, args.runs)
    with tempfile.TemporaryDirectory() as folder:
        generated = generate(args.items, args.items, Path(folder))
        large = sources.gather(generated).documents[0]
    bench(f"{len(large.items):,} items", large, args.paper, max(1, args.runs // 3))


if __name__ == "__main__":
    main()
