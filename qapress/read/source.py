"""A source file's bytes to its text."""

from __future__ import annotations

from qapress.problems import Problem, SourceError

_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
"""Byte order marks of the encodings an editor offers besides UTF-8, longest first."""
_SAVE = "save the file as UTF-8"


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 with or without a byte order mark; refuse UTF-16, UTF-32 and binary files."""
    wide = _wide_encoding(data)
    if wide:
        raise SourceError([Problem(path, 1, f"not UTF-8 but {wide}; {_SAVE}")])
    body = data.removeprefix(_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        line = data.count(b"\n", 0, offset) + 1
        message = f"not valid UTF-8 at byte {offset} (0x{data[offset]:02x}); {_SAVE}"
        raise SourceError([Problem(path, line, message)]) from None
    if "\x00" in text:
        # Valid UTF-8, but no text file holds a NUL: a binary file, or a wide encoding
        # whose marks were lost.
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        raise SourceError([Problem(path, line, f"not text: a NUL byte at byte {offset}; {_SAVE}")])
    return text


def _wide_encoding(data: bytes) -> str | None:
    """Name the UTF-16 or UTF-32 encoding of ``data``, told by its mark or its zero bytes."""
    for mark, name in _WIDE_BOMS.items():
        if data.startswith(mark):
            return name
    head = data[:4096]
    if len(head) < 4:
        return None
    # Text in UTF-16 without a mark holds a zero beside nearly every Latin letter; UTF-32, three.
    zeros = head.count(0)
    if zeros >= len(head) * 0.6:
        return "UTF-32"
    if zeros >= len(head) * 0.3:
        return "UTF-16"
    return None
