"""Markdown to HTML, the same for every output."""

from __future__ import annotations

from pathlib import Path

import pytest

from qapress.markup import plain_text, render_block, render_inline
from qapress.render import code
from qapress.render.code import highlight_css


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("a < b && c > d", "<p>a &lt; b &amp;&amp; c &gt; d</p>\n"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        (
            "![a *diagram*](https://example.com/p.png)",
            '<p><a class="image" href="https://example.com/p.png">a diagram</a></p>\n',
        ),
        ("![](local.png)", '<p><a class="image" href="local.png">local.png</a></p>\n'),
        ("![dot](data:image/png;base64,AAAA)", '<p><img src="data:image/png;base64,AAAA" alt="dot" /></p>\n'),
        ("$x^2$ costs `$5`", '<p><span class="math inline">\\(x^2\\)</span> costs <code>$5</code></p>\n'),
        ("$$\\sum_i x_i$$", '<div class="math block">\n\\[\\sum_i x_i\\]\n</div>\n'),
    ],
    ids=["script", "comparison", "javascript-link", "remote-image", "local-image", "data-image",
         "inline-math", "block-math"],
)
def test_render_block(markdown: str, html: str) -> None:
    assert render_block(markdown) == html


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
    assert render_inline("What is **β**-VAE <b>?") == "What is <strong>β</strong>-VAE &lt;b&gt;?"


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
