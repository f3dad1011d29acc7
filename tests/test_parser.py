"""The parser against golden fixtures, encodings, and arbitrary text."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import AUTOENCODERS, FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from qapress import ids
from qapress.items import STYLES, Document
from qapress.problems import SourceError
from qapress.read.document import parse_document
from qapress.read.rules import RULES
from qapress.read.source import decode_source

CASES = sorted((FIXTURES / "parse").glob("*.md"))


def _parse(text: str, name: str) -> dict[str, Any]:
    """Return what the parser makes of ``text`` in the shape of the golden files."""
    slug = Path(name).stem.replace("_", "-")
    try:
        document, warnings = parse_document(text, name, slug)
    except SourceError as error:
        return {"errors": [str(p) for p in error.problems]}
    # Card types and deck names show only where a fixture sets them.
    items = [_shown(dataclasses.asdict(i) | {"tags": list(i.tags)}) for i in document.items]
    deck = {"deck": document.deck} if document.deck else {}
    return {"title": document.title, **deck, "style": document.style, "items": items, "warnings": [str(w) for w in warnings]}


def _shown(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key != "card" or value}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path) -> None:
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    assert _parse(case.read_text(encoding="utf-8"), case.name) == expected


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode(),
        lambda text: b"\xef\xbb\xbf" + text.encode(),
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
        lambda text: text.replace("\n", "\r").encode(),
    ],
    ids=["lf", "bom-lf", "crlf", "bom-crlf", "cr"],
)
def test_bom_and_line_endings_give_the_same_items(encode: Any) -> None:
    text = (FIXTURES / "parse" / "basic.md").read_text(encoding="utf-8")
    decoded = decode_source(encode(text), "basic.md")
    assert _parse(decoded, "basic.md") == _parse(text, "basic.md")


def test_invalid_utf8_names_the_byte_and_line() -> None:
    data = "# T\n\n### Q1. Café?\nOui.\n".encode() + b"\xff bad\n"
    with pytest.raises(SourceError) as caught:
        decode_source(data, "bad.md")
    offset = data.index(b"\xff")
    assert [str(p) for p in caught.value.problems] == [
        f"bad.md:5: not valid UTF-8 at byte {offset} (0xff); save the file as UTF-8"
    ]


def test_invalid_utf8_after_a_bom_counts_the_bom() -> None:
    with pytest.raises(SourceError, match="at byte 4 "):
        decode_source(b"\xef\xbb\xbf#\xc3(", "bad.md")


def _autoencoders() -> Document:
    text = decode_source(AUTOENCODERS.read_bytes(), str(AUTOENCODERS))
    document, warnings = parse_document(text, str(AUTOENCODERS), "autoencoders")
    assert warnings == ()
    return document


def test_autoencoders_has_all_hundred_items_in_order() -> None:
    document = _autoencoders()
    assert document.title == "Autoencoders (AE) Interview Questions & Answers (1–100)"
    assert [i.number for i in document.items] == list(range(1, 101))
    assert len({i.id for i in document.items}) == 100
    assert document.items[30].question == "What is β-VAE?"
    assert document.items[30].id == "what-is-β-vae"
    assert document.items[59].answer == (
        "- **AE**: Minimizes reconstruction error.  \n"
        "- **GAN**: Trains generator vs discriminator adversarially."
    )
    assert document.items[-1].line == 504


def test_ids_ignore_answers_numbers_and_case() -> None:
    before = parse_document("### Q1. What is X?\nOld.\n", "a.md", "a")[0].items[0]
    after = parse_document("### Q9. what  is x?\nNew answer.\n", "a.md", "a")[0].items[0]
    assert before.id == after.id == "what-is-x"


def test_an_answer_may_end_in_a_code_block() -> None:
    text = "### Q1. Show code?\n```python\nx = 1\n```\n"
    (item,) = parse_document(text, "a.md", "a")[0].items
    assert item.answer == "```python\nx = 1\n```"


def test_long_questions_keep_short_unique_ids() -> None:
    stem = "What is the difference between " + "a very long clause and " * 5
    text = f"### Q1. {stem}one?\nA.\n\n### Q2. {stem}two?\nB.\n"
    first, second = parse_document(text, "a.md", "a")[0].items
    assert first.id != second.id
    assert max(len(first.id), len(second.id)) <= 72


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["### Q1. A?", "### Q2. B?", "### Q2.", "---", "```", "# T", "## S", "## Why?",
                 "**Q1: A?**", "**B?**", "A: x", "<br>", "<details>", "<summary>S</summary>",
                 "</details>", "## Question 3", "<!-- id: x -->", "<!-- tags: a::b -->",
                 "TBD", "text", "", "    code", "> quote", "- item", "Text\n---"]
            ),
            st.text(max_size=30),
        ),
        max_size=30,
    )
)
def test_any_text_parses_or_raises_the_user_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        document, _ = parse_document(text, "fuzz.md", "fuzz")
    except SourceError as error:
        assert error.problems and all(p.path == "fuzz.md" and p.line >= 1 for p in error.problems)
        return
    assert document.items
    assert len({i.id for i in document.items}) == len(document.items)
    assert all(i.question.strip() and i.answer.strip() for i in document.items)


@given(st.text(max_size=40))
def test_derived_ids_never_hold_a_double_hyphen(question: str) -> None:
    # The site names a clashing item "<slug>--<id>", which must never be a derived id.
    assert "--" not in ids.derive_id(question)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_questions_fold_as_unicode_ones_do(question: str) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", question.casefold())
    general = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
    assert ids.normalise(question) == general


def test_question_numbers_run_to_six_digits() -> None:
    document, _ = parse_document("### Q99999. Before?\nYes.\n\n### Q100000. Big?\nYes.\n", "big.md", "big")
    assert [item.number for item in document.items] == [99999, 100000]
    # Seven digits are no number: the heading is read as an unnumbered question, words and all.
    (item,) = parse_document("### Q1234567. Too long?\nNo.\n", "long.md", "long")[0].items
    assert (item.number, item.question) == (1, "Q1234567. Too long?")


def test_every_style_has_its_rule() -> None:
    assert tuple(RULES) == STYLES
