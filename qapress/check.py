"""``--check``: parse and report every document without writing anything."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qapress.build.sources import as_error, read_sources
from qapress.items import Part
from qapress.problems import Problem, printable


@dataclass(frozen=True, slots=True)
class Checked:
    """What one document gave: its items and style, or nothing, and its problems."""

    path: str
    title: str | None
    style: str | None
    items: int
    problems: tuple[Problem, ...]
    parts: tuple[Part, ...] = ()
    """How each part of the document was read, the whole first."""

    @property
    def ok(self) -> bool:
        """Say whether the document would build."""
        return all(p.warning for p in self.problems)


def check_sources(sources: Sequence[Path], style: str | None, strict: bool) -> list[Checked]:
    """Parse every source on its own, so that one bad file does not hide the others."""
    results: list[Checked] = []
    for read in read_sources(sources, style):
        document = read.document
        if document is None:
            results.append(Checked(read.path, None, None, 0, read.problems))
            continue
        problems = tuple(as_error(p) for p in read.problems) if strict else read.problems
        count = len(document.items)
        results.append(Checked(read.path, document.title, document.style, count, problems, document.parts))
    return results


def as_text(results: Sequence[Checked], about: Mapping[str, Any] | None = None) -> str:
    """Return the settings in force, then one summary line per document and its problems."""
    lines: list[str] = [_settings_line(about)] if about else []
    for result in results:
        if result.style is None:
            errors = sum(not p.warning for p in result.problems)
            lines.append(f"{printable(result.path)}: cannot be built, {errors} error{'s' * (errors != 1)}")
        else:
            lines.append(f"{printable(result.path)}: {result.items} items, style {result.style}, {result.title!r}")
            lines.extend(f"  {_part_line(part)}" for part in result.parts)
        lines.extend(f"  {problem}" for problem in result.problems)
    return "\n".join(lines)


def _part_line(part: Part) -> str:
    """Return what one part was read as: from which line, the style, and how sure."""
    other = f", next best {part.runner_up} ({part.runner_up_items})" if part.runner_up else ""
    questions = "question" if part.items == 1 else "questions"
    return f"from line {part.line}: {part.items} {questions} read as {part.style}, {part.sureness:.0%} sure{other}"


def _settings_line(about: Mapping[str, Any]) -> str:
    source = about["project_file"] or "no project file"
    shown = ", ".join(f"{name}={json.dumps(value, ensure_ascii=False)}" for name, value in about["settings"].items())
    return f"qapress {about['version']}, settings ({source}): {shown}"


def as_json(results: Sequence[Checked], about: Mapping[str, Any] | None = None) -> str:
    """Return the report as JSON, for editors and scripts."""
    documents = [
        {
            "path": r.path,
            "title": r.title,
            "style": r.style,
            "items": r.items,
            "ok": r.ok,
            "parts": [
                {"line": p.line, "style": p.style, "items": p.items, "sureness": round(p.sureness, 2),
                 "runner_up": p.runner_up or None, "runner_up_items": p.runner_up_items}
                for p in r.parts
            ],
            "problems": [
                {"path": p.path, "line": p.line, "severity": "warning" if p.warning else "error",
                 "message": p.message}
                for p in r.problems
            ],
        }
        for r in results
    ]
    report = {**(about or {}), "ok": all(r.ok for r in results), "documents": documents}
    return json.dumps(report, indent=2, ensure_ascii=False)
