"""The build: gather every source, render every output in memory, then replace the output folder.

This is the only module that reads or writes files; parsing and rendering are pure. The parser,
Markdown and templates are imported by the functions that use them, so that a small build can
fork its output processes before any of them is loaded (see ``rendering``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from qapress import parallel
from qapress.items import Document
from qapress.outputs import PARSING, Files, Output, share_out
from qapress.problems import Problem, SourceError, UserError
from qapress.settings import Settings

if TYPE_CHECKING:
    from qapress.markup import Rendered

MARKER = ".qapress"
"""A file in every output folder we write, so we never replace a folder we did not make."""
TAGS_SUFFIX = ".tags.toml"
LAST_STAMP = 4354819199
"""2107-12-31T23:59:59Z, the last moment a zip entry can carry."""
PARALLEL_BYTES = 500_000
"""Sources of at least this many bytes in all are read by every core; a worker costs ~10 ms."""
PARALLEL_ITEMS = 2_000
"""Collections of at least this many items have their Markdown rendered by every core."""



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


@dataclass(frozen=True, slots=True)
class Read:
    """One source as read: its document (None when it has errors) and its problems."""

    path: str
    document: Document | None
    problems: tuple[Problem, ...]


def read_sources(sources: Sequence[Path], style: str | None = None, jobs: int = 1) -> list[Read]:
    """Read every source on its own, so that one bad file hides no other, then flag name clashes.

    With ``jobs`` other than 1 (0: every core), a large collection is read by several processes.
    """
    sizes = {source: _size(source) for source in sources}
    workers = parallel.workers(jobs) if sum(sizes.values()) >= PARALLEL_BYTES else 1
    parts = parallel.split(sources, workers, sizes.__getitem__)
    # One part (one long document, say) may still use every core inside the parser.
    inner = jobs if len(parts) == 1 else 1
    calls = [partial(_read_all, part, style, inner) for part in parts]
    reads = [read for part in parallel.run(calls) for read in part]
    clashes = {p.path: p for p in name_clashes([r.document for r in reads if r.document])}
    return [replace(r, problems=(*r.problems, clashes[r.path])) if r.path in clashes else r for r in reads]


def _read_all(sources: Sequence[Path], style: str | None, jobs: int) -> list[Read]:
    reads: list[Read] = []
    for source in sources:
        try:
            document, warnings = read_document(source, style, jobs)
        except SourceError as error:
            reads.append(Read(str(source), None, error.problems))
            continue
        reads.append(Read(document.path, document, tuple(warnings)))
    return reads


def _size(source: Path) -> int:
    try:
        return source.stat().st_size
    except OSError:
        return 0  # reported when it is read


def gather(
    sources: Sequence[Path], strict: bool = False, style: str | None = None, jobs: int = 1
) -> Gathered:
    """Read and parse every source; raise one error listing every problem in every file."""
    reads = read_sources(sources, style, jobs)
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


def read_document(
    source: Path, style: str | None = None, jobs: int = 1
) -> tuple[Document, list[Problem]]:
    """Read one source and its tags file; return the document and its warnings."""
    from qapress import ids
    from qapress.parser import decode_source, parse_document
    from qapress.topics import check_topics, parse_topics

    path = str(source)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise SourceError([Problem(path, 1, f"cannot read the file ({error.strerror})")]) from None
    text = decode_source(data, path)
    slug = ids.slugify(source.stem) or "document"
    tags_path = source.with_name(source.stem + TAGS_SUFFIX)
    topics = None
    if tags_path.is_file():
        tags_name = str(tags_path)
        topics = parse_topics(decode_source(tags_path.read_bytes(), tags_name), tags_name)
    modified = int(max(source.stat().st_mtime, tags_path.stat().st_mtime if topics else 0))
    by_number = topics.by_number if topics else None
    document, warnings = parse_document(text, path, slug, by_number, modified, style, jobs)
    extra = check_topics(topics, document) if topics else []
    return document, [*warnings, *extra]


def source_stamp(documents: Sequence[Document]) -> int:
    """Return ``SOURCE_DATE_EPOCH`` when set, else the newest source's or template's mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        # Zip entries cannot be dated after 2107, so neither can a package.
        if not epoch.isdigit() or int(epoch) > LAST_STAMP:
            raise UserError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds "
                f"from 0 to {LAST_STAMP}"
            )
        return int(epoch)
    # Templates count as sources: Anki replaces a note type only with one dated later,
    # so a restyled card must come with a later stamp even when no document changed.
    from qapress.templates import TEMPLATE_DIR

    files = (p for p in TEMPLATE_DIR.rglob("*") if p.is_file())
    return max([*(d.modified for d in documents), *(int(p.stat().st_mtime) for p in files)], default=0)


