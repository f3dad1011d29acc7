"""The build's own layout decisions: which tables fit where, where code wraps, which items may break."""

from __future__ import annotations

import re

import pytest

from qapress.items import Document, Item
from qapress.markup import render_block
from qapress.problems import UserError
from qapress.render.sheet.fit import fit_answer, wrap_code
from qapress.render.sheet.geometry import geometry
from qapress.render.sheet.page import render_sheets
from qapress.settings import Settings

PAGE = geometry(Settings(stamp=0))


def table(columns: int, cell: str) -> str:
    """Return a Markdown table of ``columns`` columns, two rows, every cell ``cell``."""
    head = "| " + " | ".join(f"heading {n}" for n in range(columns)) + " |"
    rule = "|" + "---|" * columns
    return "\n".join([head, rule, *["| " + " | ".join([cell] * columns) + " |"] * 2])


@pytest.mark.parametrize(
    ("columns", "cell", "kind"),
    [
        (2, "short", '<table class="column">'),
        (6, "a-longer-value", '<table class="span">'),
        (10, "a-longer-value", '<table class="span small">'),
        (12, "a-longer-value", '<div class="rows">'),
    ],
    ids=["column", "span", "smaller", "rows"],
)
def test_a_table_takes_the_first_layout_it_fits(columns: int, cell: str, kind: str) -> None:
    fitted, spans = fit_answer(render_block(table(columns, cell)), PAGE)
    assert fitted.startswith(kind)
    assert spans == ("span" in kind)
    if kind == '<div class="rows">':
        assert fitted.count('<span class="key">heading 0:</span> a-longer-value') == 2


def test_one_column_pages_shrink_rather_than_span() -> None:
    wide = geometry(Settings(stamp=0, columns=1))
    fitted, spans = fit_answer(render_block(table(8, "a-longer-value")), wide)
    assert fitted.startswith('<table class="column') and not spans


def test_long_code_lines_wrap_with_a_mark_and_keep_every_character() -> None:
    line = "value = " + " + ".join(f"term_{n}" for n in range(30))
    html = render_block(f"```python\n{line}\nshort = 1\n```")
    code = re.search(r"<code[^>]*>(.*)</code>", html, re.DOTALL)
    assert code is not None
    wrapped = wrap_code(code[1], 40)
    lines = re.findall(r'<span class="line">', wrapped)
    assert len(lines) == 2
    marks = wrapped.count('<span class="wrap" aria-hidden="true"></span>')
    assert marks == len(line) // 39
    text = re.sub(r"<[^>]*>|\n", "", wrapped)
    assert text == line + "short = 1"
    assert wrapped.count("<span") == wrapped.count("</span>")


def test_only_items_taller_than_a_column_may_break() -> None:
    tall = "\n\n".join(f"Paragraph {n} says a good deal about very little." for n in range(90))
    items = (
        Item(1, "Short?", "Yes.", ("d",), "short", 1),
        Item(2, "Tall?", tall, ("d",), "tall", 3),
    )
    page = render_sheets([Document("d.md", "d", "D", items)], Settings(stamp=0))["print/d.html"]
    classes = re.findall(r'<article class="([^"]*)"', page.decode())
    assert classes == ["item", "item long"]


def test_a_topic_no_item_has_is_refused() -> None:
    items = (Item(1, "Short?", "Yes.", ("d", "basics"), "short", 1),)
    with pytest.raises(UserError, match="no question has the topic 'nope'"):
        render_sheets([Document("d.md", "d", "D", items)], Settings(stamp=0, topic="nope"))
