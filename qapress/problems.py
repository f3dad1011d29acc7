"""Problems found in source files, and the one error type users see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong at a place in a source file."""

    path: str
    line: int
    message: str
    """What is wrong and how to fix it."""
    warning: bool = False
    """A warning lets the build go on, unless ``--strict``."""

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.message}"


class UserError(Exception):
    """An error the user can fix; the CLI prints it without a traceback and exits 1."""


class SourceError(UserError):
    """Raised with every problem that stops a build, so that one run shows them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
