"""``--check``: parse and report every document without writing anything."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qapress.items import Document
from qapress.pipeline import as_error, name_clashes, read_document
from qapress.problems import Problem, SourceError


@dataclass(frozen=True, slots=True)
class Checked:
    """What one document gave: its items and style, or nothing, and its problems."""

    path: str
    title: str | None
    style: str | None
    items: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Say whether the document would build."""
        return all(p.warning for p in self.problems)


def check_sources(sources: Sequence[Path], style: str | None, strict: bool) -> list[Checked]:
    """Parse every source on its own, so that one bad file does not hide the others."""
    results: list[Checked] = []
    documents: list[Document] = []
    for source in sources:
        try:
            document, warnings = read_document(source, style)
        except SourceError as error:
            results.append(Checked(str(source), None, None, 0, error.problems))
            continue
        documents.append(document)
        problems = tuple(as_error(w) for w in warnings) if strict else tuple(warnings)
        count = len(document.items)
        results.append(Checked(document.path, document.title, document.style, count, problems))
    clashes = {p.path: p for p in name_clashes(documents)}
    return [
        replace(r, problems=(*r.problems, clashes[r.path])) if r.path in clashes else r
        for r in results
    ]


def as_text(results: Sequence[Checked]) -> str:
    """Return one summary line per document, then its problems."""
    lines: list[str] = []
    for result in results:
        if result.style is None:
            errors = sum(not p.warning for p in result.problems)
            lines.append(f"{result.path}: cannot be built, {errors} error{'s' * (errors != 1)}")
        else:
            lines.append(f"{result.path}: {result.items} items, style {result.style}, {result.title!r}")
        lines.extend(f"  {problem}" for problem in result.problems)
    return "\n".join(lines)


def as_json(results: Sequence[Checked]) -> str:
    """Return the report as JSON, for editors and scripts."""
    documents = [
        {
            "path": r.path,
            "title": r.title,
            "style": r.style,
            "items": r.items,
            "ok": r.ok,
            "problems": [
                {"path": p.path, "line": p.line, "severity": "warning" if p.warning else "error",
                 "message": p.message}
                for p in r.problems
            ],
        }
        for r in results
    ]
    return json.dumps({"ok": all(r.ok for r in results), "documents": documents}, indent=2,
                      ensure_ascii=False)
