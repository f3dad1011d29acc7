"""The project file: command-line options kept in ``qapress.toml`` or ``[tool.qapress]``.

The file is looked for from the current folder upwards; in each folder ``qapress.toml`` comes
before a ``pyproject.toml`` that has a ``[tool.qapress]`` table. Its keys are the long options,
spelled as on the command line (``base-url``) or in snake case (``base_url``); paths in it are
relative to the file. The command line overrides it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qapress import tomltext
from qapress.problems import Problem, SourceError

FILE_NAME = "qapress.toml"
PYPROJECT = "pyproject.toml"
COMMANDS = frozenset({"check", "json", "watch", "serve", "quiet", "help", "version"})
"""Options that say what to do this once, not how the project builds: never kept in the file."""
NUMBERS = frozenset({"font_size"})
"""Options whose value is a number that need not be whole: TOML may write them either way."""
SOURCES = "sources"
"""The key that lists the documents, as the command line's PATH arguments do."""


@dataclass(frozen=True, slots=True)
class Project:
    """A project file found, and the option defaults it sets."""

    path: Path
    values: Mapping[str, Any]
    """Option destination -> value, paths already resolved against the file's folder."""


def find(start: Path) -> Path | None:
    """Return the project file that governs ``start``, or None when there is none."""
    for folder in (start, *start.parents):
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and re.search(r"(?m)^\s*\[tool\.qapress\]", _read(pyproject)):
            return pyproject
    return None


def load(path: Path, parser: argparse.ArgumentParser) -> Project:
    """Read a project file; raise every problem in it at once, each at its line."""
    text = _read(path)
    data = tomltext.parse(text, str(path))
    in_pyproject = path.name == PYPROJECT
    table = data.get("tool", {}).get("qapress", {}) if in_pyproject else data
    lines = tomltext.key_lines(text, "tool.qapress" if in_pyproject else None)
    options = settable(parser)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in table.items():
        action = options.get(key.replace("_", "-"))
        try:
            if action is None:
                raise ValueError(f"is not an option (use one of: {', '.join(sorted(options))})")
            values[action.dest] = _value(action, value, _shown(path.parent))
        except (TypeError, ValueError) as wrong:
            problems.append(Problem(str(path), lines.get(key, 1), f"{key!r} {wrong}"))
    if problems:
        raise SourceError(problems)
    return Project(path, values)


def settable(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """Return the options a project file may set, by their long name without dashes."""
    found: dict[str, argparse.Action] = {}
    for action in parser._actions:  # argparse keeps no public list of its options
        long = [s for s in action.option_strings if s.startswith("--")]
        name = long[0][2:] if long else (SOURCES if action.dest == "paths" else None)
        if name and action.dest not in COMMANDS:
            found[name] = action
    return found


def _value(action: argparse.Action, value: object, base: Path) -> object:
    """Return the value as the option takes it; raise TypeError or ValueError saying what it must be."""
    if action.dest == "paths":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError('must be a list of paths, like ["notes", "extra/sql.md"]')
        return [base / v for v in value]
    if isinstance(action, argparse._StoreTrueAction | argparse._StoreFalseAction):
        if not isinstance(value, bool):
            raise TypeError("must be true or false")
        # ``no-tags = true`` sets what ``--no-tags`` sets: showing tags false.
        return value if isinstance(action, argparse._StoreTrueAction) else not value
    if isinstance(action.default, int):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("must be a whole number from 1 up")
        return _checked(action, str(value))
    if action.choices is not None and (not isinstance(value, str) or value not in action.choices):
        raise ValueError(f"must be one of {', '.join(map(str, action.choices))}")
    if isinstance(value, int | float) and not isinstance(value, bool) and action.dest in NUMBERS:
        return _checked(action, str(value))
    if not isinstance(value, str):
        raise TypeError(f'must be a string, like "{action.metavar}"')
    return base / value if action.type is Path else _checked(action, value)


def _checked(action: argparse.Action, text: str) -> object:
    """Return ``text`` as the option's own type makes it, which also checks it."""
    if action.type is None:
        return text
    try:
        return action.type(text)  # type: ignore[operator]
    except argparse.ArgumentTypeError as wrong:
        raise ValueError(f"is not usable: {wrong}") from None


def _shown(folder: Path) -> Path:
    """Return ``folder`` as messages should show it: relative to the current folder if inside it."""
    try:
        return folder.relative_to(Path.cwd())
    except ValueError:
        return folder


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError([Problem(str(path), 1, f"cannot read the project file ({error})")]) from None




def in_force(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict[str, object]:
    """Return every option a project file may set, with the value this run uses."""
    found: dict[str, object] = {}
    for name, action in settable(parser).items():
        value = getattr(args, action.dest)
        if isinstance(action, argparse._StoreFalseAction):
            value = not value  # ``no-tags`` is on when showing tags is off
        found[name] = [str(v) for v in value] if isinstance(value, list) else (
            str(value) if isinstance(value, Path) else value
        )
    return found
