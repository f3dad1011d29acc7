"""TOML files as we read them: parsed by tomllib, with the lines their keys stand on for messages."""

from __future__ import annotations

import re
from typing import Any

from qapress.problems import Problem, SourceError

_KEY = re.compile(r'\s*(?:"([^"\\]*)"|([A-Za-z0-9_:.+#-]+))\s*=')


def parse(text: str, path: str) -> dict[str, Any]:
    """Return the file's tables, or raise its syntax error at its line."""
    import tomllib  # a build without a tags or project file reads no TOML; the import costs 5 ms

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(error))) else 1
        raise SourceError([Problem(path, line, f"not valid TOML: {error}")]) from None


def key_lines(text: str, table: str | None = None) -> dict[str, int]:
    """Return the line where each key of ``table`` is first written (None: the top level).

    A table header at the top level counts as a key there, for a table written where a value
    was meant; tomllib keeps no positions.
    """
    found: dict[str, int] = {}
    inside = table is None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            name = stripped.strip("[] \t")
            if table is None:
                found.setdefault(name, number)
            inside = name == table
            continue
        match = _KEY.match(line)
        if inside and match:
            found.setdefault(match[1] if match[1] is not None else match[2], number)
    return found
