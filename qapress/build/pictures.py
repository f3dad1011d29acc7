"""Reading the pictures a document names: only files inside its folder, of a known format.

A picture is looked for relative to its document and must stay inside the document's folder,
whatever ``..`` or symbolic links it goes through; no other file is ever read. A picture that
cannot be shown is a warning, and stays a plain link in every output.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePath
from urllib.parse import unquote

from qapress.build import formats
from qapress.items import PDF_PIXELS, Picture
from qapress.problems import Problem
from qapress.read.survey import Reference

LARGE = 2 * 1024 * 1024
"""Bytes past which a picture is worth a warning: every output carries a copy."""
LARGEST = 32 * 1024 * 1024
"""Bytes past which a picture is not read at all."""
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_REMOTE = ("http:", "https:", "ftp:", "//")


def read_pictures(
    document_path: Path, references: Sequence[Reference]
) -> tuple[tuple[Picture, ...], list[Problem]]:
    """Return the pictures ``references`` name that can be shown, and a warning for each other."""
    path = str(document_path)
    folder = document_path.parent.resolve()
    pictures: dict[str, Picture] = {}
    problems: list[Problem] = []
    remote: list[Reference] = []
    for reference in references:
        src = reference.src
        if src in pictures or src.startswith("data:"):
            continue
        if src.lower().startswith(_REMOTE):
            remote.append(reference)
            continue
        picture, problem = _read(folder, src)
        if picture is not None:
            pictures[src] = picture
        if problem:
            problems.append(Problem(path, reference.line, f"picture {src!r} {problem}", True))
    if remote:
        problems.append(Problem(path, remote[0].line, _remote_message(len(remote)), True))
    return tuple(pictures.values()), problems


def _remote_message(count: int) -> str:
    pictures = "1 remote picture stays a link" if count == 1 else f"{count} remote pictures stay links"
    return f"{pictures}, since no output fetches anything (save them beside the document to show them)"


def _read(folder: Path, src: str) -> tuple[Picture | None, str]:
    """Return the picture, or None, and what the author should hear about it ("" for nothing)."""
    relative = unquote(src.split("#", 1)[0].split("?", 1)[0])
    if _SCHEME.match(relative) or relative.startswith(("/", "\\")) or not relative:
        return None, "is not a file beside the document, so it stays a link (use a relative path)"
    if PurePath(os.path.normpath(relative)).parts[:1] == ("..",):
        return None, "is outside the document's folder, so it stays a link (move it inside)"
    try:
        found = (folder / relative).resolve(strict=True)
    except (OSError, RuntimeError):
        return None, "is not there, so it stays a link (check the path)"
    if not found.is_relative_to(folder):
        return None, "is outside the document's folder, so it stays a link (move it inside)"
    try:
        if not found.is_file():
            return None, "is not a file, so it stays a link (name a picture)"
        size = found.stat().st_size
        if size > LARGEST:
            return None, f"is {size / 2**20:.0f} MB, too large to copy, so it stays a link (shrink it)"
        data = found.read_bytes()
    except OSError as error:
        return None, f"cannot be read ({error.strerror}), so it stays a link"
    return _picture(src, data)


def _picture(src: str, data: bytes) -> tuple[Picture | None, str]:
    kind = formats.kind_of(data)
    if kind is None:
        return None, "is not a PNG, JPEG, GIF, WebP or SVG picture, so it stays a link"
    if kind == "svg" and formats.is_active(data):
        return None, "is an SVG with scripts or event handlers, so it stays a link (remove them)"
    width, height = formats.pixel_size(data, kind)
    name = f"qa-{hashlib.blake2b(data, digest_size=10).hexdigest()}.{kind}"
    picture = Picture(src, name, data, width, height)
    if width * height > PDF_PIXELS:
        megapixels = width * height / 1e6
        return picture, f"has {megapixels:.0f} megapixels, so the PDF shows it as a link (scale it down)"
    if len(data) > LARGE:
        return picture, f"is {len(data) / 2**20:.1f} MB; every output carries a copy (shrink it)"
    return picture, ""
