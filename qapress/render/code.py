"""Colours for highlighted code: Pygments' rules, scoped so that they restyle code blocks only."""

from __future__ import annotations

import functools

from qapress.engine import HIGHLIGHT_CLASS
from qapress.render import cache

_SCOPE = "__qapress_scope__"
"""Stands for the scope in the rules as cache."""


def highlight_css(scope: str = f".{HIGHLIGHT_CLASS}", style: str = "default") -> str:
    """Return Pygments' token colours for code under ``scope``, and nothing outside it."""
    return _style_rules(style).replace(_SCOPE, scope)


@functools.cache
def _style_rules(style: str) -> str:
    import pygments

    # Kept between builds: loading Pygments' formatter and styles cost a small build more than
    # reading the rules back does.
    path = cache.folder("code-colours") / f"pygments-{pygments.__version__}-{style}.css"
    rules = cache.read(path)
    if rules is None:
        from pygments.formatters import HtmlFormatter

        defs = HtmlFormatter(style=style).get_style_defs(_SCOPE)  # type: ignore[no-untyped-call]
        # Pygments adds unscoped rules (pre, line numbers) that would restyle every block.
        rules = "\n".join(line for line in str(defs).splitlines() if line.startswith(_SCOPE)) + "\n"
        cache.write(path, rules)
    return rules
