"""Time the reader: a 500-question document that changes style every 50 questions, and the
reading part (sources to documents, as the build reads them) of the 100,000-item document.

    python -m bench.read_bench               # both rows, 5 runs of the small one, 1 of the big
    python -m bench.read_bench --runs 9 --big-runs 3
    python -m bench.read_bench --no-big      # the mixed document only

Each figure is the median wall time in this process; the big row reads with the build's default
jobs, so parsing in parts runs in forked workers as it does in a build.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import generate
from qapress import markup
from qapress.build import sources
from qapress.read.document import parse_document

MIXED = 500
"""Questions in the mixed document."""
PER_STYLE = 50
"""Questions in a row written in one style."""


_NOUNS = ("cache", "index", "queue", "lock", "buffer", "shard", "thread", "replica", "schedule", "token", "layer")


def _question(number: int) -> tuple[str, str]:
    words = f"{_NOUNS[number % len(_NOUNS)]} {_NOUNS[number * 7 % len(_NOUNS)]} {number}"
    return f"What does the {words} change?", f"It changes the {words} in turn."


def _section(style: int, first: int) -> str:
    """Return ``PER_STYLE`` questions from ``first`` on, written in the style numbered ``style``."""
    pairs = [_question(n) for n in range(first, first + PER_STYLE)]
    shapes: list[Callable[[int, str, str], str]] = [
        lambda n, q, a: f"### Q{n}. {q}\n{a}\n\n---\n",
        lambda n, q, a: f"**{q}**\n\n{a}\n",
        lambda n, q, a: f"Q: {q}\nA: {a}\n",
        lambda n, q, a: f"<details>\n<summary>{q}</summary>\n\n{a}\n</details>\n",
        lambda n, q, a: f"- {q}\n\n  {a}\n",
    ]
    if style == len(shapes):
        return "| Question | Answer |\n|---|---|\n" + "".join(f"| {q} | {a} |\n" for q, a in pairs)
    shape = shapes[style % len(shapes)]
    return "\n".join(shape(n, q, a) for n, (q, a) in enumerate(pairs, first))


def mixed_document(size: int = MIXED) -> str:
    """Return a document of ``size`` questions, its style changing every ``PER_STYLE``."""
    parts = ["# Mixed styles\n", "[Contents](#mixed-styles)\n"]
    for part, first in enumerate(range(1, size + 1, PER_STYLE)):
        parts.append(f"## Part {part + 1}\n\n{_section(part % 6, first)}")
    parts.append("## References\n\n- [A book](https://example.org/book)\n")
    return "\n".join(parts)


def _median(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        markup.clear_caches()
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print one row per document: items read and the median time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the mixed document (default: 5)")
    parser.add_argument("--big-runs", type=int, default=1, help="runs of the big document (default: 1)")
    parser.add_argument("--no-big", action="store_true", help="skip the 100,000-item document")
    args = parser.parse_args(argv)
    text = mixed_document()
    document, _ = parse_document(text, "mixed.md", "mixed")
    seconds = _median(lambda: parse_document(text, "mixed.md", "mixed"), args.runs)
    print(f"{'document':<28} {'items':>7} {'runs':>4} {'wall s':>8}")
    print(f"{'mixed styles':<28} {len(document.items):>7,} {args.runs:>4} {seconds:>8.3f}")
    if not args.no_big:
        with tempfile.TemporaryDirectory(prefix="read-bench-") as scratch:
            source = generate.generate(100_000, 100_000, Path(scratch))[0]
            big, _ = sources.read_document(source, jobs=0)
            seconds = _median(lambda: sources.read_document(source, jobs=0), args.big_runs)
            print(f"{'100,000 items, one document':<28} {len(big.items):>7,} {args.big_runs:>4} {seconds:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
