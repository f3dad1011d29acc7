"""The print page read back as HTML: every item whole, untrusted text inert, nothing to fetch."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from qapress.items import Document, Item
from qapress.markup import inline_text, plain_text
from qapress.render import paths
from qapress.render.sheet.page import css_escape, render_sheets, stylesheet_file
from qapress.settings import Paper, Settings

STAMP = 1_700_000_000
"""2023-11-14 22:13:20 UTC."""
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
"""Elements without an end tag, which must not stay on the stack of open elements."""


@dataclass
class PrintedItem:
    """An item as the print page shows it."""

    number: str = ""
    question: str = ""
    answer: str = ""
    tags: list[str] = field(default_factory=list)


class SheetReader(HTMLParser):
    """Collect the items, the page's head and every tag name from a print page."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[PrintedItem] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.title_block = ""
        self._open: list[str] = []
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag in VOID:
            return
        role = attributes.get("class", "")
        if tag == "article" and role == "item":
            self.items.append(PrintedItem())
        if role in ("number", "text", "answer", "title-block", "tags"):
            self._parts.append("")
        self._open.append(role if role else tag)

    def handle_endtag(self, tag: str) -> None:
        role = self._open.pop()
        if role == "tags":
            self.items[-1].tags = self._parts.pop().split(" · ")
        elif role == "title-block":
            self.title_block = self._parts.pop()
        elif role in ("number", "text", "answer"):
            setattr(self.items[-1], {"text": "question"}.get(role, role), self._parts.pop())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self._parts = [part + data for part in self._parts]


def words(text: str) -> str:
    """Return ``text`` with its runs of whitespace folded to single spaces."""
    return " ".join(text.split())


def read_sheet(document: Document, settings: Settings | None = None) -> SheetReader:
    """Render a document's print page and parse it back."""
    files = render_sheets([document], settings or Settings(stamp=STAMP))
    reader = SheetReader()
    reader.feed(files[paths.sheet_file(document)].decode())
    reader.close()
    return reader


def hostile_document() -> Document:
    """Return a document whose every field tries to inject markup, script or CSS."""
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    item = Item(
        number=1,
        question=f"Is {evil} shown as text?",
        answer=f"{evil}\n\n```python\nprint('<b>')\n```\n\n| a | b |\n|---|---|\n| <i>1</i> | 2 |",
        tags=("evil", 'x"}</style><script>'),
        id="evil",
        line=3,
    )
    title = '"; } body { display: none } </style><script>alert(3)</script>'
    return Document(path="evil.md", slug="evil", title=title, items=(item,))


def test_every_item_reads_back_as_in_the_source(autoencoders: Document) -> None:
    printed = read_sheet(autoencoders).items
    assert len(printed) == len(autoencoders.items) == 100
    for item, shown in zip(autoencoders.items, printed, strict=True):
        assert shown.number == f"Q{item.number}."
        assert words(shown.question) == words(inline_text(item.question))
        assert words(shown.answer) == words(plain_text(item.answer))
        assert shown.tags == list(item.tags[1:])
        assert shown.tags, f"Q{item.number} shows no topic"


def test_title_block_names_the_document_its_size_and_build_date(autoencoders: Document) -> None:
    block = words(read_sheet(autoencoders).title_block)
    assert block == f"{autoencoders.title} 100 questions · built 2023-11-14"


def test_page_runs_no_script_and_loads_only_its_own_stylesheet(autoencoders: Document) -> None:
    elements = read_sheet(autoencoders).elements
    assert not [tag for tag, _ in elements if tag in ("script", "iframe", "object", "embed")]
    csp = "Content-Security-Policy"
    policies = [a["content"] for _, a in elements if a.get("http-equiv") == csp]
    assert len(policies) == 1
    assert "default-src 'none'" in policies[0] and "script-src" not in policies[0]
    links = [a["href"] for tag, a in elements if tag == "link"]
    assert links == [stylesheet_file(autoencoders).rsplit("/", 1)[1]]


def test_hostile_document_shows_as_text() -> None:
    document = hostile_document()
    files = render_sheets([document], Settings(stamp=STAMP))
    reader = read_sheet(document)
    assert [tag for tag, _ in reader.elements].count("script") == 0
    assert not [a for _, a in reader.elements if any(k.startswith("on") for k in a)]
    shown = reader.items[0]
    assert "<script>alert(1)</script>" in shown.question
    assert 'onerror="alert(2)"' in shown.answer
    assert "print('<b>')" in shown.answer and "<i>" not in shown.answer
    assert ("i", {}) in reader.elements  # an allowed tag, every attribute dropped
    assert shown.tags == ['x"}</style><script>']
    css = files[stylesheet_file(document)].decode()
    assert "</style>" not in css and "display: none" not in css


@pytest.mark.parametrize(
    "title", ["Plain", 'a "quoted" \\ title', "Q&A (1–100)", "1 2\n3", "\\0000ff AB 12"]
)
def test_css_escape_keeps_every_character(title: str) -> None:
    def unescape(css: str) -> str:
        return re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m[1], 16)), css)

    escaped = css_escape(title)
    assert unescape(escaped) == title
    assert re.fullmatch(r"[A-Za-z0-9 \\]*", escaped)


@pytest.mark.parametrize(("paper", "size"), [("a4", "size: A4;"), ("letter", "size: letter;")])
def test_stylesheet_sets_the_chosen_paper(autoencoders: Document, paper: Paper, size: str) -> None:
    settings = Settings(stamp=STAMP, paper=paper)
    css = render_sheets([autoencoders], settings)[stylesheet_file(autoencoders)].decode()
    assert size in css
    assert 'counter(page) " of " counter(pages)' in css
    assert ".item {\n  break-inside: avoid;" in css


def test_one_page_and_one_stylesheet_per_document(autoencoders: Document) -> None:
    other = Document(path="b.md", slug="b", title="B", items=autoencoders.items[:2])
    files = render_sheets([autoencoders, other], Settings(stamp=STAMP))
    assert sorted(files) == [
        "print/autoencoders.css", "print/autoencoders.html", "print/b.css", "print/b.html"
    ]


def test_text_says_its_direction() -> None:
    arabic = Item(1, "ما هو المشفر الذاتي؟", "**مشفر ذاتي** يضغط ثم يعيد البناء.", ("d",), "ar", 3)
    english = Item(2, "What is it?", "An autoencoder, مشفر ذاتي in Arabic.", ("d",), "en", 5)
    document = Document(path="d.md", slug="d", title="Scripts", items=(arabic, english))
    page = render_sheets([document], Settings(stamp=STAMP))[paths.sheet_file(document)].decode()
    directions = re.findall(r'class="(text|answer)" dir="(\w+)"', page)
    assert directions == [("text", "rtl"), ("answer", "rtl"), ("text", "auto"), ("answer", "auto")]


@pytest.mark.parametrize(
    ("question", "setting", "expected"),
    [("什么是自编码器？", None, "zh"), ("Что такое кодировщик?", None, "ru"),
     ("What is an encoder?", None, "en"), ("什么是自编码器？", "zh-Hant", "zh-Hant")],
)
def test_the_page_says_the_documents_language(question: str, setting: str | None, expected: str) -> None:
    item = Item(1, question, "…", ("d",), "q", 3)
    document = Document(path="d.md", slug="d", title="Notes", items=(item,))
    page = render_sheets([document], Settings(stamp=STAMP, lang=setting))[paths.sheet_file(document)]
    assert f'<html lang="{expected}">' in page.decode()
