"""A document with pictures and formulas, in a folder of its own, and files that must stay out.

The folder holds real pictures and hostile ones; beside it lie pictures the document tries to
reach (``../outside.png``, and ``img/linked.png``, a symbolic link out), which must never be read.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

from conftest import FIXTURES
from PIL import Image

SOURCE = FIXTURES / "media" / "pictures.md"
EXPECTED: dict[str, Any] = json.loads((FIXTURES / "media" / "pictures.json").read_text("utf-8"))
PIPELINE_SIZE = (320, 120)
SAFE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="24">'
    '<rect width="120" height="24" fill="teal"/></svg>'
)
SCRIPTED_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="window.pwned=1">'
    "<script>window.pwned=2</script><rect width='40' height='40'/></svg>"
)


def png(size: tuple[int, int], colour: tuple[int, int, int, int]) -> bytes:
    """Return a PNG of one colour, drawn dark lines on transparent where ``colour`` is clear."""
    picture = Image.new("RGBA", size, colour)
    for x in range(0, size[0], 16):
        for y in range(size[1]):
            picture.putpixel((x, y), (20, 20, 20, 255))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def huge_png_header(width: int, height: int) -> bytes:
    """Return a PNG that states a huge size in its header and holds one row: a decode bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 8)) + chunk(b"IEND", b"")


def write_media_folder(root: Path) -> Path:
    """Write the document, its pictures and the files outside its folder; return the document."""
    folder = root / "notes"
    (folder / "img").mkdir(parents=True)
    document = folder / SOURCE.name
    document.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "img" / "pipeline.png").write_bytes(png(PIPELINE_SIZE, (200, 40, 40, 0)))
    (folder / "img" / "bar.svg").write_text(SAFE_SVG, encoding="utf-8")
    (folder / "img" / "scripted.svg").write_text(SCRIPTED_SVG, encoding="utf-8")
    (folder / "img" / "notes.txt").write_text("not a picture", encoding="utf-8")
    (folder / "img" / "huge.png").write_bytes(huge_png_header(6000, 6000))
    (root / "outside.png").write_bytes(png((8, 8), (0, 0, 255, 255)))
    (root / "secret.png").write_bytes(png((9, 9), (0, 255, 0, 255)))
    (folder / "img" / "linked.png").symlink_to(root / "secret.png")
    return document
