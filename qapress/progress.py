"""Progress on a terminal: one line, rewritten in place, for builds long enough to want it."""

from __future__ import annotations

import time
from typing import Self, TextIO

LONG_BYTES = 250_000
"""Sources of this many bytes take about a second to build: progress shows from the start."""
SLOW_SECONDS = 1.0
"""A smaller build shows the stages it is still starting after this long."""
_CLEAR = "\r\x1b[K"


class Progress:
    """The line that says what a build is doing, shown only on a terminal."""

    def __init__(self, stream: TextIO, size: int, quiet: bool = False) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._on = not quiet and stream.isatty()
        self._early = size >= LONG_BYTES
        self._shown = False

    def stage(self, text: str) -> None:
        """Say what the build does now, if the build is long enough to be worth telling."""
        if self._on and (self._early or time.monotonic() - self._started >= SLOW_SECONDS):
            self._stream.write(f"{_CLEAR}{text}…")
            self._stream.flush()
            self._shown = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.clear()

    def clear(self) -> None:
        """Take the line away, so that what is printed next starts on a clean line."""
        if self._shown:
            self._stream.write(_CLEAR)
            self._stream.flush()
            self._shown = False
