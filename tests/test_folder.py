"""The output folder under faults: sources inside it, odd paths, crashes, full disks, umasks."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from qapress.build import exchange, folder
from qapress.cli import main
from qapress.problems import UserError

DOCUMENT = "# Notes\n\n### Q1. What is kept?\nEverything.\n"
DEAD = 999_999_999
"""A process id above any kernel's limit, so no process has it."""


def _source(folder_: Path, name: str = "notes.md") -> Path:
    folder_.mkdir(parents=True, exist_ok=True)
    path = folder_ / name
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


@pytest.fixture
def umask() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def test_a_source_inside_the_output_folder_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    source = _source(out / "notes")
    assert main([str(out / "notes"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {source}: is inside the output folder {out}")
    assert source.read_text(encoding="utf-8") == DOCUMENT


def test_a_tags_file_that_resolves_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert main([str(_source(tmp_path / "src")), "--out", str(out)]) == 0
    kept = out / "kept.tags.toml"
    kept.write_text('[topics]\nbasics = "1"\n', encoding="utf-8")
    (tmp_path / "src" / "notes.tags.toml").symlink_to(kept)
    assert main([str(tmp_path / "src"), "--out", str(out)]) == 1
    assert kept.is_file()


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_the_output_folder_follows_the_umask(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    out = tmp_path / "dist"
    assert main([str(_source(tmp_path / "src")), "--out", str(out)]) == 0
    for path in (out, out / "site"):
        assert path.stat().st_mode & 0o777 == 0o777 & ~mask, path
    assert (out / "notes.apkg").stat().st_mode & 0o777 == 0o666 & ~mask


def test_an_existing_folder_is_swapped_in_one_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert exchange._renameat2() is not None, "this Linux has no renameat2"
    out = tmp_path / "dist"
    folder.replace_folder(out, {folder.MARKER: b"", "old.txt": b"old"})

    def no_rename(self: Path, target: object) -> Path:
        raise AssertionError(f"{self} moved on its own: a crash here would leave no output")

    monkeypatch.setattr(Path, "rename", no_rename)
    folder.replace_folder(out, {folder.MARKER: b"", "new.txt": b"new"})
    assert sorted(p.name for p in out.iterdir()) == [folder.MARKER, "new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_without_an_exchange_the_swap_falls_back_and_restores_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "_exchanged", lambda first, second: False)
    out = tmp_path / "dist"
    folder.replace_folder(out, {folder.MARKER: b"", "old.txt": b"old"})
    folder.replace_folder(out, {folder.MARKER: b"", "new.txt": b"new"})
    assert (out / "new.txt").is_file()
    real = Path.rename

    def second_fails(self: Path, target: Path) -> Path:
        if ".new-" in self.name:
            raise OSError(28, "No space left on device", str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", second_fails)
    with pytest.raises(UserError, match="No space left on device"):
        folder.replace_folder(out, {folder.MARKER: b"", "newer.txt": b"newer"})
    assert sorted(p.name for p in out.iterdir()) == [folder.MARKER, "new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_a_build_killed_after_the_swap_leaves_a_whole_output_and_its_leftover_goes_next(
    tmp_path: Path,
) -> None:
    out = tmp_path / "dist"
    folder.replace_folder(out, {folder.MARKER: b"", "old.txt": b"old"})
    # The process dies where the previous output would be removed: right after the swap.
    script = textwrap.dedent(f"""
        import os, shutil
        from pathlib import Path
        from qapress.build import folder
        shutil.rmtree = lambda *args, **kwargs: os._exit(9)
        folder.replace_folder(Path({str(out)!r}), {{folder.MARKER: b"", "new.txt": b"new"}})
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert subprocess.run([sys.executable, "-c", script], env=env, check=False).returncode == 9
    assert sorted(p.name for p in out.iterdir()) == [folder.MARKER, "new.txt"]
    [leftover] = [p for p in tmp_path.iterdir() if p.name != "dist"]
    assert (leftover / "old.txt").is_file()
    folder.replace_folder(out, {folder.MARKER: b"", "newest.txt": b"newest"})
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_only_stale_leftovers_of_our_own_are_cleared(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    stale_old, stale_new, empty = (
        tmp_path / f".dist.old-{DEAD}", tmp_path / f".dist.new-{DEAD}-ab12", tmp_path / f".dist.new-{DEAD}-cd34"
    )
    running = tmp_path / ".dist.new-1-ef56"  # process 1 never ends
    foreign = tmp_path / f".dist.old-{DEAD}-notes"
    other = tmp_path / f".site.old-{DEAD}"
    for path in (stale_old, stale_new, empty, running, foreign, other):
        path.mkdir()
    for path in (stale_old, stale_new, running, other):
        (path / folder.MARKER).write_bytes(folder.MARKER_TEXT)
    (foreign / "mine.md").write_text("mine", encoding="utf-8")
    (tmp_path / f".dist.old-{DEAD}-x").mkdir()  # not a name we make: kept
    assert sorted(folder.clear_leftovers(out)) == sorted([stale_old, stale_new, empty])
    assert {p.name for p in tmp_path.iterdir()} == {
        running.name, foreign.name, other.name, f".dist.old-{DEAD}-x"
    }


def test_a_dangling_link_as_the_output_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "elsewhere" / "site"
    out = tmp_path / "dist"
    out.symlink_to(target)
    assert main([str(_source(tmp_path / "src")), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"error: {out}: is a link to {target}, which does not exist "
        "(remove the link, or choose another --out)\n"
    )
    assert not (tmp_path / "elsewhere").exists()


def test_a_dangling_link_above_the_output_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    assert main([str(_source(tmp_path / "src")), "--out", str(tmp_path / "link" / "dist")]) == 1
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize(
    ("out", "cause"),
    [("/proc/qapress-out", "No such file or directory"), ("/proc/self/status/dist", "is a file, not a folder"),
     ("/sys/qapress-out", "Operation not permitted")],
    ids=["proc", "under-a-file", "sysfs"],
)
def test_an_impossible_output_folder_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, cause: str
) -> None:
    assert main([str(_source(tmp_path / "src")), "--out", out]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert out in err and cause in err


def test_a_full_disk_is_one_error_line_and_the_old_output_stays(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    source = _source(tmp_path / "src")
    assert main([str(source), "--out", str(out)]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # The child may write files of at most 4 KiB, as on a disk that is nearly full.
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        from qapress.cli import main
        sys.exit(main([{str(source)!r}, "--out", {str(out)!r}, "--jobs", "1"]))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"error: {out}/") and "File too large" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "src"]


@pytest.mark.parametrize(
    ("code", "cause"),
    [(errno.EROFS, "Read-only file system"), (errno.ENOSPC, "No space left on device"),
     (errno.EACCES, "Permission denied")],
)
@pytest.mark.parametrize("step", ["folder", "file"])
def test_a_fault_at_any_step_is_one_error_line_and_the_old_output_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    code: int, cause: str, step: str,
) -> None:
    out, source = tmp_path / "dist", _source(tmp_path / "src")
    assert main([str(source), "--out", str(out)]) == 0
    capsys.readouterr()
    real = Path.mkdir if step == "folder" else Path.write_bytes

    def failing(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.is_relative_to(tmp_path) and (step == "file" or ".new-" in self.name):
            raise OSError(code, os.strerror(code), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir" if step == "folder" else "write_bytes", failing)
    assert main([str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}") and f"({cause})" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "src"]
    assert (out / "notes.apkg").is_file()
