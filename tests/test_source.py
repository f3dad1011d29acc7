"""Decoding a source: UTF-8 only, and a clear word for the encodings editors offer besides it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qapress.build import sources
from qapress.problems import SourceError
from qapress.read.source import decode_source

TEXT = "# Notes\n\n### Q1. Why?\nBecause.\n"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"),
    ],
)
def test_wide_encodings_are_named_with_or_without_a_mark(encoding: str, name: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode_source(TEXT.encode(encoding), "wide.md")
    assert str(caught.value) == f"wide.md:1: not UTF-8 but {name}; save the file as UTF-8"


def test_a_nul_byte_in_valid_utf8_is_not_text() -> None:
    data = ("x" * 5000 + "\n\n\x00").encode()
    with pytest.raises(SourceError) as caught:
        decode_source(data, "binary.md")
    assert str(caught.value) == "binary.md:3: not text: a NUL byte at byte 5002; save the file as UTF-8"


def test_text_that_is_mostly_ascii_or_not_latin_is_read() -> None:
    for text in (TEXT, "### Q1. Почему?\nПотому что.\n", "### Q1. 为什么？\n因为。\n"):
        assert decode_source(text.encode(), "fine.md") == text


def test_a_device_or_pipe_named_as_a_source_is_refused_unread(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)  # reading it would wait for a writer forever
    for path in (Path("/dev/zero"), pipe):
        with pytest.raises(SourceError) as caught:
            sources.read_document(path)
        assert str(caught.value) == f"{path}:1: not a regular file (name a Markdown file)"
