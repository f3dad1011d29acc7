"""The chooser as a property: N questions in any style, among noise, read back as those N."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from qapress.read.document import parse_document

Pair = tuple[str, str]


def _headings(pairs: list[Pair]) -> str:
    return "\n".join(f"### Q{n}. {q}\n{a}\n\n**[⬆ Back to top](#top)**\n" for n, (q, a) in enumerate(pairs, 1))


def _unnumbered(pairs: list[Pair]) -> str:
    return "\n".join(f"### {q}\n\n{a}\n\n---\n" for q, a in pairs)


def _bold(pairs: list[Pair]) -> str:
    return "\n".join(f"**{q}**\n\n{a}\n" for q, a in pairs)


def _labels(pairs: list[Pair]) -> str:
    return "\n".join(f"Q: {q}\nA: {a}\n" for q, a in pairs)


def _details(pairs: list[Pair]) -> str:
    return "\n".join(f"<details>\n<summary>{q}</summary><br><b>\n\n{a}\n</b></details>\n" for q, a in pairs)


def _list(pairs: list[Pair]) -> str:
    # The answer is indented to the item's text, however wide its number.
    return "\n".join(f"{n}. {q}\n\n{' ' * len(f'{n}. ')}{a}\n" for n, (q, a) in enumerate(pairs, 1))


def _table(pairs: list[Pair]) -> str:
    return "| Question | Answer |\n|---|---|\n" + "".join(f"| {q} | {a} |\n" for q, a in pairs)


def _admonitions(pairs: list[Pair]) -> str:
    return "\n".join(f'!!! question "{q}"\n    {a}\n' for q, a in pairs)


STYLES: list[Callable[[list[Pair]], str]] = [
    _headings, _unnumbered, _bold, _labels, _details, _list, _table, _admonitions,
]
BEFORE = [
    "---\ntitle: Notes\ntags: [a]\n---\n",
    "import Box from './box';\n",
    "[![badge](https://example.org/b.svg)](https://example.org)\n",
    "## Contents\n\n- [First](#first)\n- [Second](#second)\n",
]
AFTER = [
    "## References\n\n- [A book](https://example.org/book)\n- [A paper](https://example.org/paper)\n",
    "## Licence\n\nShared under a permissive licence.\n",
]
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_PAIR = st.tuples(_WORD.map(lambda w: f"What is {w}?"), _WORD.map(lambda w: f"It is {w}."))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_PAIR, min_size=1, max_size=12),
    st.sampled_from(STYLES),
    st.lists(st.sampled_from(range(len(BEFORE))), unique=True).map(sorted),
    st.lists(st.sampled_from(AFTER), max_size=2, unique=True),
)
def test_questions_in_any_style_among_noise_read_back_as_written(
    pairs: list[Pair], style: Callable[[list[Pair]], str], before: list[int], after: list[str]
) -> None:
    noise = [BEFORE[i] for i in before]
    text = "\n".join([*noise, "# Title\n", style(pairs), *after])
    document, _ = parse_document(text, "made.md", "made")
    assert [(i.question, i.answer) for i in document.items] == pairs


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STYLES), st.lists(_PAIR, min_size=2, max_size=5)), min_size=2, max_size=4))
def test_a_document_whose_sections_change_style_is_read_section_by_section(
    sections: list[tuple[Callable[[list[Pair]], str], list[Pair]]],
) -> None:
    parts = [f"## Part {n}\n\n{style(pairs)}" for n, (style, pairs) in enumerate(sections, 1)]
    document, _ = parse_document("# Mixed\n\n" + "\n".join(parts), "mixed.md", "mixed")
    assert [(i.question, i.answer) for i in document.items] == [p for _, pairs in sections for p in pairs]
