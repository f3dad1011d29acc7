"""The deck's note types: one per way of studying an item, all with the same fields and look.

Each note type's id, name, fields and template names never change, so Anki matches it on every
import instead of adding a ``Model+`` copy; its CSS and templates may change freely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from qapress.engine import HIGHLIGHT_CLASS
from qapress.render import templates
from qapress.render.code import highlight_css
from qapress.render.deck.library import genanki

FIELDS = ("Question", "Answer", "Number", "Source", "Link")
"""Frozen: renaming, removing or reordering one makes Anki treat a note type as a new one."""
SORT_FIELD = FIELDS.index("Number")
CODE_STYLES = {
    "default": f".{HIGHLIGHT_CLASS}",
    "github-dark": f":is(.nightMode, .night_mode) .{HIGHLIGHT_CLASS}",
}
"""Pygments style for each mode, and the selector that confines it to code blocks in that mode."""


@dataclass(frozen=True, slots=True)
class NoteType:
    """A note type as every collection knows it."""

    id: int
    """Its id in every collection; changing it would orphan every imported note of the type."""
    name: str
    cards: tuple[tuple[str, str], ...]
    """Each card's template name and the file (under ``templates/deck/``) of its two sides."""
    cloze: bool = False


NOTE_TYPES = {
    "basic": NoteType(1_607_392_411, "qapress Q&A", (("Recall", ""),)),
    "reversed": NoteType(
        1_607_392_412, "qapress Q&A both ways", (("Recall", ""), ("Reverse", "reverse_"))
    ),
    "cloze": NoteType(1_607_392_413, "qapress cloze", (("Cloze", "cloze_"),), cloze=True),
    "type": NoteType(1_607_392_414, "qapress type-in", (("Type", "type_"),)),
}
"""Every note type by kind: ``basic`` (question, then answer), ``reversed`` (that and the answer
asking for the question), ``cloze`` (one card per deletion), ``type`` (type the answer in)."""
PREFIXES = ("", "reverse_", "cloze_", "type_")
SIDES = tuple(f"{prefix}{side}" for prefix in PREFIXES for side in ("front", "back"))
"""The card sides under ``templates/deck/``: ``<prefix>front.html`` and ``<prefix>back.html``."""


@dataclass(frozen=True, slots=True)
class CardStyle:
    """What the note types show: each card side by name (``front``, ``cloze_back``...), the CSS."""

    sides: Mapping[str, str]
    css: str


@cache
def card_style() -> CardStyle:
    """Return the card sides and CSS under ``templates/deck/``, code colours appended to the CSS."""
    foot = templates.read_text("deck/foot.html")
    sides = {name: templates.read_text(f"deck/{name}.html") for name in SIDES}
    # Every back ends with the same foot: source, link and tags.
    sides = {name: text + foot if name.endswith("back") else text for name, text in sides.items()}
    return CardStyle(sides, templates.read_text("deck/style.css") + code_css())


def code_css() -> str:
    """Return Pygments' token colours for light and night mode, scoped to code blocks."""
    return "".join(highlight_css(scope, style) for style, scope in CODE_STYLES.items())


def note_model(kind: str, style: CardStyle) -> genanki.Model:
    """Return the note type of ``kind``, drawn with ``style``."""
    note_type = NOTE_TYPES[kind]
    cards = [
        {"name": name, "qfmt": style.sides[f"{prefix}front"], "afmt": style.sides[f"{prefix}back"]}
        for name, prefix in note_type.cards
    ]
    return genanki.Model(
        note_type.id,
        note_type.name,
        fields=[{"name": name} for name in FIELDS],
        templates=cards,
        css=style.css,
        sort_field_index=SORT_FIELD,
        model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
    )