@contextmanager
def rendering(
    outputs: Sequence[Output], sources: Sequence[Path], jobs: int = 1
) -> Iterator[Callable[[Sequence[Document], Settings], Files]]:
    """Yield the function that renders every output, in memory, once the sources are parsed.

    With ``jobs`` other than 1 (0: every core), each output renders in a process of its own.
    A large build forks those processes once its Markdown is rendered, so that they start with
    it. A small build forks them at once, so that each loads its output's libraries while this
    process parses, unless they are loaded already: then forking would cost more than it saves.
    """
    small = sum(map(_size, sources)) < PARALLEL_BYTES
    if small and (parallel.workers(jobs) < 2 or all(output.loaded for output in outputs)):
        yield partial(render, outputs=outputs, jobs=1)
    elif small:
        shares = share_out(outputs, parallel.workers(jobs), here=PARSING)
        with parallel.Ahead([partial(_load_share, share) for share in shares]) as ahead:
            yield lambda documents, settings: _files(
                files for share in ahead.run(documents, settings, _rendered(documents)) for files in share
            )
    else:
        yield partial(render, outputs=outputs, jobs=jobs)


def render(
    documents: Sequence[Document], settings: Settings, outputs: Sequence[Output], jobs: int = 1
) -> Files:
    """Render every output in memory; the first failure leaves nothing half-written.

    With ``jobs`` other than 1 (0: every core), each output renders in a process of its own,
    after a large collection's Markdown has been rendered by several.
    """
    from qapress import markup

    answers, questions = _markdown_of(documents)
    markup.prepare(answers, questions, jobs if len(answers) >= PARALLEL_ITEMS else 1)
    calls = [partial(_load_and_render, output, documents, settings) for output in outputs]
    return _files(parallel.run(calls) if parallel.workers(jobs) > 1 else [call() for call in calls])


def _rendered(documents: Sequence[Document]) -> tuple[Rendered, Rendered]:
    from qapress import markup

    return markup.rendered(*_markdown_of(documents))


def _markdown_of(documents: Sequence[Document]) -> tuple[list[str], list[str]]:
    """Return every item's answer and question, in that order."""
    items = [item for document in documents for item in document.items]
    return [item.answer for item in items], [item.question for item in items]


def _load_share(share: Sequence[Output]) -> Callable[..., list[Files]]:
    """Load a share of the outputs; return what renders them, given the Markdown rendered."""
    renderers = [output.load() for output in share]

    def render_share(
        documents: Sequence[Document], settings: Settings, rendered: tuple[Rendered, Rendered]
    ) -> list[Files]:
        from qapress import markup

        markup.absorb(rendered)
        return [renderer(documents, settings) for renderer in renderers]

    return render_share


def _load_and_render(output: Output, documents: Sequence[Document], settings: Settings) -> Files:
    return output.load()(documents, settings)


def _files(outputs: Iterable[Files]) -> Files:
    files: Files = {MARKER: b"Written by qapress; the next build replaces this folder.\n"}
    for output in outputs:
        files.update(output)
    return files


def replace_folder(out: Path, files: Files) -> None:
    """Write ``files`` into a fresh folder beside ``out``, then swap it in for ``out``."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: is a file, not a folder (choose another --out)")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UserError(
            f"{out}: refusing to replace a folder this tool did not write "
            "(empty it, or choose another --out)"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    try:
        for name, data in files.items():
            target = fresh / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if out.exists():
            out.rename(old)
        try:
            fresh.rename(out)
        except BaseException:
            if old.exists():
                old.rename(out)
            raise
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
