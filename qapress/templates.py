"""The one Jinja environment, reading the files under ``templates/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from qapress.markup import render_block, render_inline

_PACKAGE = Path(__file__).resolve().parent
# In a checkout (or an editable install) the templates are the repository's own folder; an
# installed wheel carries a copy inside the package.
TEMPLATE_DIR = next(
    (d for d in (_PACKAGE.parent / "templates", _PACKAGE / "_templates") if d.is_dir()),
    _PACKAGE.parent / "templates",
)


def _markdown(text: str) -> Markup:
    # The one place trusted HTML is marked safe: markup renders with raw HTML disabled.
    return Markup(render_block(text))


def _markdown_inline(text: str) -> Markup:
    return Markup(render_inline(text))


@cache
def environment() -> Environment:
    """Return the shared environment: autoescaped, strict, with the Markdown filters."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = _markdown
    env.filters["markdown_inline"] = _markdown_inline
    return env


def read_text(name: str) -> str:
    """Return a template file's text as is, for files that are not Jinja (Anki cards, CSS, JS)."""
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")
