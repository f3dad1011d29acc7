"""Problems found in source files, and the one error type users see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

_CONTROLS = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
"""Characters that would steer the terminal (colours, cursor, direction) instead of showing."""


def printable(text: str) -> str:
    """Return ``text`` with control characters written as escapes, fit for a terminal."""
    return text.translate(_CONTROLS)


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
        return f"{printable(self.path)}:{self.line}: {kind}{printable(self.message)}"


class UserError(Exception):
    """An error the user can fix; the CLI prints it without a traceback and exits 1."""


class SourceError(UserError):
    """Raised with every problem that stops a build, so that one run shows them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
