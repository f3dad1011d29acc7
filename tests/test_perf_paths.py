"""Fast paths give what the general paths give: speed must never change an output."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it.token import Token

from qapress import markup
from qapress.flavours import DEFAULT, Context, context
from qapress.read import blocks
from qapress.render.markdown import WEB
from qapress.render.site.search import unicode_words, words

ASCII = st.text(alphabet=st.characters(max_codepoint=127))


@given(ASCII)
def test_ascii_words_are_the_unicode_words(text: str) -> None:
    assert words(text) == unicode_words(text)


def _fresh(markdown: str, block: bool, shown: Context) -> str:
    markup.clear_caches()
    return markup.render_block(markdown, shown) if block else markup.render_inline(markdown, shown)


@given(st.text(), st.booleans())
def test_the_cached_parse_renders_as_a_fresh_one(markdown: str, block: bool) -> None:
    shown = context(WEB, {"p.png": "qa-1.png"}, "q1")
    markup.clear_caches()
    # Words first, as the parser asks for them, then the renderings made ahead for other outputs.
    markup.plain_text(markdown) if block else markup.inline_text(markdown)
    ahead = markup.rendered([(markdown, block, shown), (markdown, block, DEFAULT)])
    cached = [markup.render_block(markdown, s) if block else markup.render_inline(markdown, s)
              for s in (shown, DEFAULT)]
    assert cached == [_fresh(markdown, block, shown), _fresh(markdown, block, DEFAULT)]
    assert set(ahead[0].values()) == set(cached)


@given(st.text(alphabet=st.sampled_from("#>-*`|$ \n\tabc1.")))
def test_the_structure_parse_finds_the_blocks_the_full_parse_finds(text: str) -> None:
    def shape(tokens: list[Token]) -> list[tuple[str, str, object, int]]:
        return [(t.type, t.content, t.map, t.level) for t in tokens]

    assert shape(markup.block_tokens(text)) == shape(list(markup.engine().parse(text)))


_PIECES = st.sampled_from([
    "# Title", "### Q1. One?", "## Part", "---", "***", "- - -", "", "", "text *em*", "- item",
    "  - nested", "  continued", "1. first", "> quote", "```", "~~~", "````", "    indented", "\tcode",
    "| a | b |", "|---|---|", "$$", "x $y$", "[r]: https://example.com", "line", "===", "#tag",
    "<details>", " # indented heading", "+ plus", "$$x$$", "a $$", "> $$", "- $$", "$$ y", "$$a$$ b",
])


@given(st.lists(_PIECES, max_size=40).map("\n".join))
@example("\n# Title\n- item\n")
@example("$$\n\n# Title\n$$")
@example("```\n$$ x\n```\n$$\n\n# Title\nend $$")
def test_a_document_cut_into_parts_has_the_blocks_it_has_whole(text: str) -> None:
    lines = text.split("\n")
    whole = blocks.blocks_of(markup.block_tokens(text))
    for cut in range(1, len(lines)):
        if not blocks._may_cut_before(lines, cut):
            continue
        first, left_open = blocks._part_blocks(lines[:cut], 0, True)
        if not left_open:  # else find_blocks parses the document whole
            assert first + blocks._part_blocks(lines[cut:], cut, False)[0] == whole, cut


@given(st.lists(_PIECES, max_size=40).map("\n".join))
def test_find_blocks_in_parts_finds_the_blocks_of_the_whole(text: str) -> None:
    whole = blocks.blocks_of(markup.block_tokens(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "PARTS_FROM", 0)
        assert blocks.find_blocks(text, parts=3) == whole  # the parts run here, in turn


def test_cuts_fall_before_headings_and_breaks_after_a_blank_line() -> None:
    lines = ["# T", "", "### Q1. A?", "text", "", "---", "", "### Q2. B?", "more", "#tag", "", "## Two"]
    assert blocks.cuts(lines, 3) == [5, 11]
    assert blocks.cuts(lines, 2) == [7]
    assert blocks.cuts(lines, 1) == []
    assert not blocks._may_cut_before(["", "#tag"], 1)  # not a heading without its space
