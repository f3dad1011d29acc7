"""The output folder: checked, written whole beside the old one, then swapped in for it."""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path

from qapress.build.exchange import exchange
from qapress.problems import UserError
from qapress.render.paths import Files

MARKER = ".qapress"
"""A file in every output folder we write, so we never replace a folder we did not make."""
MARKER_TEXT = b"Written by qapress; the next build replaces this folder.\n"


def checked_out(out: Path, inputs: Iterable[Path] = ()) -> Path:
    """Return where ``out`` resolves; refuse a folder the build must not replace.

    ``inputs`` are the files the build reads, none of which may lie inside the output folder.
    """
    try:
        return _checked(out, inputs)
    except OSError as error:
        raise fault(out, error) from None


def _checked(out: Path, inputs: Iterable[Path]) -> Path:
    for link in (out, *out.parents):
        if link.is_symlink() and not link.exists():
            raise UserError(
                f"{link}: is a link to {os.readlink(link)}, which does not exist "
                "(remove the link, or choose another --out)"
            )
    resolved = out.resolve()
    for path in inputs:
        if path.resolve().is_relative_to(resolved):
            raise UserError(
                f"{path}: is inside the output folder {out}, which the build replaces "
                "(move it out, or choose another --out)"
            )
    for place in (resolved, *resolved.parents):
        if place.exists() and not place.is_dir():
            which = "" if place == resolved else f"{place} "
            raise UserError(f"{out}: {which}is a file, not a folder (choose another --out)")
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / MARKER).exists():
        raise UserError(
            f"{out}: refusing to replace a folder this tool did not write "
            "(empty it, or choose another --out)"
        )
    return resolved


def replace_folder(out: Path, files: Files, inputs: Iterable[Path] = ()) -> None:
    """Write ``files`` into a fresh folder beside ``out``, then swap it in for ``out``.

    A file-system fault (no room, no permission, a read-only disk) is a ``UserError`` naming the
    path and the cause, and leaves ``out`` as it was.
    """
    target = checked_out(out, inputs)
    # mkdir, not mkdtemp: the folder is the user's output and follows their umask.
    fresh = target.with_name(f".{target.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    spare = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(target)
        fresh.mkdir()
    except OSError as error:
        raise fault(out, error) from None
    try:
        for name, data in files.items():
            _write(fresh / name, data, out / name)
        exchange(fresh, target, spare)
    except OSError as error:
        raise fault(out, error) from None
    finally:
        # After a swap, the fresh folder's name holds the previous output.
        shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(spare, ignore_errors=True)


def _write(path: Path, data: bytes, shown: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        # A failed write names no file; the message names the one the user would see.
        raise OSError(error.errno, error.strerror or str(error), str(shown)) from None


def fault(out: Path, error: OSError) -> UserError:
    """Return the user's view of a file-system fault while writing ``out``."""
    where = error.filename if isinstance(error.filename, str) and error.filename else out
    if ".new-" in str(where) or ".old-" in str(where):
        where = out  # our working copies mean nothing to the user
    cause = error.strerror or str(error)
    return UserError(f"{where}: cannot write the output ({cause}); {out} is as it was")


def clear_leftovers(out: Path) -> list[Path]:
    """Remove the fresh and old copies of ``out`` that a crashed build of ours left beside it."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:new|old)-(\d+)(?:-[0-9a-f]+)?")
    removed: list[Path] = []
    for path in out.parent.iterdir():
        match = pattern.fullmatch(path.name)
        if not match or not path.is_dir() or path.is_symlink() or _alive(int(match[1])):
            continue
        # Ours only: our marker is the first file written, so a folder without it is empty.
        if (path / MARKER).is_file() or not any(path.iterdir()):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    """Say whether process ``pid`` may still be building (a folder it writes is not stale)."""
    if pid == os.getpid():
        return False
    if os.name != "posix":
        return True  # no harmless way to ask there, so leave the folder alone
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True
    return True
