"""The author loop: which saves count, crashes that must not end it, and rebuilds end to end."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import pytest
from conftest import AUTOENCODERS

from qapress import cli
from qapress.author.watch import author_loop, is_source, rebuild

WAIT = 60
"""Seconds to wait for a rebuild before calling the loop stuck: a bound, never a pace."""


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ("notes/a.md", True),
        ("notes/a.tags.toml", True),
        ("notes/b.md", False),
        ("notes/b.tags.toml", False),
        ("notes/a.txt", False),
        ("dist/site/a.md", False),
    ],
)
def test_a_named_file_counts_with_its_tags_file_only(
    tmp_path: Path, changed: str, expected: bool
) -> None:
    named = [tmp_path / "notes" / "a.md"]
    assert is_source(tmp_path / changed, named, tmp_path / "dist") is expected


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ("src/deep/c.md", True),
        ("src/c.tags.toml", True),
        ("src/out/c.md", False),
        ("src/.out.new-x1y2/c.md", False),
        ("elsewhere/c.md", False),
    ],
)
def test_a_named_folder_counts_every_source_below_it_but_the_output(
    tmp_path: Path, changed: str, expected: bool
) -> None:
    named = [tmp_path / "src"]
    (tmp_path / "src").mkdir()
    assert is_source(tmp_path / changed, named, tmp_path / "src" / "out") is expected


def test_a_crash_is_reported_and_counts_as_a_failed_build(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def crash() -> int:
        raise RuntimeError("renderer bug")

    assert rebuild(crash) is False
    assert "RuntimeError: renderer bug" in capsys.readouterr().err
    assert rebuild(lambda: 1) is False
    assert rebuild(lambda: 0) is True


def test_the_loop_builds_once_without_its_own_flags_when_stopped(tmp_path: Path) -> None:
    seen: list[list[str]] = []
    stop = threading.Event()

    def main(argv: list[str]) -> int:
        seen.append(argv)
        stop.set()
        return 0

    argv = [str(tmp_path), "--watch", "--out", str(tmp_path / "out")]
    assert author_loop(argv, [tmp_path], tmp_path / "out", False, main, stop) == 0
    assert seen == [[str(tmp_path), "--out", str(tmp_path / "out")]]


def test_saves_rebuild_and_a_broken_save_keeps_the_last_good_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "autoencoders.md"
    text = AUTOENCODERS.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "dist"
    statuses: queue.Queue[int] = queue.Queue()
    stop = threading.Event()

    def main(argv: list[str]) -> int:
        status = cli.main(argv)
        statuses.put(status)
        return status

    argv = [str(source), "--out", str(out), "--watch"]
    loop = threading.Thread(target=author_loop, args=(argv, [source], out, False, main, stop))
    loop.start()
    try:
        assert statuses.get(timeout=WAIT) == 0
        edited = text.replace("reconstruct it back.", "reconstruct it back, sharply edited.")
        source.write_text(edited, encoding="utf-8")
        assert statuses.get(timeout=WAIT) == 0
        page = (out / "print" / "autoencoders.html").read_text(encoding="utf-8")
        assert "sharply edited" in page
        broken = edited.replace("### Q3. What is the training objective of an autoencoder?", "### Q3.", 1)
        source.write_text(broken, encoding="utf-8")
        assert statuses.get(timeout=WAIT) == 1
    finally:
        stop.set()
        loop.join(WAIT)
    assert not loop.is_alive()
    assert (out / "print" / "autoencoders.html").read_text(encoding="utf-8") == page
    line = broken[: broken.index("### Q3.\n")].count("\n") + 1
    assert f"{source}:{line}: Q3 has no question text" in capsys.readouterr().err
