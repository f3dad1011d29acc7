"""The user's cache folder: what one build works out and the next can reuse.

Compiled templates and code colours are kept there, each under a key that changes with what it
was made from. A folder that cannot be read or written only costs the work of making them again.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path


def folder(name: str) -> Path:
    """Return the cache folder for one kind of entry (it may not exist yet)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "qapress" / name


def read(path: Path) -> str | None:
    """Return a cached text, or None when there is none to be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write(path: Path, text: str) -> None:
    """Keep a text for later builds, if the folder allows."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes, private: bool = False) -> None:
    """Keep bytes for later builds, if the folder allows; ``private``: in a folder only the user
    may open, for what is loaded back as more than text."""
    with suppress(OSError):
        path.parent.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
        if private:
            path.parent.chmod(0o700)
        # Renamed into place whole, so that a build running alongside never reads half of it.
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(data)
        temporary.replace(path)
