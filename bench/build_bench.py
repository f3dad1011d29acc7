"""Time full builds (every output but the PDF) at 1,000 to 100,000 items, and ankdown beside us.

    python -m bench.build_bench                  # 1k, 10k, 100k; one document and many
    python -m bench.build_bench --sizes 1000 10000 --runs 3
    python -m bench.build_bench --sizes --busy   # idle and busy rows only

With ``--busy`` the seed (against ankdown) and 10,000 items (the default against ``--jobs 1``) are
also timed while a spinning process holds one core, as another program on the machine would.

Each build runs as ``python build.py`` in a child process. Times are medians; CPU time counts every
process of the build; peak memory is the highest of the runs, and the build's own peak plus that
of its largest worker (see measure.py), since a large build forks one worker per core.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from bench import child, generate, peer
from qapress.build import sources

ROOT = Path(__file__).resolve().parent.parent
AUTOENCODERS = ROOT / "source" / "autoencoders.md"
PER_DOCUMENT = 100
"""Items per document in the "many" shape."""
BIG = 100_000
"""From this size on, builds run --big-runs times instead of --runs."""


def build(source: Path, out: Path, python: str = sys.executable) -> list[str]:
    """Return the command line of a full build, as a user types it."""
    return [python, str(ROOT / "build.py"), str(source), "--out", str(out)]


def only(outputs: str, source: Path, out: Path, python: str = sys.executable) -> list[str]:
    """Return the command line that builds only ``outputs``."""
    return [python, "-m", "bench.only", outputs, str(source), str(out)]


def scaling(
    sizes: list[int], runs: int, big_runs: int, scratch: Path
) -> dict[tuple[int, str], child.Summary]:
    """Build each size as one document and as many; print a row per build."""
    print(
        f"{'items':>7} {'shape':<12} {'runs':>4} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'us/item':>8}"
        "\n(cpu s: every process of the build; peak MiB: the build's own plus its largest worker's)"
    )
    results: dict[tuple[int, str], child.Summary] = {}
    for size in sizes:
        for shape, per_document in (("one", size), ("many", PER_DOCUMENT)):
            folder = scratch / f"{size}-{shape}"
            documents = len(generate.generate(size, per_document, folder))
            times = big_runs if size >= BIG else runs
            summary = child.repeat(build(folder, scratch / "out"), times, workers=True, before=child.forget)
            results[size, shape] = summary
            label = f"{shape} ({documents})"
            print(
                f"{size:>7} {label:<12} {times:>4} {summary.seconds:>8.2f} {summary.cpu:>8.2f} "
                f"{summary.peak_mb:>9.0f} {summary.seconds / size * 1e6:>8.0f}",
                flush=True,
            )
    return results


def against_peer(runs: int, scratch: Path) -> tuple[float, float, float] | None:
    """Time ankdown and us on the autoencoders deck; return (ankdown, our deck, our build)."""
    try:
        command, python = peer.install(), str(peer.clean_python(ROOT))
    except Exception as error:  # noqa: BLE001 - any failure to install means no comparison
        print(f"ankdown or our dependencies could not be installed, so there is no comparison: {error}")
        return None
    document = sources.gather([AUTOENCODERS]).documents[0]
    deck = peer.write_cards(document, scratch / "ankdown-in")
    package = scratch / "ankdown.apkg"
    theirs, ours_deck, ours_all = child.alternate(
        [
            ([str(command), "-r", str(deck), "-p", str(package)], None),
            (only("deck", AUTOENCODERS, scratch / "deck-out", python), ROOT),
            (build(AUTOENCODERS, scratch / "all-out", python), None),
        ],
        runs,
        child.forget,
    )
    _, rebuilt = child.alternate(
        [
            ([str(command), "-r", str(deck), "-p", str(package)], None),
            (build(AUTOENCODERS, scratch / "all-out", python), None),
        ],
        runs,
    )
    notes = peer.count_notes(package)
    if notes != len(document.items):
        print(f"ankdown wrote {notes} notes for {len(document.items)} items; not comparable")
        return None
    print(f"\n{AUTOENCODERS.name}, {notes} cards, median of {runs} runs, each tool in an environment of its own:")
    print(f"{'':<34} {'wall s':>7} {'cpu s':>7} {'ours/ankdown':>13}")
    print(f"{f'ankdown {peer.VERSION} (.apkg)':<34} {theirs.seconds:>7.3f} {theirs.cpu:>7.3f}")
    for label, ours in (
        ("ours: deck alone, first build", ours_deck),
        ("ours: all three, first build", ours_all),
        ("ours: all three, rebuild", rebuilt),
    ):
        ratio = ours.seconds / theirs.seconds
        print(f"{label:<34} {ours.seconds:>7.3f} {ours.cpu:>7.3f} {ratio:>12.2f}x")
    return theirs.seconds, ours_deck.seconds, ours_all.seconds


@contextmanager
def busy_core() -> Iterator[None]:
    """Hold one core with a spinning process for as long as the block runs."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


