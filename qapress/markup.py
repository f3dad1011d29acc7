"""Markdown to HTML and words, each answer parsed once however many outputs show it.

Every rendering is kept under what it depends on (its Markdown and its context), so that the
build can render ahead of the outputs, in this process or in others, and hand them the results.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from qapress import raw_html
from qapress.engine import engine, structure
from qapress.flavours import DEFAULT, Context

if TYPE_CHECKING:
    from markdown_it.token import Token

T = TypeVar("T")


def block_tokens(text: str) -> list[Token]:
    """Return a document's block tokens, leaving inline content unparsed: enough to find items."""
    return list(structure().parse(text))


def parse(markdown: str, block: bool = True) -> list[Token]:
    """Return the tokens of block Markdown (an answer), or of inline Markdown (a question)."""
    md = engine()
    env = {"md": md}
    return list(md.parse(markdown, env) if block else md.parseInline(markdown, env))


def _render(markdown: str, block: bool, contexts: Sequence[Context]) -> tuple[list[str], Words]:
    """Parse once; return the HTML in each context, and the words."""
    md = engine()
    env: dict[str, Any] = {"md": md}
    tokens = md.parse(markdown, env) if block else md.parseInline(markdown, env)
    types = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    clean = raw_html.clean if types & _FOREIGN else str
    words = _plain(tokens) if block else _inline_text(tokens[0].children or [])
    known: Words = (words, bool(env.get("footnotes", {}).get("list")), bool(types & _SHOWN))
    found: list[str] = []
    for shown in contexts:
        if found and not known[1] and not known[2]:
            found.append(found[0])  # the same HTML in every context
            continue
        env.update(qapress=shown, pictures=shown.pictures, docId=shown.notes or None)
        found.append(clean(md.renderer.render(tokens, md.options, env)))
    return found, known


_FORMULAS = {"math_block", "math_inline", "math_inline_double"}
_FOREIGN = frozenset({"html_block", "html_inline", *_FORMULAS})
"""Tokens whose HTML is more than markdown-it's own, which escapes all text: raw tags from the
source, or markup a formula library made. Only then does the HTML go through nh3 as a whole."""
_SHOWN = frozenset({"image", "html_inline", "html_block", *_FORMULAS})
"""Tokens shown differently by different flavours: formulas, and pictures (raw ones too)."""
CACHE_SIZE = 1 << 18
"""Renderings kept: more than a build's items, since every output renders each one and a cache
smaller than the collection would be emptied before it is read again."""
Key = tuple[str, str, str, str, bool]
"""A rendering's flavour, pictures' digest, footnote prefix, Markdown and whether it is block
Markdown (an answer) rather than inline Markdown (a question)."""
Words = tuple[str, bool, bool]
"""A text's words, whether it holds footnotes, and whether it holds what flavours show apart."""
Request = tuple[str, bool, Context]
"""Markdown, whether it is block Markdown, and the context to render it in."""
Renderings = tuple[dict[Key, str], dict[tuple[str, bool], Words]]
"""HTML by what it depends on, and words by Markdown and whether it is block Markdown."""
_HTML: dict[Key, str] = {}
_WORDS: dict[tuple[str, bool], Words] = {}


def _key(markdown: str, block: bool, shown: Context) -> Key:
    # Only footnotes make the item's prefix part of its HTML, and only formulas and pictures its
    # flavour: a text known to hold none shares one rendering among items and outputs, and with
    # what the reader rendered for its words.
    known = _WORDS.get((markdown, block))
    if known is None:
        return (*shown.key, shown.notes, markdown, block)
    flavour, pictures = shown.key if known[2] else ("", "")
    return (flavour, pictures, shown.notes if known[1] else "", markdown, block)


def _keep(store: dict[Any, T], key: Any, value: T) -> None:
    if len(store) >= CACHE_SIZE:
        store.clear()
    store[key] = value


def _rendering(markdown: str, block: bool, shown: Context) -> str:
    found = _HTML.get(_key(markdown, block, shown))
    if found is None:
        [found], words = _render(markdown, block, [shown])
        _keep(_WORDS, (markdown, block), words)
        _keep(_HTML, _key(markdown, block, shown), found)
    return found


def _words(markdown: str, block: bool) -> str:
    found = _WORDS.get((markdown, block))
    if found is None:
        _rendering(markdown, block, DEFAULT)
        found = _WORDS[markdown, block]
    return found[0]


def render_block(markdown: str, shown: Context = DEFAULT) -> str:
    """Render block Markdown (an answer) to safe HTML."""
    return _rendering(markdown, True, shown)


def render_inline(markdown: str, shown: Context = DEFAULT) -> str:
    """Render inline Markdown (a question) to safe HTML."""
    return _rendering(markdown, False, shown)


def plain_text(markdown: str) -> str:
    """Return the words of block Markdown without markup, one line per block, for search and tests."""
    return _words(markdown, True)


def inline_text(markdown: str) -> str:
    """Return the words of inline Markdown (a question) without markup."""
    return _words(markdown, False)


def unrendered(requests: Iterable[Request]) -> list[Request]:
    """Return the requests, each once, that this process has not rendered yet."""
    wanted = {_key(m, block, shown): (m, block, shown) for m, block, shown in requests}
    return [request for key, request in wanted.items() if key not in _HTML]


def rendered(requests: Iterable[Request]) -> Renderings:
    """Return the renderings of these requests, for another process to ``absorb``."""
    wanted: dict[tuple[str, bool], list[Context]] = {}
    for markdown, block, shown in requests:
        wanted.setdefault((markdown, block), []).append(shown)
    html: dict[Key, str] = {}
    words: dict[tuple[str, bool], Words] = {}
    for (markdown, block), contexts in wanted.items():
        # One parse serves every context the text is shown in.
        found, words[markdown, block] = _render(markdown, block, contexts)
        _WORDS[markdown, block] = words[markdown, block]
        html.update((_key(markdown, block, shown), text) for shown, text in zip(contexts, found))
    absorb((html, words))
    return html, words


def kept(requests: Iterable[Request]) -> Renderings:
    """Return the renderings this process holds for these requests, for a later build."""
    html: dict[Key, str] = {}
    words: dict[tuple[str, bool], Words] = {}
    for markdown, block, shown in requests:
        known = _WORDS.get((markdown, block))
        key = _key(markdown, block, shown)
        if known is not None and key in _HTML:
            words[markdown, block] = known
            html[key] = _HTML[key]
    return html, words


def absorb(renderings: Renderings) -> None:
    """Take in renderings made by another process."""
    _HTML.update(renderings[0])
    _WORDS.update(renderings[1])


def clear_caches() -> None:
    """Forget every rendering, so that a benchmark renders from scratch."""
    _HTML.clear()
    _WORDS.clear()


def _plain(tokens: list[Token]) -> str:
    lines: list[str] = []
    for token in tokens:
        if token.type == "inline":
            lines.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block", "math_block", "html_block"):
            lines.append(token.content.rstrip("\n"))
    return "\n".join(line for line in lines if line)


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "math_inline", "math_inline_double", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts).strip()
