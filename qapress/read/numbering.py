"""Numbering problems: duplicates, gaps and disorder, each a warning at its line.

Ids come from the questions' words, so a number used twice breaks nothing; the author hears of
it, and ``--strict`` makes it an error.
"""

from __future__ import annotations

from collections.abc import Sequence

from qapress.problems import Problem
from qapress.read.answers import Draft


def check_numbers(drafts: Sequence[Draft], path: str) -> list[Problem]:
    """Check numbering within each section, since many documents restart it per section."""
    problems: list[Problem] = []
    first_line: dict[tuple[str, int], int] = {}
    previous: dict[str, int] = {}
    for draft in drafts:
        n, line, before = draft.number, draft.line + 1, previous.get(draft.section, 0)
        key = (draft.section, n)
        if key in first_line:
            fix = "renumber one of them"
            message = f"Q{n} is used twice (first at line {first_line[key]}); {fix}"
            problems.append(Problem(path, line, message, warning=True))
            continue
        first_line[key] = line
        if n < before:
            message = f"Q{n} comes after Q{before} (number the questions in order)"
            problems.append(Problem(path, line, message, warning=True))
        elif n > before + 1:
            problems.append(Problem(path, line, _gap_message(before, n), warning=True))
        previous[draft.section] = max(before, n)
    return problems


def _gap_message(previous: int, n: int) -> str:
    if previous == 0:
        return f"numbering starts at Q{n}, not Q1 (renumber from 1)"
    missing = f"Q{previous + 1} is" if n == previous + 2 else f"Q{previous + 1}-Q{n - 1} are"
    return f"Q{n} follows Q{previous}, so {missing} missing (renumber to close the gap)"
