"""A source file's bytes to its text."""

from __future__ import annotations

from qapress.problems import Problem, SourceError

_BOM = b"\xef\xbb\xbf"


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 with or without a byte order mark."""
    body = data.removeprefix(_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        line = data.count(b"\n", 0, offset) + 1
        message = f"not valid UTF-8 at byte {offset} (0x{data[offset]:02x}); save the file as UTF-8"
        raise SourceError([Problem(path, line, message)]) from None
    return text
