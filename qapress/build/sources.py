"""Reading the sources: every Markdown file named, with its tags file, into documents.

Each source is read on its own, so that one bad file hides no other; a large collection is read by
several processes. The reader itself is imported by the functions that use it, so that a small
build can fork its output processes before it is loaded (see ``pipeline``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from qapress.build import parallel
from qapress.items import Document
from qapress.problems import Problem, SourceError

if TYPE_CHECKING:
    from qapress.build import remembered

TAGS_SUFFIX = ".tags.toml"
PARALLEL_BYTES = 500_000
"""Sources of at least this many bytes in all are read by every core; a worker costs ~10 ms."""


@dataclass(frozen=True, slots=True)
class Gathered:
    """Every document of a build, and the warnings found while reading them."""

    documents: tuple[Document, ...]
    warnings: tuple[Problem, ...]


def find_sources(paths: Iterable[Path]) -> list[Path]:
    """Return the Markdown files named, or found below the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(p for p in path.rglob("*.md") if p.is_file()) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def inputs(sources: Iterable[Path]) -> list[Path]:
    """Return every file a build of ``sources`` reads: each source and its tags file."""
    found: list[Path] = []
    for source in sources:
        found.append(source)
        tags = tags_file(source)
        if tags.is_file():
            found.append(tags)
    return found


def tags_file(source: Path) -> Path:
    """Return where the tags file of ``source`` would be."""
    return source.with_name(source.stem + TAGS_SUFFIX)


@dataclass(frozen=True, slots=True)
class Read:
    """One source as read: its document (None when it has errors) and its problems."""

    path: str
    document: Document | None
    problems: tuple[Problem, ...]


def read_sources(
    sources: Sequence[Path], style: str | None = None, jobs: int = 1, remember: bool = False
) -> list[Read]:
    """Read every source on its own, so that one bad file hides no other, then flag name clashes.

    With ``jobs`` other than 1 (0: every core), a large collection is read by several processes;
    with ``remember``, sources unchanged since they were last read come from the cache folder.
    """
    sizes = {source: source_size(source) for source in sources}
    workers = parallel.workers(jobs) if is_large(sizes.values()) else 1
    parts = parallel.split(sources, workers, sizes.__getitem__)
    # One part (one long document, say) may still use every core inside the parser.
    inner = jobs if len(parts) == 1 else 1
    calls = [partial(_read_all, part, style, inner, remember) for part in parts]
    reads = [read for part in parallel.run(calls) for read in part]
    clashes = {p.path: p for p in name_clashes([r.document for r in reads if r.document])}
    return [replace(r, problems=(*r.problems, clashes[r.path])) if r.path in clashes else r for r in reads]


def _read_all(sources: Sequence[Path], style: str | None, jobs: int, remember: bool) -> list[Read]:
    reads: list[Read] = []
    for source in sources:
        try:
            document, warnings = read_document(source, style, jobs, remember)
        except SourceError as error:
            reads.append(Read(str(source), None, error.problems))
            continue
        reads.append(Read(document.path, document, tuple(warnings)))
    return reads


def is_large(sizes: Iterable[int]) -> bool:
    """Say whether sources of these sizes in bytes are worth reading on every core."""
    return sum(sizes) >= PARALLEL_BYTES


def source_size(source: Path) -> int:
    try:
        return source.stat().st_size
    except OSError:
        return 0  # reported when it is read


def gather(
    sources: Sequence[Path],
    strict: bool = False,
    style: str | None = None,
    jobs: int = 1,
    remember: bool = False,
) -> Gathered:
    """Read and parse every source; raise one error listing every problem in every file.

    With ``remember``, unchanged sources come from the cache folder (see ``read_document``).
    """
    reads = read_sources(sources, style, jobs, remember)
    problems = [p for r in reads for p in r.problems]
    if strict:
        problems = [as_error(p) for p in problems]
    if any(not p.warning for p in problems):
        raise SourceError(problems)
    return Gathered(tuple(r.document for r in reads if r.document), tuple(problems))


def name_clashes(documents: Sequence[Document]) -> list[Problem]:
    """Report documents whose outputs would overwrite an earlier document's."""
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for document in documents:
        if document.slug in first:
            message = (
                f"output name {document.slug!r} is taken by {first[document.slug]} "
                "(rename one of the two files)"
            )
            problems.append(Problem(document.path, 1, message))
        else:
            first[document.slug] = document.path
    return problems


def as_error(problem: Problem) -> Problem:
    """Return the problem as an error, for ``--strict``."""
    return Problem(problem.path, problem.line, problem.message)


def _contents(path: Path) -> bytes:
    """Return a file's bytes; a device or a pipe, which may never end, is refused."""
    try:
        if not path.is_file():
            raise SourceError([Problem(str(path), 1, "not a regular file (name a Markdown file)")])
        return path.read_bytes()
    except OSError as error:
        raise SourceError([Problem(str(path), 1, f"cannot read the file ({error.strerror})")]) from None


def read_document(
    source: Path, style: str | None = None, jobs: int = 1, remember: bool = False
) -> tuple[Document, list[Problem]]:
    """Read one source and its tags file; return the document and its warnings.

    With ``remember``, a source read before, unchanged, is taken from the cache folder
    (``remembered``), and one read now is kept there for the next build.
    """
    from qapress.build import remembered

    contents = _contents(source)
    tags_path = tags_file(source)
    tags = _contents(tags_path) if tags_path.is_file() else None
    modified = int(max(source.stat().st_mtime, tags_path.stat().st_mtime if tags is not None else 0))
    key = remembered.reading_key(str(source), style, modified, contents, tags) if remember else b""
    reading = remembered.recall_reading(source, key) if remember else None
    if reading is None:
        reading = _read(source, contents, tags, modified, style, jobs)
        if remember:
            remembered.keep_reading(source, key, reading)
    document, shown = reading.document, list(reading.refused)
    if reading.references:
        from qapress.build.pictures import read_pictures

        pictures, unread = read_pictures(source, reading.references)
        document = replace(document, pictures=pictures)
        shown.extend(unread)
    return document, [*reading.warnings, *sorted(shown, key=lambda p: p.line)]


def _read(
    source: Path, contents: bytes, tags: bytes | None, modified: int, style: str | None, jobs: int
) -> remembered.Reading:
    """Parse a source and its tags file: the document, its warnings and the pictures it names."""
    from qapress import ids
    from qapress.build.remembered import Reading
    from qapress.read.document import parse_document
    from qapress.read.source import decode_source
    from qapress.read.survey import survey
    from qapress.read.topics import check_topics, parse_topics

    path = str(source)
    text = decode_source(contents, path)
    slug = ids.slugify(source.stem) or "document"
    topics = None
    if tags is not None:
        tags_name = str(tags_file(source))
        topics = parse_topics(decode_source(tags, tags_name), tags_name)
    by_number = topics.by_number if topics else None
    parts = parallel.workers(jobs)
    document, warnings = parse_document(
        text, path, slug, by_number, modified, style, parts, parallel.run
    )
    extra = check_topics(topics, document) if topics else []
    references, refused = survey(text, document)
    return Reading(document, (*warnings, *extra), refused, references)