def idle_and_busy(runs: int, scratch: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Time the seed against ankdown and 10,000 items against ``--jobs 1``, idle and busy, as
    first builds and as rebuilds; return the ratios and our seconds, by row."""
    command, python = peer.install(), str(peer.clean_python(ROOT))
    document = sources.gather([AUTOENCODERS]).documents[0]
    deck = peer.write_cards(document, scratch / "ankdown-in")
    ten = scratch / "busy-10000"
    generate.generate(10_000, 10_000, ten)
    seconds: dict[str, float] = {}
    ratios: dict[str, float] = {}
    print(f"\n{'(median wall seconds)':<44} {'theirs':>8} {'ours':>8}   (theirs: ankdown / --jobs 1)")
    for name, pair in (
        ("seed: ours / ankdown's deck", [
            ([str(command), "-r", str(deck), "-p", str(scratch / "a.apkg")], None),
            (build(AUTOENCODERS, scratch / "all-out", python), None),
        ]),
        ("10k: default / --jobs 1", [
            ([*build(ten, scratch / "serial-out", python), "--jobs", "1"], None),
            (build(ten, scratch / "default-out", python), None),
        ]),
    ):
        for state, holding in (("idle", nullcontext), ("busy", busy_core)):
            # A first build forgets what the last one kept; a rebuild finds its sources unchanged.
            for kind, before in (("first build", child.forget), ("rebuild", lambda: None)):
                with holding():
                    base, ours = child.alternate(pair, runs, before)
                row = f"{name}, {kind}, {state}"
                ratios[row] = ours.seconds / base.seconds
                seconds[row] = ours.seconds
                print(f"{row:<44} {base.seconds:>8.3f} {ours.seconds:>8.3f}"
                      f"   ratio {ours.seconds / base.seconds:.2f}", flush=True)
    return ratios, seconds


def edited(runs: int, scratch: Path) -> float:
    """Time the rebuild of 10,000 items in one document after one answer changed; print it."""
    folder = scratch / "edited-10000"
    source = generate.generate(10_000, 10_000, folder)[0]
    text = source.read_text(encoding="utf-8")
    marker = text.index("\n", text.index("\n### Q1.") + 1) + 1  # the first answer's first line
    count = iter(range(1_000_000))

    def edit() -> None:
        source.write_text(f"{text[:marker]}Edit {next(count)}. {text[marker:]}", encoding="utf-8")

    child.run(build(folder, scratch / "edited-out"))  # what the first build keeps
    summary = child.repeat(build(folder, scratch / "edited-out"), runs, before=edit)
    print(f"\n10k items, one document, one answer edited before each rebuild: "
          f"{summary.seconds:.3f} s wall, {summary.cpu:.3f} s cpu (median of {runs})")
    return summary.seconds


def verdict(
    results: dict[tuple[int, str], child.Summary], peer_times: tuple[float, float, float] | None
) -> None:
    """Print each goal of the issue with the figure that meets or misses it."""
    print("\ngoals:")
    for shape in ("one", "many"):
        if (10_000, shape) in results:
            ten = results[10_000, shape]
            _goal(f"10k items ({shape}) <= 3 s", ten.seconds, 3.0)
            _goal(f"10k items ({shape}) <= 300 MiB", ten.peak_mb, 300.0)
        if (BIG, shape) in results:
            _goal(f"100k items ({shape}) <= 30 s", results[BIG, shape].seconds, 30.0)
        if (10_000, shape) in results and (BIG, shape) in results:
            ratio = results[BIG, shape].seconds / results[10_000, shape].seconds
            _goal(f"time(100k)/time(10k) ({shape}) <= 11", ratio, 11.0)
    if peer_times:
        theirs, _, ours_all = peer_times
        _goal("all three outputs, first build <= 1.2x ankdown's deck", ours_all / theirs, 1.2)


def _goal(name: str, value: float, limit: float) -> None:
    print(f"  {'met   ' if value <= limit else 'MISSED'} {name:<44} {value:.2f}")


def main() -> None:
    """Run the benchmark the command line describes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, BIG])
    parser.add_argument("--runs", type=int, default=5, help="runs per build (default: 5)")
    parser.add_argument("--big-runs", type=int, default=3, help="runs at 100k items (default: 3)")
    parser.add_argument("--no-peer", action="store_true", help="skip the ankdown comparison")
    parser.add_argument("--busy", action="store_true", help="add the idle and busy-core rows")
    args = parser.parse_args()
    child.compile_package()
    with tempfile.TemporaryDirectory(prefix="qapress-bench-") as scratch:
        child.own_cache(Path(scratch))
        results = scaling(args.sizes, args.runs, args.big_runs, Path(scratch))
        peer_times = None if args.no_peer or not args.sizes else against_peer(args.runs * 2, Path(scratch))
        verdict(results, peer_times)
        if args.busy:
            ratios, seconds = idle_and_busy(args.runs * 2, Path(scratch))
            after_edit = edited(args.runs, Path(scratch))
            for kind in ("first build", "rebuild"):
                for name, limit in ((f"seed: ours / ankdown's deck, {kind}, idle", 0.8),
                                    (f"seed: ours / ankdown's deck, {kind}, busy", 1.0),
                                    (f"10k: default / --jobs 1, {kind}, idle", 1.05),
                                    (f"10k: default / --jobs 1, {kind}, busy", 1.05)):
                    _goal(name, ratios[name], limit)
                _goal(f"10k items, {kind}, idle <= 1.5 s", seconds[f"10k: default / --jobs 1, {kind}, idle"], 1.5)
            _goal("10k items, one answer edited, idle <= 1.5 s", after_edit, 1.5)


if __name__ == "__main__":
    main()
