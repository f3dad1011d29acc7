"""The one markdown-it engine: the parser every output renders with, and the reader's lighter one.

CommonMark with tables, strikethrough, GitHub's task lists (disabled boxes), footnotes and bare
``scheme://`` links; ``$``/``$$`` and ``\\(``/``\\[`` formulas; raw HTML by the allow-list of
``raw_html``. Code is highlighted here, at build time, with Pygments CSS classes.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from qapress import flavours, formulas, raw_html, task_lists
from qapress.cloze import cloze_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from pygments.formatters import HtmlFormatter

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


def _base(html: bool) -> MarkdownIt:
    # Imported here: a process given its Markdown already rendered never loads markdown-it.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"html": html, "highlight": _highlight})
    md.enable(["table", "strikethrough"])
    # Prices ("$5 or $10") stay text: a dollar next to a digit or a space opens no formula.
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_labels=False,
           double_inline=True)
    return md


def _parser() -> MarkdownIt:
    from mdit_py_plugins.footnote import footnote_plugin

    md = _base(html=True)
    md.options["linkify"] = True
    md.enable("linkify")
    # The core rule links bare domains and addresses too; the inline one only "scheme://" links,
    # and compiles linkify's patterns only for text that holds one.
    md.core.ruler.disable("linkify")
    md.use(footnote_plugin)
    task_lists.read_task_lists(md)
    formulas.read_brackets(md)
    raw_html.read_html(md)
    flavours.show_in(md)
    md.use(cloze_plugin)
    return md


@cache
def engine() -> MarkdownIt:
    """Return the one configured parser: renderers read its HTML, the survey its tokens."""
    return _parser()


@cache
def structure() -> MarkdownIt:
    """Return the reader's parser: block structure only, raw HTML and footnotes as paragraphs."""
    # The reader finds its own lines (directive comments, <details> wrappers, <br> separators)
    # in paragraphs, in source order; footnotes moved to the end would break that order.
    md = _base(html=False)
    md.core.ruler.disable("inline")
    return md



@cache
def _formatter() -> HtmlFormatter[str]:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)
