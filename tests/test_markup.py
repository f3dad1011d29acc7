"""Markdown to HTML: golden fixtures for each flavour, and what every output shares."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from qapress import markup, raw_html
from qapress.flavours import TEX, context
from qapress.markup import plain_text, render_block, render_inline
from qapress.render import code
from qapress.render.code import highlight_css
from qapress.render.markdown import WEB

CASES = sorted((FIXTURES / "markup").glob("*.md"))
FLAVOURS = {"tex": TEX, "web": WEB}
PICTURES = {"img/diagram.png": "qa-0123456789abcdef0123.png"}
"""The pictures the fixtures' document holds, as the build would have read them."""


def expected(case: Path, flavour: str) -> Path:
    """Return the HTML a case renders to: ``name.html``, or ``name.web.html`` where the site's differs."""
    own = case.with_suffix(f".{flavour}.html")
    return own if flavour != "tex" and own.exists() else case.with_suffix(".html")


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_markdown_renders_as_its_fixture_says(case: Path, flavour: str) -> None:
    shown = context(FLAVOURS[flavour], PICTURES, notes="q1")
    html = render_block(case.read_text(encoding="utf-8"), shown)
    if os.environ.get("QAPRESS_WRITE_FIXTURES"):  # to draft a new case's HTML, then read it
        shared = case.with_suffix(".html")
        if flavour == "tex" or html != shared.read_text(encoding="utf-8"):
            (shared if flavour == "tex" else case.with_suffix(".web.html")).write_text(html, encoding="utf-8")
    assert html == expected(case, flavour).read_text(encoding="utf-8")


def test_a_text_shown_in_two_flavours_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    markup.clear_caches()
    parses: list[str] = []
    engine = markup.engine()
    original = engine.parse
    monkeypatch.setattr(engine, "parse", lambda text, env=None: parses.append(text) or original(text, env))
    text = "Both $x$ and ![p](img/diagram.png)"
    requests = [(text, True, context(flavour, PICTURES, "q1")) for flavour in FLAVOURS.values()]
    found = markup.rendered(requests)
    assert parses == [text] and len(found[0]) == 2
    assert render_block(text, requests[1][2]).count("<math") == 1  # from the cache, no parse
    assert parses == [text]


def test_footnote_ids_and_picture_names_make_their_own_renderings() -> None:
    text = "A[^1] ![p](img/diagram.png)\n\n[^1]: note"
    one, other = (render_block(text, context(WEB, PICTURES, notes)) for notes in ("q1", "q2"))
    assert 'id="fn-q1-1"' in one and 'id="fn-q2-1"' in other
    renamed = render_block(text, context(WEB, {"img/diagram.png": "qa-ffff.png"}, "q1"))
    assert 'src="media/qa-ffff.png"' in renamed and "qa-0123" in one


def test_code_is_highlighted_with_classes_and_unknown_languages_are_escaped() -> None:
    assert '<span class="k">def</span>' in render_block("```python\ndef f(): pass\n```")
    assert render_block("```nosuchlang\n<b>\n```").rstrip() == (
        '<pre class="hl"><code class="language-nosuchlang">&lt;b&gt;\n</code></pre>'
    )


def test_highlight_css_stays_inside_its_scope() -> None:
    rules = highlight_css(".night .hl", "github-dark").splitlines()
    assert rules and all(rule.startswith(".night .hl") for rule in rules)


def test_plain_text_and_inline() -> None:
    assert plain_text("- **Encoder**: x  \n- `y`\n\n```\ncode\n```") == "Encoder: x\ny\ncode"
    assert render_inline("What is **β**-VAE <b>?") == "What is <strong>β</strong>-VAE <b>?</b>"
    assert render_inline("What is <script>?") == "What is &lt;script&gt;?"


def _pygments_rules(scope: str, style: str) -> str:
    from pygments.formatters import HtmlFormatter

    lines = HtmlFormatter(style=style).get_style_defs(scope).splitlines()
    return "\n".join(line for line in lines if line.startswith(scope)) + "\n"


@pytest.mark.parametrize("blocked", [False, True], ids=["kept", "folder-blocked"])
def test_code_colours_kept_between_builds_are_pygments_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blocked: bool
) -> None:
    cache_home = tmp_path / "cache"
    if blocked:
        cache_home.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    scopes = [".hl", ":root:not([data-theme=light]) .hl", ".nightMode .hl"]
    for build in ("first", "next"):
        code._style_rules.cache_clear()  # as in a new process
        for style in ("default", "github-dark"):
            for scope in scopes:
                assert code.highlight_css(scope, style) == _pygments_rules(scope, style), (build, scope)
    kept = sorted(p.name for p in (cache_home / "qapress" / "code-colours").iterdir()) if not blocked else []
    assert len(kept) == (0 if blocked else 2)
    code._style_rules.cache_clear()


_PIECES = st.sampled_from([
    "<b>", "</b>", "<i onclick=x>", "</i>", "<script>", "</script>", "<img src=x onerror=y>",
    '<img src="img/diagram.png">', "<a href='javascript:x'>", "<details>", "</summary>", "<!--",
    "-->", "<svg onload=x>", "<style>", "[^1]", "[^1]: n", "- [x] ", "$x$", "$$", "\\(", "\\)",
    "![p](img/diagram.png)", "[l](javascript:x)", "https://example.com", "`", "*", "\n", "\n\n",
    "text", " ", ">", "<", "&", '"', "'",
])
_ELEMENTS = (
    {"p", "br", "hr", "ul", "ol", "li", "pre", "code", "span", "div", "a", "img", "em", "strong",
     "s", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "input", "section", "sup",
     "h1", "h2", "h3", "h4", "h5", "h6"}
    | set(raw_html.ALLOWED) | set(raw_html._MATHML)
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(list(FLAVOURS)))
def test_no_markup_outside_the_allow_list_survives(markdown: str, flavour: str) -> None:
    reader = _Tags()
    reader.feed(render_block(markdown, context(FLAVOURS[flavour], PICTURES, "q1")))
    for tag, attrs in reader.found:
        assert tag in _ELEMENTS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").lower().lstrip().startswith("javascript:"), (tag, value)
