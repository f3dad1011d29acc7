"""The command line: ``python build.py [PATH...] [--out DIR]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

from qapress import __version__, language, project
from qapress.build.outputs import chosen
from qapress.items import STYLES, Document
from qapress.problems import Problem, SourceError, UserError, printable
from qapress.progress import Progress
from qapress.settings import Settings
from qapress.sheet_options import add_print_options, print_settings

if TYPE_CHECKING:
    from qapress.render.paths import Files

DEFAULT_SOURCE = Path("source")
DEFAULT_OUT = Path("dist")


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qapress" if Path(sys.argv[0]).name == "qapress" else "build.py",
        # No abbreviations: the author loop strips its own flags from the arguments it re-runs.
        allow_abbrev=False,
        description=(
            "Turn Markdown Q&A documents into an Anki deck, an offline searchable site and a "
            "print cheat sheet. Each document gives one deck, one site section and one print page."
        ),
        epilog=(
            "Options may be kept in a qapress.toml (or pyproject.toml's [tool.qapress]) in this "
            "folder or above, each key spelled as its long option; the command line wins. "
            "Exit status: 0 built, 1 problems in the sources, 2 wrong usage."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="Markdown files or folders of them (default: source/)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
        help="output folder, replaced whole on success and untouched on failure (default: dist/)",
    )
    parser.add_argument(
        "--strict", action="store_true",
        help="treat every warning (gaps in numbering, empty answers...) as an error",
    )
    parser.add_argument(
        "--format", choices=STYLES, metavar="STYLE",
        help=(
            "how questions are written, instead of detecting it per document: heading "
            "(numbered headings such as '### Q1.', '## 1)', '## Question 1'), unnumbered "
            "(headings ending in '?'), bold (bold question lines)"
        ),
    )
    parser.add_argument(
        "--check", action="store_true",
        help="only parse and report each document (items, style, problems); write nothing",
    )
    parser.add_argument(
        "--json", action="store_true", help="with --check, print the report as JSON",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only problems: no progress, no summary",
    )
    parser.add_argument(
        "--watch", action="store_true",
        help="rebuild after every save; a failed rebuild keeps the last good output",
    )
    parser.add_argument(
        "--serve", action="store_true",
        help="like --watch, and serve the site on localhost, reloading the page after each rebuild",
    )
    parser.add_argument(
        "--jobs", type=_jobs, default=0, metavar="N",
        help="processes a build may use (default: one per core; 1 builds in one process)",
    )
    parser.add_argument(
        "--no-cache", action="store_true",
        help="read and render every document afresh, neither using nor keeping what earlier "
        "builds kept in the cache folder",
    )
    parser.add_argument(
        "--pdf", action="store_true",
        help="also write print/<name>.pdf (needs WeasyPrint: pip install -e '.[pdf]')",
    )
    parser.add_argument(
        "--paper", choices=("a4", "letter"), default="a4",
        help="paper size of the print page and PDF (default: a4)",
    )
    add_print_options(parser)
    parser.add_argument(
        "--base-url", type=_base_url, metavar="URL",
        help="where the site will be hosted; each card then links to its item there",
    )
    parser.add_argument(
        "--title", metavar="TEXT",
        help="the site's name (default: the document's title, or the number of documents)",
    )
    parser.add_argument(
        "--lang", type=_language, metavar="TAG",
        help="the documents' language, e.g. de or pt-BR (default: detected from each text)",
    )
    parser.add_argument(
        "--parent-deck", metavar="NAME",
        help="put each document's deck under this Anki deck, e.g. Interview",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the build; return the exit status."""
    parser = _arguments()
    try:
        found = project.find(Path.cwd())
        settings_file = project.load(found, parser) if found else None
    except SourceError as error:
        _report_problems(error.problems)
        return 1
    if settings_file:
        parser.set_defaults(**settings_file.values)
    args = parser.parse_args(argv)
    if args.json and not args.check:
        parser.error("--json goes with --check")
    paths: list[Path] = args.paths or [DEFAULT_SOURCE]
    missing = [printable(str(p)) for p in paths if not p.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.watch or args.serve:
        from qapress.author.watch import author_loop

        return author_loop(argv or sys.argv[1:], paths, args.out, args.serve, main, pdf=args.pdf)
    return _build(parser, args, paths, settings_file)


def run() -> NoReturn:
    """Run the command line and end the process with its exit status."""
    status = main()
    with suppress(OSError):  # a reader that has gone away has had all it wanted
        sys.stdout.flush()
        sys.stderr.flush()
    # Everything is written and closed by now: tearing down every loaded module would take
    # longer than building a small document does.
    os._exit(status)


def _build(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    paths: list[Path],
    settings_file: project.Project | None,
) -> int:
    started = time.perf_counter()
    # Imported only now, so that --help and usage errors answer without loading the parsers.
    from qapress.build.sources import find_sources

    try:
        sources = find_sources(paths)
        if not sources:
            parser.error(f"no Markdown files in {printable(', '.join(map(str, paths)))}")
        if args.check:
            return _check(sources, args, parser, settings_file)
        documents, files = _write(sources, args)
    except SourceError as error:
        _report_problems(error.problems)
        return 1
    except UserError as error:
        print(f"error: {printable(str(error))}", file=sys.stderr)
        return 1
    if not args.quiet:
        _report_outputs(args.out, documents, files, time.perf_counter() - started)
    return 0


def _write(sources: Sequence[Path], args: argparse.Namespace) -> tuple[Sequence[Document], Files]:
    from qapress.build.pipeline import build
    from qapress.build.sources import source_size

    options = partial(
        Settings, base_url=args.base_url, parent_deck=args.parent_deck, paper=args.paper,
        title=args.title, lang=args.lang, **print_settings(args),
    )
    with Progress(sys.stderr, sum(map(source_size, sources)), args.quiet) as progress:

        def warn(problems: Sequence[Problem]) -> None:
            progress.clear()
            _report_problems(problems)

        gathered, files = build(
            sources, args.out, options, chosen(args.pdf), strict=args.strict,
            style=args.format, jobs=args.jobs, remember=not args.no_cache, warn=warn,
            stage=progress.stage,
        )
    return gathered.documents, files


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of processes from 1 up")
    return int(text)


def _base_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"{printable(text)!r} is not an http:// or https:// address, like https://example.org/notes"
        )
    return text


