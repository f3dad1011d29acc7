"""The missing-font warning: named once per script, at its first use, and never a process for Latin."""

from __future__ import annotations

import shutil

import pytest
from conftest import need

from qapress.build import glyphs
from qapress.items import Document, Item


def document(*answers: str) -> Document:
    """Return a document with one item per answer, item n on line 10 n."""
    items = tuple(
        Item(n, f"Question {n}?", answer, ("d",), f"q{n}", 10 * n)
        for n, answer in enumerate(answers, start=1)
    )
    return Document(path="notes.md", slug="notes", title="Notes", items=items)


def test_latin_greek_and_cyrillic_ask_fontconfig_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_: str) -> bool:
        raise AssertionError("fontconfig asked about a script every install covers")

    monkeypatch.setattr(glyphs, "has_font_for", refuse)
    assert glyphs.missing_fonts([document("Plain text, café, λ and ж.")]) == []


def test_each_script_without_a_font_is_named_once_where_first_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(glyphs, "has_font_for", lambda c: c != "自")
    found = glyphs.missing_fonts([document("English.", "自编码器", "又是自编码器", "مشفر")])
    assert [str(p) for p in found] == [
        "notes.md:20: no installed font has Chinese characters: apt-get install fonts-noto-cjk"
    ]


def test_fontconfig_finds_a_font_for_latin() -> None:
    need(shutil.which("fc-list") is not None, "needs fontconfig (apt-get install fontconfig)")
    assert glyphs.has_font_for("A")
