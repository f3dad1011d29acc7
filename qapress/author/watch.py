"""The author loop: build, then rebuild on every save of a source or its tags file.

A failed rebuild prints its problems and leaves the output folder as the last good build left it,
because the build replaces that folder only on success.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from qapress.build.outputs import load_all
from qapress.build.sources import TAGS_SUFFIX, tags_file
from qapress.problems import printable

TICK_MS = 100
"""How often the watcher wakes when nothing changes."""
Build = Callable[[], int]
"""One build; returns the exit status the command line would."""


def is_source(path: Path, named: Sequence[Path], out: Path) -> bool:
    """Say whether a change to ``path`` can change the build of ``named``."""
    if path.suffix != ".md" and not path.name.endswith(TAGS_SUFFIX):
        return False
    resolved, outputs = path.resolve(), out.resolve()
    if resolved.is_relative_to(outputs.parent):
        # The output folder, and the fresh and old copies the build swaps beside it.
        top = resolved.relative_to(outputs.parent).parts[0]
        if top == outputs.name or top.startswith(f".{outputs.name}."):
            return False
    for source in named:
        source = source.resolve()
        if source.is_dir() and resolved.is_relative_to(source):
            return True
        tags = tags_file(source)
        if resolved in (source, tags):
            return True
    return False


def rebuild(build: Build) -> bool:
    """Run one build; report a crash instead of ending the loop; say whether it succeeded."""
    try:
        return build() == 0
    except Exception:  # noqa: BLE001 - a bug in one build must not end the author's session
        traceback.print_exc()
        return False


def watched_folders(named: Sequence[Path]) -> list[Path]:
    """Return the folders to watch: editors often save by replacing a file, not writing it."""
    folders = [p if p.is_dir() else p.resolve().parent for p in named]
    return list(dict.fromkeys(f.resolve() for f in folders))


def watch(
    named: Sequence[Path],
    out: Path,
    build: Build,
    built: Callable[[], None] = lambda: None,
    stop: threading.Event | None = None,
) -> int:
    """Build, then rebuild after each change until interrupted; call ``built`` after successes."""
    try:
        import watchfiles
    except ImportError:
        print(
            "error: --watch and --serve need watchfiles: pip install -e '.[watch]'", file=sys.stderr
        )
        return 1
    folders = watched_folders(named)
    pending = True
    print(f"watching {printable(', '.join(map(str, named)))} for changes (Ctrl+C stops)", flush=True)
    try:
        # The first build waits for the first tick, when the watcher is already live, so that
        # no save made during that build goes unseen.
        for changes in watchfiles.watch(
            *folders,
            watch_filter=_filter(named, out),
            stop_event=stop,
            rust_timeout=TICK_MS,
            yield_on_timeout=True,
        ):
            if (changes or pending) and rebuild(build):
                built()
            pending = False
    except KeyboardInterrupt:
        pass
    return 0


def _filter(named: Sequence[Path], out: Path) -> Callable[[object, str], bool]:
    def keep(_change: object, path: str) -> bool:
        return is_source(Path(path), named, out)

    return keep


LOOP_FLAGS = ("--watch", "--serve")


def author_loop(
    argv: Sequence[str],
    named: Sequence[Path],
    out: Path,
    serve: bool,
    main: Callable[[list[str]], int],
    stop: threading.Event | None = None,
    pdf: bool = False,
) -> int:
    """Run ``main`` on ``argv`` less the loop's own flags after each save; serve the site too."""
    # Every renderer is loaded before the first build, so that no rebuild waits for a library,
    # and no small rebuild forks processes to load them (see ``build.pipeline.rendering``).
    load_all(pdf)
    once = [arg for arg in argv if arg not in LOOP_FLAGS]
    if not serve:
        return watch(named, out, lambda: main(once), stop=stop)
    from qapress.author.serve import Server
    from qapress.render.paths import SITE_DIR

    # The whole output folder, so that the site's links to the deck and print pages resolve.
    server = Server(out)
    print(f"serving {printable(str(out))} at {server.url}{SITE_DIR}/", flush=True)
    try:
        return watch(named, out, lambda: main(once), server.built, stop)
    finally:
        server.close()
