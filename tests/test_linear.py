"""Inputs that once made reading exponential or cubic read in linear time.

Each document is a few tens of kilobytes that a backtracking pattern could not get through in a
day. The check runs in a child process whose CPU time is capped far above what a linear reading
takes (well under a second) and far below what the old patterns took, so the test asserts on the
work done, not on a clock: a regression is killed by the cap and fails with a non-zero status.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CPU_SECONDS = 30
SPACES = " " * 20_000
BREAKS = "\n".join(["<br>"] * 60)
LINKS = " [[x](y)]" * 3_000
WIDE = 200_000
"""Characters in a line that quadratic work cannot get through within the cap."""

DOCUMENTS = {
    "a paragraph of breaks that goes on with text": f"### Q1. Why?\n{BREAKS}\nThen words.\n",
    "an unclosed directive with a run of spaces": f"### Q1. Why?\nBecause.\n<!-- tags:{SPACES}x\n",
    "an unclosed deck line with a run of spaces": f"<!-- deck:{SPACES}x\n\n### Q1. Why?\nBecause.\n",
    "a heading with thousands of trailing links": f"### Q1. Why?{LINKS}\nBecause.\n",
    "trailing links followed by a word": f"### Q1. Why?{LINKS * 20} then\nBecause.\n",
    "openers after a question mark": f"### Q1. Why? {'[' * WIDE}\nBecause.\n",
    "a summary opened again and again": f"<details>\n{'<summary ' * (WIDE // 9)}\n</details>\n",
    "an answer line of spaces between tags": f"### Q1. Why?\n<b>a{' ' * WIDE}b\n",
    "a link line of words that point back": f"### Q1. Why?\nBecause.\n[{'top' * (WIDE // 3)}\n",
    "an answer label and a run of spaces": f"**Q1. Why?**\nAnswer{' ' * WIDE}x\n",
}


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_a_hostile_document_is_read_within_a_small_cpu_budget(tmp_path: Path, text: str) -> None:
    source = tmp_path / "doc.md"
    source.write_text(f"# Hostile\n\n{text}", encoding="utf-8")
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_CPU, ({CPU_SECONDS}, {CPU_SECONDS}))
        from qapress.cli import main
        sys.exit(main([{str(source)!r}, "--check"]))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    # A process killed by the cap ends with a negative status (SIGXCPU or SIGKILL).
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
