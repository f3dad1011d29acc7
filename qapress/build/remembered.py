"""What a build read and rendered of each source, kept in the user's cache folder for the next.

A source whose bytes, tags file, date, name and reading options are all unchanged is not parsed
again: its document and its warnings come back as they were read. Every rendering of its Markdown
is kept beside it under what the rendering depends on (the text and how it is shown), so that a
document with one answer edited parses again but renders only that answer anew.

Both are kept under the fingerprint of the code that made them: our modules and the libraries
that read and render Markdown, by their files' sizes and dates, as Python keeps its ``.pyc``
files. An edit or an upgrade of either starts afresh. An entry that cannot be read, whatever is
wrong with it, is only work to do again; a folder that cannot be written costs the work next time.
Entries are loaded only from files the user owns, in a folder only the user may open.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from qapress.items import Document
from qapress.problems import Problem
from qapress.render import cache

if TYPE_CHECKING:
    from qapress.markup import Renderings, Request
    from qapress.read.survey import Reference

T = TypeVar("T")

FORMAT = 1
"""Raised whenever what an entry holds changes shape."""
LIBRARIES = ("markdown_it", "mdit_py_plugins", "linkify_it", "mdurl", "nh3", "math_core", "pygments")
"""The libraries whose versions change what a document reads as or renders to."""
KEPT_DAYS = 30
"""Entries not written for this long are removed when a new one is written."""
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Reading:
    """A source as read, before its pictures are: the document, its warnings, what it shows."""

    document: Document
    warnings: tuple[Problem, ...]
    """What the reader and the tags file found, in their order."""
    refused: tuple[Problem, ...]
    """Formulas that cannot be typeset, placed by line among the pictures' problems."""
    references: tuple[Reference, ...]
    """The pictures the document names, read from its folder on every build."""


@functools.cache
def fingerprint() -> bytes:
    """Return a digest of the code a reading or a rendering depends on."""
    from importlib.util import find_spec

    digest = hashlib.blake2b(f"{FORMAT} {sys.version}".encode(), digest_size=16)
    files = sorted(_modules(_PACKAGE))
    for name in LIBRARIES:
        spec = find_spec(name)
        files.append(spec.origin if spec and spec.origin else name)
    for file in files:
        try:
            stat = os.stat(file)
        except OSError:
            digest.update(f"{file} -\n".encode())
            continue
        digest.update(f"{file} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.digest()


def _modules(folder: Path) -> Iterable[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                yield entry.path
            elif entry.is_dir() and entry.name != "__pycache__":
                yield from _modules(Path(entry.path))


def reading_key(path: str, style: str | None, modified: int, contents: bytes, tags: bytes | None) -> bytes:
    """Return what a reading of a source depends on, as a digest."""
    digest = hashlib.blake2b(fingerprint(), digest_size=20)
    for part in (path.encode(), str(style).encode(), str(modified).encode(), contents):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    digest.update(b"-" if tags is None else len(tags).to_bytes(8, "big") + tags)
    return digest.digest()


def recall_reading(source: Path, key: bytes) -> Reading | None:
    """Return the reading kept under ``key`` for ``source``, or None."""
    found = _load(_entry(source, "read"))
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key and isinstance(found[1], Reading):
        return found[1]
    return None


def keep_reading(source: Path, key: bytes, reading: Reading) -> None:
    """Keep a source's reading for the next build."""
    _store(_entry(source, "read"), (key, reading))


Recalled = dict[str, "Renderings"]
"""The renderings recalled, by source path as the user named it."""


def recall_renderings(sources: Sequence[Path]) -> Recalled:
    """Hand ``markup`` every rendering kept for ``sources``; return them, by source."""
    from qapress import markup

    recalled: Recalled = {}
    for source in sources:
        found = _load(_entry(source, "html"))
        if isinstance(found, tuple) and len(found) == 2 and found[0] == fingerprint():
            recalled[str(source)] = found[1]
            markup.absorb(found[1])
    return recalled


def keep_renderings(wanted: Iterable[tuple[Document, Sequence[Request]]], recalled: Recalled) -> None:
    """Keep each document's renderings for the next build, unless they are those recalled."""
    from qapress import markup

    for document, requests in wanted:
        html, words = markup.kept(requests)
        before = recalled.get(document.path)
        # The same keys mean the same renderings: each is a function of its key and the code.
        if before is None or html.keys() != before[0].keys() or words.keys() != before[1].keys():
            _store(_entry(Path(document.path), "html"), (fingerprint(), (html, words)))


def _entry(source: Path, kind: str) -> Path:
    # Named by the code too, so that two installs building the same source keep one each.
    where = hashlib.blake2b(os.fsencode(source.resolve()), key=fingerprint(), digest_size=16)
    return cache.folder("documents") / f"{where.hexdigest()}.{kind}"


def _load(path: Path) -> Any:
    try:
        with open(path, "rb") as file:
            if hasattr(os, "getuid") and os.fstat(file.fileno()).st_uid != os.getuid():
                return None  # written by someone else: not ours to trust
            return pickle.load(file)
    except Exception:  # noqa: BLE001 - an entry that cannot be read is work to do again
        return None


def _store(path: Path, value: object) -> None:
    if not path.exists():
        _forget_old(path.parent)
    cache.write_bytes(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), private=True)


def _forget_old(folder: Path) -> None:
    """Remove entries no build has written for ``KEPT_DAYS``: sources gone, code replaced."""
    oldest = time.time() - KEPT_DAYS * 86_400
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < oldest:
                    os.unlink(entry.path)
