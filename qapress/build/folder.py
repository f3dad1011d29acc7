"""The output folder: written whole beside the old one, then swapped in for it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from qapress.problems import UserError
from qapress.render.paths import Files

MARKER = ".qapress"
"""A file in every output folder we write, so we never replace a folder we did not make."""
MARKER_TEXT = b"Written by qapress; the next build replaces this folder.\n"


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
