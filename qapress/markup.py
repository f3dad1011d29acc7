"""The one Markdown engine: block tokens for the reader, HTML and words for every output.

The reader and the renderers share it, so that where an item ends is decided by the same parse
that every output renders.

Raw HTML in the source is never passed through: markdown-it escapes it, so it reads as text.
Code is highlighted here, at build time, with Pygments CSS classes; math is kept as TeX in
MathJax's ``\\(...\\)`` / ``\\[...\\]`` delimiters for the renderers that can show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from pygments.formatters import HtmlFormatter

T = TypeVar("T")

HIGHLIGHT_CLASS = "hl"
"""CSS class on highlighted code blocks; every output's stylesheet scopes Pygments' rules to it."""


def _highlight(code: str, lang: str, _attrs: str) -> str:
    from markdown_it.common.utils import escapeHtml

    name = lang.split(maxsplit=1)[0] if lang else ""
    body = escapeHtml(code)
    if name:
        # Pygments is loaded by the first code block that names a language, not before.
        from pygments import highlight
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        try:
            body = highlight(code, get_lexer_by_name(name), _formatter())
        except ClassNotFound:
            pass
    css_lang = f' class="language-{escapeHtml(name)}"' if name else ""
    return f'<pre class="{HIGHLIGHT_CLASS}"><code{css_lang}>{body}</code></pre>\n'


def _math(tex: str, options: dict[str, Any]) -> str:
    from markdown_it.common.utils import escapeHtml

    opening, closing = (r"\[", r"\]") if options["display_mode"] else (r"\(", r"\)")
    return escapeHtml(f"{opening}{tex}{closing}")


def _image(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    # Loading an image would be a request leaving the reader's machine (Anki fetches what a card
    # shows), and files beside the source are not copied; so only inline data stays an image.
    from markdown_it.common.utils import escapeHtml

    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    if src.startswith("data:"):
        return str(self.image(tokens, idx, options, env))
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f'<a class="image" href="{escapeHtml(src)}">{escapeHtml(alt or src)}</a>'


def _parser() -> MarkdownIt:
    # Imported here: a process given its Markdown already rendered never loads markdown-it.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    from qapress.cloze import cloze_plugin

    md = MarkdownIt("commonmark", {"html": False, "highlight": _highlight})
    md.add_render_rule("image", _image)
    md.enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, renderer=_math)
    md.use(cloze_plugin)
    return md


@cache
def engine() -> MarkdownIt:
    """Return the one configured parser: the document parser reads its tokens, renderers its HTML."""
    return _parser()


@cache
def _structure() -> MarkdownIt:
    md = _parser()
    md.core.ruler.disable("inline")
    return md


CACHE_SIZE = 1 << 18
"""Answers and questions kept rendered: more than a build's items, since every output renders
each one and a cache smaller than the collection would be emptied before it is read again."""
_BLOCKS: dict[str, tuple[str, str]] = {}
"""Block Markdown -> its HTML and its words."""
_INLINES: dict[str, tuple[str, str]] = {}
"""Inline Markdown -> its HTML and its words."""
Rendered = dict[str, tuple[str, str]]
"""Markdown -> its HTML and its words."""


def block_tokens(text: str) -> list[Token]:
    """Return a document's block tokens, leaving inline content unparsed: enough to find items."""
    return list(_structure().parse(text))


def _block(markdown: str) -> tuple[str, str]:
    found = _BLOCKS.get(markdown)
    if found is None:
        # One parse serves both: the renderers want the HTML, search and checks the words.
        md = engine()
        tokens = md.parse(markdown)
        found = str(md.renderer.render(tokens, md.options, {})), _plain(tokens)
        _keep(_BLOCKS, markdown, found)
    return found


def _keep(store: dict[str, T], key: str, value: T) -> None:
    if len(store) >= CACHE_SIZE:
        store.clear()
    store[key] = value


def render_block(markdown: str) -> str:
    """Render block Markdown (an answer) to safe HTML."""
    return _block(markdown)[0]


def render_inline(markdown: str) -> str:
    """Render inline Markdown (a question) to safe HTML."""
    return _inline(markdown)[0]


def inline_text(markdown: str) -> str:
    """Return the words of inline Markdown (a question) without markup."""
    return _inline(markdown)[1]


def _inline(markdown: str) -> tuple[str, str]:
    found = _INLINES.get(markdown)
    if found is None:
        md = engine()
        tokens = md.parseInline(markdown)
        html = str(md.renderer.render(tokens, md.options, {}))
        found = html, _inline_text(tokens[0].children or [])
        _keep(_INLINES, markdown, found)
    return found


def unrendered(answers: Iterable[str], questions: Iterable[str]) -> tuple[list[str], list[str]]:
    """Return the answers and questions, each once, that this process has not rendered yet."""
    blocks = [text for text in dict.fromkeys(answers) if text not in _BLOCKS]
    return blocks, [text for text in dict.fromkeys(questions) if text not in _INLINES]


def rendered(answers: Iterable[str], questions: Iterable[str]) -> tuple[Rendered, Rendered]:
    """Return the renderings of these answers and questions, for another process to ``absorb``."""
    return {text: _block(text) for text in answers}, {text: _inline(text) for text in questions}


def absorb(renderings: tuple[Rendered, Rendered]) -> None:
    """Take in renderings made by another process."""
    _BLOCKS.update(renderings[0])
    _INLINES.update(renderings[1])


@cache
def _formatter() -> HtmlFormatter[str]:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)


def plain_text(markdown: str) -> str:
    """Return the words of block Markdown without markup, one line per block, for search and tests."""
    return _block(markdown)[1]


def clear_caches() -> None:
    """Forget every rendering, so that a benchmark renders from scratch."""
    _BLOCKS.clear()
    _INLINES.clear()


def _plain(tokens: list[Token]) -> str:
    lines: list[str] = []
    for token in tokens:
        if token.type == "inline":
            lines.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block", "math_block"):
            lines.append(token.content.rstrip("\n"))
    return "\n".join(line for line in lines if line)


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "math_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts).strip()