def _language(text: str) -> str:
    if not language.TAG.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{printable(text)!r} is not a language tag, like en, de or pt-BR"
        )
    return text


def _check(
    sources: Sequence[Path],
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    settings_file: project.Project | None,
) -> int:
    from qapress.check import as_json, as_text, check_sources

    results = check_sources(sources, args.format, args.strict)
    about = {
        "version": __version__,
        "project_file": str(settings_file.path) if settings_file else None,
        "settings": project.in_force(args, parser),
    }
    print(as_json(results, about) if args.json else as_text(results, about))
    return 0 if all(r.ok for r in results) else 1


def _report_problems(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _report_outputs(out: Path, documents: Sequence[Document], files: Files, seconds: float) -> None:
    from qapress.render.paths import SITE_DIR, deck_file, pdf_file, sheet_file

    rows: list[tuple[str, int, int]] = []
    for document in documents:
        for name in (deck_file(document), sheet_file(document), pdf_file(document)):
            if name in files:
                rows.append((name, len(document.items), len(files[name])))
    site = [name for name in files if name.startswith(SITE_DIR + "/")]
    if site:
        total = sum(len(d.items) for d in documents)
        rows.append((f"{SITE_DIR}/ ({len(site)} files)", total, sum(len(files[n]) for n in site)))
    width = max(len(printable(str(out / name))) for name, _, _ in rows)
    for name, count, size in sorted(rows):
        print(f"{printable(str(out / name)):<{width}}  {count:>6} items  {size / 1024:>8.1f} KiB")
    noun = "document" if len(documents) == 1 else "documents"
    print(f"built {len(rows)} outputs from {len(documents)} {noun} in {seconds:.2f} s")
