"""Rendering a build: every output in memory, the outputs side by side, each in its own process.

The parser, Markdown and templates are imported by the functions that use them, so that a small
build can fork its output processes before any of them is loaded (see ``rendering``).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from qapress.build import parallel, remembered
from qapress.build.folder import MARKER, MARKER_TEXT, checked_out, replace_folder
from qapress.build.glyphs import missing_fonts
from qapress.build.memory import deck_changes, read_shipped
from qapress.build.outputs import PARSING, Output, share_out
from qapress.build.sources import Gathered, gather, inputs, is_large, source_size
from qapress.items import Document
from qapress.problems import Problem, UserError
from qapress.render.paths import Files
from qapress.settings import Settings

if TYPE_CHECKING:
    from qapress.flavours import Flavour
    from qapress.markup import Renderings, Request

LAST_STAMP = 4354819199
"""2107-12-31T23:59:59Z, the last moment a zip entry can carry."""
PRINT_MODULES = "qapress.render.sheet."
"""The outputs printed on paper, which need a font for every script the documents use."""
PARALLEL_ITEMS = 2_000
"""Collections of at least this many items have their Markdown rendered by every core."""


def build(
    sources: Sequence[Path],
    out: Path,
    options: Callable[[int], Settings],
    outputs: Sequence[Output],
    *,
    strict: bool = False,
    style: str | None = None,
    jobs: int = 0,
    remember: bool = False,
    warn: Callable[[Sequence[Problem]], None] = lambda _: None,
    stage: Callable[[str], None] = lambda _: None,
) -> tuple[Gathered, Files]:
    """Read the sources, render ``outputs`` and replace ``out``; on any failure, ``out`` stays.

    ``options`` gives the settings for the build's stamp; ``warn`` hears the warnings once the
    sources are read and once the decks are compared with the last build's, ``stage`` what the
    build starts doing. With ``jobs`` other than 1
    (0: every core), the work is spread over processes. With ``remember``, what is read and
    rendered of each source is kept in the cache folder, and what was kept is used
    (``remembered``).
    A build whose sources lie inside ``out`` is refused before anything is read.
    """
    read = inputs(sources)
    checked_out(out, read)
    # Recalled before any process is forked, so that every process has them.
    recalled = remembered.recall_renderings(sources) if remember else None
    with collecting_less(), rendering(outputs, sources, jobs) as render:
        noun = "document" if len(sources) == 1 else "documents"
        stage(f"reading {len(sources)} {noun} ({sum(map(source_size, sources)) / 1e6:.1f} MB)")
        gathered = gather(sources, strict=strict, style=style, jobs=jobs, remember=remember)
        warn(gathered.warnings)
        if any(output.module.startswith(PRINT_MODULES) for output in outputs):
            warn(missing_fonts(gathered.documents))
        items = sum(len(document.items) for document in gathered.documents)
        stage(f"rendering {items:,} items into {len(outputs)} outputs")
        # What the last build shipped is handed to the deck as data: the renderer reads no files.
        shipped = read_shipped(out, gathered.documents)
        settings = replace(options(source_stamp(gathered.documents)), shipped=shipped)
        files = render(gathered.documents, settings)
    warn(deck_changes(gathered.documents, settings, files))
    stage(f"writing {len(files):,} files to {out}")
    replace_folder(out, files, read)
    if recalled is not None:
        remembered.keep_renderings(_requests_by_document(gathered.documents, outputs), recalled)
    return gathered, files


@contextmanager
def collecting_less() -> Iterator[None]:
    """Run the garbage collector less often while the block runs."""
    # A build allocates millions of tokens and strings that form no cycles; collecting every
    # 700 allocations cost a large build a sixth of its time.
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


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
    from qapress.render.templates import TEMPLATE_DIR

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
    small = not is_large(map(source_size, sources))
    if small and (parallel.workers(jobs) < 2 or all(output.loaded for output in outputs)):
        yield partial(render, outputs=outputs, jobs=1)
    elif small:
        shares = share_out(outputs, parallel.workers(jobs), here=PARSING)
        with parallel.Ahead([partial(_load_share, share) for share in shares]) as ahead:
            yield lambda documents, settings: _files(
                files
                for share in ahead.run(documents, settings, _rendered(documents, outputs))
                for files in share
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
    items = sum(len(document.items) for document in documents)
    _prepare(_requests(documents, outputs), jobs if items >= PARALLEL_ITEMS else 1)
    calls = [partial(_load_and_render, output, documents, settings) for output in outputs]
    return _files(parallel.run(calls) if parallel.workers(jobs) > 1 else [call() for call in calls])


def _prepare(requests: Sequence[Request], jobs: int) -> None:
    """Render answers and questions ahead of the renderers, over ``jobs`` processes (0: every core)."""
    from qapress import markup

    # A text shown in several flavours stays in one part, so that it is parsed once.
    texts: dict[tuple[str, bool], list[Request]] = {}
    for request in markup.unrendered(requests):
        texts.setdefault(request[:2], []).append(request)
    parts = parallel.split(list(texts.values()), parallel.workers(jobs), lambda t: len(t[0][0]))
    calls = [partial(_render_part, part) for part in parts]
    for done in parallel.run(calls):
        markup.absorb(done)


def _render_part(texts: Sequence[Sequence[Request]]) -> Renderings:
    from qapress import markup

    return markup.rendered(request for requests in texts for request in requests)


def _rendered(documents: Sequence[Document], outputs: Sequence[Output]) -> Renderings:
    """Render what this process has not, and return every rendering the outputs show, for the
    processes forked before the reader rendered words of its own."""
    from qapress import markup

    requests = _requests(documents, outputs)
    markup.rendered(markup.unrendered(requests))
    return markup.kept(requests)


def _requests(documents: Sequence[Document], outputs: Sequence[Output]) -> list[Request]:
    """Return every item's answer and question in each flavour the outputs show."""
    from qapress.render.markdown import requests

    return requests(documents, _flavours(outputs))


def _requests_by_document(
    documents: Sequence[Document], outputs: Sequence[Output]
) -> list[tuple[Document, list[Request]]]:
    from qapress.render.markdown import requests_by_document

    return requests_by_document(documents, _flavours(outputs))


def _flavours(outputs: Sequence[Output]) -> list[Flavour]:
    from qapress.render.markdown import FLAVOURS

    return [FLAVOURS[name] for name in dict.fromkeys(o.flavour for o in outputs if o.flavour)]


def _load_share(share: Sequence[Output]) -> Callable[..., list[Files]]:
    """Load a share of the outputs; return what renders them, given the Markdown rendered."""
    renderers = [output.ready() for output in share]

    def render_share(
        documents: Sequence[Document], settings: Settings, rendered: Renderings
    ) -> list[Files]:
        from qapress import markup

        markup.absorb(rendered)
        return [renderer(documents, settings) for renderer in renderers]

    return render_share


def _load_and_render(output: Output, documents: Sequence[Document], settings: Settings) -> Files:
    return output.load()(documents, settings)


def _files(outputs: Iterable[Files]) -> Files:
    files: Files = {MARKER: MARKER_TEXT}
    for output in outputs:
        files.update(output)
    return files
