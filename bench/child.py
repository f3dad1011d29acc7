"""Run a command in a child process and measure it: wall time, CPU time and peak memory."""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Run:
    """One child process, measured."""

    seconds: float
    cpu: float
    """User plus system seconds: less sensitive than wall time to other work on the machine."""
    peak_mb: float
    """Peak resident memory in MiB: the child's own, plus its largest worker's when measured."""


@dataclass(frozen=True, slots=True)
class Summary:
    """Several runs of one command."""

    runs: tuple[Run, ...]

    @property
    def seconds(self) -> float:
        """Return the median wall time."""
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        """Return the median CPU time."""
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mb(self) -> float:
        """Return the highest peak memory of any run."""
        return max(r.peak_mb for r in self.runs)


MEASURE = Path(__file__).resolve().parent / "measure.py"
PACKAGE = MEASURE.parent.parent / "qapress"


def compile_package() -> None:
    """Write the bytecode of our modules, as a user's Python does on its first run.

    Where the environment forbids writing it (``PYTHONDONTWRITEBYTECODE``), every timed build
    would compile our modules afresh, while the peer's, installed by pip, come compiled.
    """
    compileall.compile_dir(PACKAGE, quiet=1)


def run(argv: Sequence[str], cwd: Path | None = None, workers: bool = False) -> Run:
    """Run ``argv`` to completion; raise with its error output if it fails.

    With ``workers``, ``argv`` is a Python command (interpreter first) that runs under
    ``measure.py``, so that the memory of the processes it forks is counted too.
    """
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "peak"
        if workers:
            argv = [argv[0], str(MEASURE), str(report), *argv[1:]]
        with tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
            # wait4 gives this child's own use (its CPU time includes the workers it waited for).
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - started
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode != 0:
                errors.seek(0)
                message = errors.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"{' '.join(map(str, argv))} exited {child.returncode}:\n{message}")
        peak_kib = sum(map(int, report.read_text().split())) if workers else usage.ru_maxrss
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kib / 1024)


def repeat(
    argv: Sequence[str], times: int, cwd: Path | None = None, workers: bool = False,
    before: Callable[[], object] = lambda: None,
) -> Summary:
    """Run ``argv`` ``times`` times in a row, calling ``before`` (untimed) before each run."""
    return Summary(tuple(_run_after(before, argv, cwd, workers) for _ in range(times)))


def alternate(
    commands: Sequence[tuple[Sequence[str], Path | None]], times: int,
    before: Callable[[], object] = lambda: None,
) -> list[Summary]:
    """Run each command once per round, ``times`` rounds, so that a busy spell hits all alike;
    ``before`` is called, untimed, before every run."""
    rounds = [[_run_after(before, argv, cwd) for argv, cwd in commands] for _ in range(times)]
    return [Summary(tuple(runs)) for runs in zip(*rounds)]


def _run_after(before: Callable[[], object], argv: Sequence[str], cwd: Path | None, workers: bool = False) -> Run:
    before()
    return run(argv, cwd, workers)


def cache_folder() -> Path:
    """Return the cache folder the builds use: the benchmark's own, set by ``own_cache``."""
    return Path(os.environ["XDG_CACHE_HOME"]) / "qapress"


def own_cache(scratch: Path) -> None:
    """Give every build the benchmark runs a cache folder of its own, inside ``scratch``."""
    os.environ["XDG_CACHE_HOME"] = str(scratch / "cache")


def forget() -> None:
    """Empty what builds keep of each document, so that the next build is a first build.

    Compiled templates and code colours stay, as on a user's machine after the first build of
    any document.
    """
    import shutil

    shutil.rmtree(cache_folder() / "documents", ignore_errors=True)
