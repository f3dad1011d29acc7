"""Raw HTML in a source: a few harmless tags become elements, the rest stays text.

Sources are untrusted. markdown-it hands us each raw tag; a tag on ``ALLOWED`` passes through nh3,
which drops every attribute but the few in ``ALLOWED_ATTRIBUTES``, and anything else is escaped, so
it reads as written. Tags left open are closed where their inline run ends, so that one never runs
into the next paragraph, and every rendered answer goes through nh3 once more as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from html import unescape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

ALLOWED = frozenset(
    ["sub", "sup", "kbd", "br", "b", "i", "em", "strong", "u", "s", "mark", "small", "abbr", "code", "details", "summary", "img"]
)
ALLOWED_ATTRIBUTES = {"abbr": {"title"}, "details": {"open"}, "img": {"src", "alt"}}
VOID = frozenset({"br", "img"})
SPANNING = frozenset({"details", "summary"})
"""Tags that may hold whole blocks, so closing them is left to the pass over the whole answer."""
_DATA_PICTURE = r"data:image/(?:png|jpeg|gif|webp);"
"""Inline pictures that every output shows, as markdown-it allows them."""
# Patterns are compiled by ``re`` on first use: most builds show no picture at all.
_SOURCE = r'\ssrc="([^"]*)"'
_ALT = r'\salt="([^"]*)"'
_MADE = {
    # What markdown-it, its plugins, Pygments and math-core make, for the pass over the whole.
    "p": set(), "br": set(), "hr": {"class"}, "h1": set(), "h2": set(), "h3": set(), "h4": set(),
    "h5": set(), "h6": set(), "blockquote": set(), "ul": {"class"}, "ol": {"start", "class"},
    "li": {"id", "class"}, "pre": {"class"}, "code": {"class"}, "span": {"class"}, "div": {"class"},
    "a": {"href", "title", "id", "class"}, "img": {"src", "alt", "title", "loading", "class"},
    "em": set(), "strong": set(), "s": set(), "table": set(), "thead": set(), "tbody": set(),
    "tr": set(), "th": {"style"}, "td": {"style"}, "input": {"checked", "class"},
    "section": {"class"}, "sup": {"class", "id"},
    "mark": {"class", "data-cloze", "data-hint"},  # cloze deletions, from qapress.cloze
}
_MATHML = {
    "math": {"display", "class"}, "mrow": set(), "mi": {"mathvariant"}, "mo": {
        "stretchy", "fence", "separator", "lspace", "rspace", "form", "largeop", "movablelimits",
        "symmetric", "minsize", "maxsize", "accent"},
    "mn": set(), "ms": set(), "mtext": set(), "mspace": {"width", "height", "depth"},
    "msub": set(), "msup": set(), "msubsup": set(), "mfrac": {"linethickness"}, "msqrt": set(),
    "mroot": set(), "mover": {"accent"}, "munder": {"accentunder"}, "munderover": set(),
    "mtable": {"displaystyle", "scriptlevel", "columnalign", "rowspacing", "columnspacing"},
    "mtr": set(), "mtd": {"class", "columnalign"}, "mstyle": {"displaystyle", "scriptlevel"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"}, "mphantom": set(),
    "menclose": {"notation"}, "mmultiscripts": set(), "mprescripts": set(), "none": set(),
    "semantics": set(), "annotation": {"encoding"},
}


def read_html(md: MarkdownIt) -> None:
    """Render raw HTML in ``md`` by the allow-list, closing what each inline run leaves open."""
    md.add_render_rule("html_inline", _html_inline)
    md.add_render_rule("html_block", _html_block)
    md.core.ruler.after("inline", "close_raw_tags", _close_tags)


def tag_name(raw: str) -> tuple[str, bool]:
    """Return a raw tag's lower-case name and whether it closes; the name is "" for comments."""
    start = 2 if raw.startswith("</") else 1
    end = start
    while end < len(raw) and raw[end].isalnum():
        end += 1
    return raw[start:end].lower(), start == 2


def picture_source(raw: str) -> tuple[str, str] | None:
    """Return the ``src`` and ``alt`` of a raw ``<img>`` tag, or None for any other tag."""
    if tag_name(raw) != ("img", False):
        return None
    cleaned = _tag_cleaner().clean(raw)
    source, alt = re.search(_SOURCE, cleaned), re.search(_ALT, cleaned)
    return (unescape(source[1]) if source else ""), (unescape(alt[1]) if alt else "")


