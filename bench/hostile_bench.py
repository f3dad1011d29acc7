"""Time the inputs that once hung a build or ate its memory; each should take well under a second.

    python -m bench.hostile_bench            # every row, 3 runs each
    python -m bench.hostile_bench --runs 5

The deck row renders in this process, with the answer's Markdown rendered first (as the build
does before its renderers run), so that it times the deck alone. The other rows run
``python build.py --check`` in a child process and report its wall time and peak memory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import child
from qapress import markup
from qapress.items import Document, Item
from qapress.render.deck.notes import render_decks
from qapress.render.markdown import DECK, requests
from qapress.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LINE_BYTES = 800_000
"""The one-line answer that genanki's own field check never finished."""
READING = {
    "answer: 5,000 <br> lines, then text": "### Q1. Why?\n" + "<br>\n" * 5_000 + "Then words.\n",
    "directive: 1 MB of spaces, unclosed": "### Q1. Why?\nNo.\n<!-- tags:" + " " * 10**6 + "x\n",
    "deck line: 1 MB of spaces, unclosed": "<!-- deck:" + " " * 10**6 + "x\n\n### Q1. Why?\nNo.\n",
    "heading: 50,000 trailing links": "### Q1. Why?" + " [[x](y)]" * 50_000 + "\nNo.\n",
}
"""Documents whose reading was exponential (the breaks) or cubic (the spaces) in their size."""


def one_line_of_links(size: int) -> str:
    """Return one line of Markdown links, about ``size`` bytes long."""
    links, total, number = [], 0, 0
    while total < size:
        link = f"[word {number}](https://example.org/{number})"
        links.append(link)
        total, number = total + len(link) + 1, number + 1
    return " ".join(links)


def deck_seconds(runs: int) -> float:
    """Return the median time to render the deck of one item with a long one-line answer."""
    line = one_line_of_links(LINE_BYTES)
    item = Item(1, "How long can a line be?", line, ("long",), "q1", 3)
    document = Document("long.md", "long", "Long", (item,))
    markup.rendered(requests([document], [DECK]))
    settings = Settings(stamp=1_700_000_000)
    return _median(lambda: render_decks([document], settings), runs)


def _median(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def write_cases(folder: Path) -> dict[str, Path]:
    """Write each hostile collection; return its label and the path to check."""
    cases: dict[str, Path] = {}
    ranges = folder / "ranges"
    ranges.mkdir()
    (ranges / "doc.md").write_text("### Q1. One?\nYes.\n\n### Q2. Two?\nYes.\n", encoding="utf-8")
    topics = "".join(f'topic{n} = "1-999999, 2-999998"\n' for n in range(30))
    (ranges / "doc.tags.toml").write_text(f"[topics]\n{topics}", encoding="utf-8")
    cases["tags file: 30 topics of 1-999999 (1 KB)"] = ranges / "doc.md"
    untagged = folder / "untagged"
    untagged.mkdir()
    text = "".join(f"### Q{n}. Question {n}?\nAnswer {n}.\n\n" for n in range(1, 2_001))
    (untagged / "doc.md").write_text(text, encoding="utf-8")
    (untagged / "doc.tags.toml").write_text('[topics]\nfirst = "1"\n', encoding="utf-8")
    cases["2,000 items, 1 tagged: warnings counted"] = untagged / "doc.md"
    for number, (label, text) in enumerate(READING.items()):
        (folder / f"reading-{number}.md").write_text(f"# Hostile\n\n{text}", encoding="utf-8")
        cases[label] = folder / f"reading-{number}.md"
    return cases


def main() -> None:
    """Print one row per hostile input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    child.compile_package()
    print(f"{'input':<44} {'wall s':>7} {'peak MiB':>9}")
    label = f"deck: a one-line answer of {LINE_BYTES // 1000} KB"
    print(f"{label:<44} {deck_seconds(args.runs):>7.3f} {'-':>9}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        for label, path in write_cases(Path(scratch)).items():
            command = [sys.executable, str(ROOT / "build.py"), str(path), "--check"]
            summary = child.repeat(command, args.runs)
            print(f"{label:<44} {summary.seconds:>7.3f} {summary.peak_mb:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
