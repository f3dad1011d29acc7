"""Time the author loop on the autoencoders document: a rebuild, and a save until its output.

    python -m bench.rebuild_bench

"rebuild" is the build the loop runs after a save, in the warm process; "save to output" adds
noticing the save (watchfiles) and is measured through the real loop.
"""

from __future__ import annotations

import contextlib
import io
import queue
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from qapress import cli
from qapress.author.watch import author_loop
from qapress.build import outputs

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "autoencoders.md"
RUNS = 15
ANCHOR = "reconstruct it back."


def _edit(source: Path, run: int) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    source.write_text(text.replace(ANCHOR, f"reconstruct it back (edit {run}).", 1), "utf-8")


def rebuilds(source: Path, out: Path) -> list[float]:
    """Edit, then run the loop's build in this warm process; return each build's seconds."""
    argv = [str(source), "--out", str(out)]
    outputs.load_all()  # as the loop does before its first build
    cli.main(argv)
    seconds = []
    for run in range(RUNS):
        _edit(source, run)
        started = time.perf_counter()
        assert cli.main(argv) == 0
        seconds.append(time.perf_counter() - started)
    return seconds


def saves(source: Path, out: Path) -> list[float]:
    """Save through the real watch loop; return the seconds from each save to its new output."""
    finished: queue.Queue[float] = queue.Queue()
    stop = threading.Event()

    def main(argv: list[str]) -> int:
        status = cli.main(argv)
        finished.put(time.perf_counter())
        return status

    argv = [str(source), "--out", str(out), "--watch"]
    loop = threading.Thread(target=author_loop, args=(argv, [source], out, False, main, stop))
    loop.start()
    finished.get(timeout=60)
    seconds = []
    for run in range(RUNS):
        saved = time.perf_counter()
        _edit(source, RUNS + run)
        seconds.append(finished.get(timeout=60) - saved)
    stop.set()
    loop.join()
    return seconds


def main() -> None:
    """Print the median and spread of both."""
    with tempfile.TemporaryDirectory(prefix="qapress-rebuild-") as scratch:
        folder = Path(scratch)
        source = folder / SOURCE.name
        shutil.copy(SOURCE.with_name("autoencoders.tags.toml"), folder)
        _edit(source, -1)
        with contextlib.redirect_stdout(io.StringIO()):
            measured = {
                "rebuild": rebuilds(source, folder / "dist"),
                "save to output": saves(source, folder / "dist"),
            }
    for name, seconds in measured.items():
        print(
            f"{name:<15} median {statistics.median(seconds) * 1000:6.0f} ms "
            f"(min {min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f}, {RUNS} runs; goal < 300)"
        )


if __name__ == "__main__":
    main()
