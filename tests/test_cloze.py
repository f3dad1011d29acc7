"""Cloze deletions: marks in every output's HTML, Anki's own syntax in the deck."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qapress import cloze
from qapress.markup import render_block, render_inline

CASES = [
    ("{{c1::Lima}}", '<mark class="cloze" data-cloze="1">Lima</mark>', "{{c1::Lima}}"),
    (
        "{{c2::**Black** Sea::a sea}}",
        '<mark class="cloze" data-cloze="2" data-hint="a sea"><strong>Black</strong> Sea</mark>',
        "{{c2::<strong>Black</strong> Sea::a sea}}",
    ),
    ("{{c1::no end", "{{c1::no end", "{{c1::no end"),
    ("{{c01::x}} {{x::y}}", '<mark class="cloze" data-cloze="1">x</mark> {{x::y}}', "{{c1::x}} {{x::y}}"),
    ("`{{c1::code}}`", "<code>{{c1::code}}</code>", "<code>{{c1::code}}</code>"),
    ("{{c1::<b>&}}", '<mark class="cloze" data-cloze="1"><b>&amp;</b></mark>', "{{c1::<b>&amp;</b>}}"),
    ("{{c1::<script>x</script>}}", '<mark class="cloze" data-cloze="1">&lt;script&gt;x&lt;/script&gt;</mark>',
     "{{c1::&lt;script&gt;x&lt;/script&gt;}}"),
]


@pytest.mark.parametrize(("markdown", "html", "anki"), CASES, ids=[c[0] for c in CASES])
def test_a_deletion_is_a_mark_and_anki_gets_its_own_syntax(markdown: str, html: str, anki: str) -> None:
    assert render_inline(markdown) == html
    assert cloze.anki_clozes(render_inline(markdown)) == anki


def test_deletions_do_not_nest_and_each_number_is_a_card() -> None:
    html = render_block("A {{c1::one {{c2::two}} three}} and {{c3::four}}, {{c1::five}}.")
    assert cloze.cloze_numbers(html) == {1, 3}
    assert html.count("<mark") == 3


def test_many_openings_without_an_end_scan_the_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[int] = []
    real = cloze._closing

    def counting(state: Any, start: int) -> int:
        known = state.env.get(cloze._UNCLOSED)
        if known is None or known[0] is not state.src:
            scans.append(start)  # this call looks through the rest of the text
        return real(state, start)

    monkeypatch.setattr(cloze, "_closing", counting)
    html = render_block("{{c1::" * 2_000 + "\n\nand then {{c1::a deletion}} after them")
    assert len(scans) == 2, "one scan per paragraph, not one per opening"
    assert cloze.cloze_numbers(html) == {1}


@given(st.text(alphabet="{}c1:: ab*`\n", max_size=60))
def test_any_text_renders_and_its_marks_become_deletions(text: str) -> None:
    html = render_block(text)
    anki = cloze.anki_clozes(html)
    assert "<mark" not in anki
    assert len(re.findall(r"\{\{c\d+::", anki)) >= len(cloze.cloze_numbers(html))


def test_site_and_sheet_mark_what_a_card_hides() -> None:
    from conftest import FIXTURES

    from qapress.build import sources
    from qapress.render.sheet.page import render_sheets
    from qapress.render.site.page import render_site
    from qapress.settings import Settings

    document = sources.gather([FIXTURES / "parse" / "card_types.md"]).documents[0]
    settings = Settings(stamp=1_700_000_000)
    for files in (render_site([document], settings), render_sheets([document], settings)):
        pages = b"".join(data for name, data in files.items() if name.endswith(".html")).decode()
        styles = b"".join(data for name, data in files.items() if name.endswith(".css")).decode()
        assert '<mark class="cloze" data-cloze="1">Black Sea</mark>' in pages
        assert '<mark class="cloze" data-cloze="2" data-hint="a country">Romania</mark>' in pages
        assert "{{c" not in pages and "mark.cloze" in styles