def is_data_picture(src: str) -> bool:
    """Say whether ``src`` is an inline picture of a kind every output shows."""
    return re.match(_DATA_PICTURE, src, re.IGNORECASE) is not None


def clean(html: str) -> str:
    """Return rendered HTML with only the tags and attributes we make or allow, all balanced."""
    return str(_whole_cleaner().clean(html))


def _html_inline(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    from markdown_it.common.utils import escapeHtml

    raw = tokens[idx].content
    name, closing = tag_name(raw)
    if name not in ALLOWED or (closing and name in VOID):
        return "" if closing and name in VOID else escapeHtml(raw)
    if closing:
        return f"</{name}>"
    if name == "img":
        return _picture(self, raw, options, env) or escapeHtml(raw)
    # nh3 closes what it opens; here the source's own closer, or the end of the run, does.
    return str(_tag_cleaner().clean(raw)).removesuffix(f"</{name}>")


def _picture(self: Any, raw: str, options: Any, env: Any) -> str | None:
    """Render a raw ``<img>`` as the Markdown picture it stands for: shown if the build read it or
    it is inline data, a link if it is on the web; None for any other, which stays text."""
    from markdown_it.token import Token

    found = picture_source(raw)
    pictures: Mapping[str, str] = env.get("pictures", {})
    shown = found and (found[0] in pictures or is_data_picture(found[0]))
    if not found or not (shown or found[0].lower().startswith(("http://", "https://"))):
        return None
    token = Token("image", "img", 0, attrs={"src": found[0], "alt": ""}, content=found[1])
    return str(self.rules["image"]([token], 0, options, env))


def _html_block(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    # Read again as inline Markdown, so that each tag meets the inline rule and the text between
    # them reads as it would in a paragraph.
    md: MarkdownIt = env["md"]
    content = tokens[idx].content.rstrip("\n")
    inline = self.render(md.parseInline(content, env), options, env)
    spans = tag_name(content)[0] in SPANNING
    return f"{inline}\n" if spans else f"<p>{inline}</p>\n"


def _close_tags(state: StateCore) -> None:
    if "<" not in state.src:
        return  # no raw tag anywhere: nothing to walk
    for block in state.tokens:
        if block.type == "inline" and block.children and any(
            child.type == "html_inline" for child in block.children
        ):
            block.children = _balanced(block.children)


def _balanced(children: list[Token]) -> list[Token]:
    """Return the run with stray closers dropped and every allowed tag it opens closed in order."""
    kept: list[Token] = []
    stack: list[str] = []
    open_count: dict[str, int] = {}
    for child in children:
        if child.type == "html_inline":
            name, closing = tag_name(child.content)
            if name in ALLOWED and name not in VOID and name not in SPANNING:
                if not closing:
                    stack.append(name)
                    open_count[name] = open_count.get(name, 0) + 1
                elif not open_count.get(name):
                    continue
                else:
                    # Counting open names keeps a run of closers linear.
                    while (top := stack.pop()) != name:
                        open_count[top] -= 1
                        kept.append(_closer(top))
                    open_count[name] -= 1
        kept.append(child)
    kept.extend(_closer(name) for name in reversed(stack))
    return kept


def _closer(name: str) -> Token:
    from markdown_it.token import Token

    return Token("html_inline", "", 0, content=f"</{name}>")


@cache
def _tag_cleaner() -> Any:
    import nh3

    return nh3.Cleaner(
        tags=set(ALLOWED), attributes=ALLOWED_ATTRIBUTES, url_schemes={"data", "http", "https"},
        clean_content_tags=set(), link_rel=None,
    )


@cache
def _whole_cleaner() -> Any:
    import nh3

    attributes = {**_MADE, **_MATHML}
    for name, allowed in ALLOWED_ATTRIBUTES.items():
        attributes[name] = attributes.get(name, set()) | allowed
    schemes = {"http", "https", "mailto", "ftp", "data"}
    return nh3.Cleaner(
        tags=set(attributes) | ALLOWED, attributes=attributes, url_schemes=schemes, link_rel=None,
        # Only the task list's disabled checkboxes; nh3 keeps attributes in the order written.
        tag_attribute_values={"input": {"type": {"checkbox"}, "disabled": {"disabled"}}},
        filter_style_properties={"text-align"}, strip_comments=True,
    )
