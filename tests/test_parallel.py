"""Work spread over forked processes gives what one process gives, errors included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from conftest import AUTOENCODERS, FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from qapress import markup
from qapress.build import parallel, pipeline, sources
from qapress.build.outputs import OUTPUTS, PARSING, Output, load_all, share_out
from qapress.cli import main
from qapress.problems import Problem, SourceError
from qapress.read import blocks

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is a POSIX call")


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


def test_results_come_back_in_order_from_other_processes(forks: list[int]) -> None:
    results = parallel.run([partial(_pid_and, n) for n in range(3)])
    assert [value for _, value in results] == [0, 1, 2]
    assert len({pid for pid, _ in results}) == 3
    assert results[-1][0] == os.getpid() and len(forks) == 2


def _fail_with_problems() -> None:
    raise SourceError([Problem("a.md", 3, "Q2 is used twice"), Problem("a.md", 9, "gap", warning=True)])


def test_a_workers_source_error_reaches_the_parent_whole(forks: list[int]) -> None:
    with pytest.raises(SourceError) as caught:
        parallel.run([_fail_with_problems, partial(_pid_and, 1)])
    assert caught.value.problems == (Problem("a.md", 3, "Q2 is used twice"), Problem("a.md", 9, "gap", True))


class _Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("went wrong")
        self.callback = lambda: None


def _fail_unpicklably() -> None:
    raise _Unpicklable


def test_an_error_that_cannot_travel_comes_back_as_its_traceback(forks: list[int]) -> None:
    with pytest.raises(RuntimeError, match="_Unpicklable: went wrong"):
        parallel.run([_fail_unpicklably, partial(_pid_and, 1)])


def _die() -> None:
    os._exit(3)


def test_a_worker_that_dies_is_an_error_not_a_hang(forks: list[int]) -> None:
    with pytest.raises(RuntimeError, match="status 3"):
        parallel.run([_die, partial(_pid_and, 1)])


def test_workers_are_collected_when_this_process_fails(forks: list[int]) -> None:
    with pytest.raises(SourceError):
        parallel.run([partial(_pid_and, 1), _fail_with_problems])
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # reaped already, not left behind


@pytest.mark.parametrize(("others", "expected"), [(0, 4), (1, 3), (3, 1), (9, 1)])
def test_workers_use_only_the_cores_other_programs_leave_free(
    monkeypatch: pytest.MonkeyPatch, others: int, expected: int
) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 4)
    monkeypatch.setattr(parallel, "_others_running", lambda: others)
    assert parallel.workers() == expected
    assert parallel.workers(2) == min(2, expected)


def test_the_running_count_is_read_from_the_system() -> None:
    running = parallel._others_running()
    assert isinstance(running, int) and running >= 0
    if sys.platform.startswith("linux"):
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            # The spinning process is runnable at every instant, so it is always counted.
            assert parallel._others_running() >= 1
        finally:
            busy.kill()
            busy.wait()


def test_nothing_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.cores() == 1
        assert {pid for pid, _ in parallel.run([partial(_pid_and, n) for n in range(2)])} == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def _readied_in(value: int) -> Callable[[int], tuple[int, int, int]]:
    readied = os.getpid()
    return lambda given: (readied, os.getpid(), value + given)


def test_workers_forked_ahead_ready_themselves_then_work_on_what_they_are_given(forks: list[int]) -> None:
    with parallel.Ahead([partial(_readied_in, n) for n in range(3)]) as ahead:
        results = ahead.run(10)
    assert [value for _, _, value in results] == [10, 11, 12]
    assert all(readied == worked for readied, worked, _ in results)
    assert [worked for _, worked, _ in results] == [*forks, os.getpid()]


def _cannot_ready() -> Callable[[int], int]:
    raise SourceError([Problem("a.md", 1, "cannot")])


def test_a_worker_that_cannot_ready_itself_fails_the_run(forks: list[int]) -> None:
    with parallel.Ahead([_cannot_ready, partial(_readied_in, 1)]) as ahead, pytest.raises(SourceError):
        ahead.run(1)
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)


def test_workers_forked_ahead_are_let_go_when_their_input_never_comes(forks: list[int]) -> None:
    with pytest.raises(KeyError), parallel.Ahead([partial(_readied_in, n) for n in range(3)]):
        raise KeyError("the sources had errors")
    assert len(forks) == 2
    for pid in forks:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_outputs_are_shared_out_by_cost_the_costliest_alone() -> None:
    deck, site, sheet, pdf = (OUTPUTS[name] for name in ("deck", "site", "sheet", "pdf"))
    assert share_out([deck, site, sheet], 2) == [[deck], [site, sheet]]
    assert share_out([deck, site, sheet], 2, here=PARSING) == [[deck, sheet], [site]]
    assert share_out([deck, site, sheet, pdf], 2, here=PARSING) == [[pdf], [deck, site, sheet]]
    assert share_out([deck, site, sheet], 4) == [[deck], [site], [sheet]]
    assert share_out([deck, site, sheet], 1) == [[deck, site, sheet]]


@given(st.lists(st.integers(0, 50)), st.integers(1, 4))
def test_split_keeps_order_and_makes_at_most_the_parts_asked(weights: list[int], parts: int) -> None:
    runs = parallel.split(weights, parts, lambda w: w)
    assert [w for run in runs for w in run] == weights
    assert len(runs) <= parts and all(runs)


def test_split_balances_equal_weights() -> None:
    assert [len(run) for run in parallel.split(list(range(10)), 2)] == [5, 5]


def _collection(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(AUTOENCODERS, folder / "autoencoders.md")
    shutil.copy(AUTOENCODERS.with_name("autoencoders.tags.toml"), folder)
    for case in ("style_bold.md", "sections_restart.md", "hostile.md", "code_fence.md"):
        shutil.copy(FIXTURES / "parse" / case, folder / case)
    return folder


def _build_with_one_and_two_jobs(source: Path, scratch: Path) -> list[dict[Path, bytes]]:
    outputs = []
    for jobs in ("1", "2"):
        markup.clear_caches()
        out = scratch / f"out-{jobs}"
        # Nothing kept by the first build: the second must take every parallel path itself.
        assert main([str(source), "--out", str(out), "--jobs", jobs, "--no-cache"]) == 0
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    return outputs


def test_a_small_build_with_workers_forked_ahead_writes_the_bytes_of_one_process(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(Output, "loaded", property(lambda _: False))  # as in a fresh process
    serial, parallel_ = _build_with_one_and_two_jobs(_collection(tmp_path / "source"), tmp_path)
    assert serial == parallel_
    assert len(forks) == 1  # the deck's and the sheet's; the site renders here


def test_a_small_build_whose_libraries_are_loaded_forks_nothing(tmp_path: Path, forks: list[int]) -> None:
    load_all()
    assert main([str(AUTOENCODERS), "--out", str(tmp_path / "out")]) == 0
    assert not forks


@pytest.mark.parametrize("documents", ["one", "several"])
def test_a_parallel_build_writes_the_bytes_a_serial_build_writes(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch, documents: str
) -> None:
    # Small thresholds, so that a few documents take every parallel path.
    monkeypatch.setattr(sources, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(pipeline, "PARALLEL_ITEMS", 1)
    monkeypatch.setattr(blocks, "PARTS_FROM", 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = _collection(tmp_path / "source") if documents == "several" else AUTOENCODERS
    serial, parallel_ = _build_with_one_and_two_jobs(source, tmp_path)
    assert serial == parallel_
    # Reading (by documents, or by parts of the one), rendering Markdown, each output but the last.
    assert len(forks) >= 4


def test_a_parallel_build_reports_every_problem(tmp_path: Path, forks: list[int],
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sources, "PARALLEL_BYTES", 1)
    source = _collection(tmp_path / "source")
    (source / "zz-broken.md").write_text("### Q1. One?\nYes.\n\n### Q2.\nNo.\n", encoding="utf-8")
    assert main([str(source), "--out", str(tmp_path / "out"), "--jobs", "2"]) == 1
    assert "zz-broken.md:4: Q2 has no question text" in capsys.readouterr().err
    assert forks


def test_the_package_imports_where_there_is_no_fcntl() -> None:
    script = "import sys; sys.modules['fcntl'] = None\nimport qapress.build.parallel, qapress.build.pipeline, qapress.cli"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_off_linux_a_build_runs_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise AssertionError("forked off Linux")

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(Output, "loaded", property(lambda _: False))  # as in a fresh process
    assert parallel.cores() == 1
    assert main([str(AUTOENCODERS), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "autoencoders.apkg").is_file()
