"""Progress shows on a terminal, in place, and never in a pipe or a log."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from qapress.progress import LONG_BYTES

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminals are POSIX")


def _long_document(folder: Path) -> Path:
    """Write a document just large enough for progress to show from the start."""
    answer = "An answer long enough to count, with a few words about the topic it explains."
    parts = ["# Long\n"]
    number = 0
    while sum(map(len, parts)) < LONG_BYTES:
        number += 1
        parts.append(f"### Q{number}. What is topic {number}?\n{answer}\n")
    path = folder / "long.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _stderr(source: Path, out: Path, *flags: str, terminal: bool) -> str:
    """Run a build; return what it wrote to standard error, through a terminal or a pipe."""
    command = [sys.executable, str(ROOT / "build.py"), str(source), "--out", str(out), *flags]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        return done.stderr
    main, child = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=child) as build:
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the build has ended and closed its side
                break
            if not chunk:
                break
            chunks.append(chunk)
    os.close(main)
    assert build.returncode == 0
    return b"".join(chunks).decode()


def test_progress_is_one_line_rewritten_on_a_terminal(tmp_path: Path) -> None:
    shown = _stderr(_long_document(tmp_path), tmp_path / "out", terminal=True)
    stages = [part for part in shown.split("\r\x1b[K") if part]
    assert [stage.split()[0] for stage in stages] == ["reading", "rendering", "writing"]
    assert stages[0].startswith("reading 1 document (")
    assert "\n" not in shown  # one line, taken away at the end
    assert shown.endswith("\r\x1b[K")


def test_no_progress_in_a_pipe_or_when_quiet(tmp_path: Path) -> None:
    source = _long_document(tmp_path)
    assert _stderr(source, tmp_path / "a", terminal=False) == ""
    assert _stderr(source, tmp_path / "b", "--quiet", terminal=True) == ""
