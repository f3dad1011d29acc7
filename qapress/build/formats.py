"""Picture formats, told from a file's first bytes, with the pixel size its header states.

Read here rather than by an imaging library: the default build needs no Pillow, and a header
says how large a picture is before anything decodes it.
"""

from __future__ import annotations

import re
import struct

KINDS = ("png", "jpg", "gif", "webp", "svg")
"""Formats every output can show, by their usual file extension."""
_SVG_ACTIVE = re.compile(rb"<script|<foreignobject|javascript:|\son[a-z]+\s*=", re.IGNORECASE)
"""What lets an SVG run code when it is opened on its own; each alternative is a plain run of
characters, so the search is linear."""


def kind_of(data: bytes) -> str | None:
    """Return ``data``'s format (one of ``KINDS``), or None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in head:
        return "svg"
    return None


def is_active(svg: bytes) -> bool:
    """Say whether an SVG holds scripts, event handlers or embedded HTML."""
    return _SVG_ACTIVE.search(svg) is not None


def pixel_size(data: bytes, kind: str) -> tuple[int, int]:
    """Return the width and height a picture's header states; (0, 0) where it states none."""
    if kind == "png" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if kind == "gif" and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if kind == "webp" and len(data) >= 30:
        return _webp_size(data)
    if kind == "jpg":
        return _jpeg_size(data)
    return 0, 0


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    return 0, 0


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Walk the segments to the frame header: each step skips a whole segment, so it is linear."""
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return 0, 0
        marker = data[at + 1]
        if marker in (0xD8, 0x01, 0xFF) or 0xD0 <= marker <= 0xD7:
            at += 1 if marker == 0xFF else 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        at += 2 + int.from_bytes(data[at + 2:at + 4], "big")
    return 0, 0
