"""Fast paths give what the general paths give: speed must never change an output."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it.token import Token

from qapress import markup
from qapress.search_index import unicode_words, words

ASCII = st.text(alphabet=st.characters(max_codepoint=127))


@given(ASCII)
def test_ascii_words_are_the_unicode_words(text: str) -> None:
    assert words(text) == unicode_words(text)


@given(st.text())
def test_the_cached_parse_renders_as_markdown_it_does(markdown: str) -> None:
    markup.clear_caches()
    markup.plain_text(markdown)  # fills the shared cache first, as the parser does
    assert markup.render_block(markdown) == markup.MARKDOWN.render(markdown)


@given(st.text())
def test_one_inline_parse_gives_the_html_and_the_words(markdown: str) -> None:
    markup.clear_caches()
    markup.inline_text(markdown)  # fills the shared cache first, as the parser does
    assert markup.render_inline(markdown) == markup.MARKDOWN.renderInline(markdown)


@given(st.text(alphabet=st.sampled_from("#>-*`|$ \n\tabc1.")))
def test_the_structure_parse_finds_the_blocks_the_full_parse_finds(text: str) -> None:
    def shape(tokens: list[Token]) -> list[tuple[str, str, object, int]]:
        return [(t.type, t.content, t.map, t.level) for t in tokens]

    assert shape(markup.block_tokens(text)) == shape(list(markup.MARKDOWN.parse(text)))
