"""The one Jinja environment, reading the files under ``templates/``."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from qapress.flavours import DEFAULT, Context
from qapress.markup import render_block, render_inline
from qapress.render import cache
from qapress.render.markdown import item_context

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

_PACKAGE = Path(__file__).resolve().parents[1]
# In a checkout (or an editable install) the templates are the repository's own folder; an
# installed wheel carries a copy inside the package.
TEMPLATE_DIR = next(
    (d for d in (_PACKAGE.parent / "templates", _PACKAGE / "_templates") if d.is_dir()),
    _PACKAGE.parent / "templates",
)


def _compiled_templates() -> BytecodeCache:
    """Keep compiled templates in the user's cache folder, as Python keeps ``.pyc`` files.

    Jinja checks each entry against its template's source, so an edited template is compiled
    again; a folder that cannot be read or written only costs the compiling.
    """
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    class Compiled(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            # An entry that cannot be read, whatever is wrong with it, is compiled afresh.
            with contextlib.suppress(Exception):
                super().load_bytecode(bucket)

        def dump_bytecode(self, bucket: Bucket) -> None:
            try:
                Path(self.directory).mkdir(parents=True, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:
                return

    return Compiled(str(cache.folder("templates")))


def _markdown(
    text: str, shared: Context = DEFAULT, notes: str = "", reshape: Callable[[str], str] = str
) -> Markup:
    # The one place trusted HTML is marked safe: markup lets through only what nh3 allows, and
    # an output's ``reshape`` changes only the layout of that HTML, and escapes any text it adds.
    return Markup(reshape(render_block(text, item_context(shared, notes))))


def _markdown_inline(text: str, shared: Context = DEFAULT, notes: str = "") -> Markup:
    return Markup(render_inline(text, item_context(shared, notes)))


@functools.cache
def environment() -> Environment:
    """Return the shared environment: autoescaped, strict, with the Markdown filters."""
    # Imported here: the parser and --check never need Jinja, nor does a process making a deck.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["markdown"] = _markdown
    env.filters["markdown_inline"] = _markdown_inline
    return env


def read_text(name: str) -> str:
    """Return a template file's text as is, for files that are not Jinja (Anki cards, CSS, JS)."""
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")
