"""How an output shows what outputs show differently: formulas, pictures and footnote ids.

Anki typesets TeX itself and keeps pictures under flat names; the site and the print page show
MathML and pictures from a ``media/`` folder; the PDF, drawn by an engine without MathML, wants
pictures of formulas. Each way is a ``Flavour``; an item renders in a ``Context``, its output's
flavour with the pictures its document holds and what makes its footnote ids its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qapress import raw_html

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Flavour:
    """How one kind of output shows formulas and pictures."""

    name: str
    """Tells renderings apart in the cache: one name, one way of showing."""
    math: Callable[[str, bool], str]
    """TeX, and whether it is displayed, to the HTML that shows it."""
    media: str = ""
    """What goes before a picture's file name: the folder the output copies pictures to."""


@dataclass(frozen=True, slots=True)
class Context:
    """What an item's HTML depends on besides its Markdown."""

    flavour: Flavour
    pictures: Mapping[str, str] = field(default_factory=dict)
    """Each picture the output shows, as the source writes it, to its file name."""
    notes: str = ""
    """What makes the item's footnote ids its own."""
    key: tuple[str, str] = ("", "")
    """The flavour's name and the pictures' digest, set by ``context``."""


def tex_math(tex: str, display: bool) -> str:
    """Return TeX in MathJax's delimiters, for outputs that typeset it themselves (Anki)."""
    from markdown_it.common.utils import escapeHtml

    opening, closing = (r"\[", r"\]") if display else (r"\(", r"\)")
    return escapeHtml(f"{opening}{tex}{closing}")


TEX = Flavour("tex", tex_math)
"""Formulas left to MathJax, pictures by file name alone: Anki's way."""


def context(flavour: Flavour, pictures: Mapping[str, str] | None = None, notes: str = "") -> Context:
    """Return the context of an output's items: its flavour and the pictures it shows."""
    table = dict(pictures or {})
    listed = "\x1f".join(f"{src}\x1e{name}" for src, name in sorted(table.items()))
    digest = hashlib.blake2b(listed.encode(), digest_size=10).hexdigest() if table else ""
    return Context(flavour, table, notes, (flavour.name, digest))


DEFAULT = context(TEX)
"""What the reader, search and checks render with: words do not depend on the context."""


def _image(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    # A picture the build has read is shown from the output's own copy; any other stays a link,
    # since loading it would be a request leaving the reader's machine. Inline data is shown.
    from markdown_it.common.utils import escapeHtml

    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children, options, env) if token.children else token.content
    shown: Context = env.get("qapress", DEFAULT)
    name = shown.pictures.get(src)
    if name is None and not raw_html.is_data_picture(src):
        return f'<a class="image" href="{escapeHtml(src)}">{escapeHtml(alt or src)}</a>'
    address = escapeHtml(src if name is None else shown.flavour.media + name)
    return f'<img src="{address}" alt="{escapeHtml(alt)}" loading="lazy">'


def _math(display: bool, tag: str, kind: str) -> Callable[..., str]:
    def rule(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        shown: Context = env.get("qapress", DEFAULT)
        body = shown.flavour.math(tokens[idx].content, display)
        return f'<{tag} class="math {kind}">{body}</{tag}>' + ("\n" if tag == "div" else "")

    return rule


def show_in(md: MarkdownIt) -> None:
    """Render pictures and formulas in ``md`` as the context in ``env["qapress"]`` says."""
    md.add_render_rule("image", _image)
    md.add_render_rule("math_inline", _math(False, "span", "inline"))
    md.add_render_rule("math_inline_double", _math(True, "span", "display"))
    md.add_render_rule("math_block", _math(True, "div", "block"))
