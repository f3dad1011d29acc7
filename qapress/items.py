"""The parsed form of a Q&A document: immutable items that every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass

NUMBER = r"\d{1,6}"
"""A question number as written: at most 999,999, so a longer run of digits is never one."""
STYLES = ("heading", "unnumbered", "bold", "label", "details", "list", "table", "admonition", "unspaced")
"""How questions can be written: numbered question headings; headings that all end in "?";
bold question lines (see ``qapress.read.rules``)."""
CARDS = ("reversed", "type")
"""Card types an item may ask for: both ways (the answer also asks for the question); type the
answer in."""


@dataclass(frozen=True, slots=True)
class Item:
    """One question with its answer."""

    number: int
    """The number the author gave the question (``Q7`` -> 7)."""
    question: str
    """The question as inline Markdown, without the ``Q7.`` prefix."""
    answer: str
    """The answer as block Markdown, exactly as written in the source (trimmed)."""
    tags: tuple[str, ...]
    """The document tag first, then topic tags; hierarchy uses ``::``."""
    id: str
    """Stable identity: survives answer edits, reordering and renumbering."""
    line: int
    """1-based source line of the question."""
    section: str = ""
    """Plain text of the section heading above the item, in documents with several sections."""
    card: str = ""
    """How the deck asks it besides question then answer: one of ``CARDS``, or "" for that alone
    (an answer holding cloze deletions makes cloze cards whatever this says)."""


PDF_PIXELS = 25_000_000
"""Pictures of more pixels stay links in the PDF: its engine takes seconds and hundreds of
megabytes to lay out one."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture a document shows, read by the build from beside the source."""

    src: str
    """The address as the source writes it (``img/diagram.png``)."""
    name: str
    """A flat file name drawn from the bytes (``qa-<digest>.png``): the same picture has the
    same name in every document, and an edited one a new name."""
    data: bytes
    width: int = 0
    """Pixels across, 0 where the format has no size of its own (SVG)."""
    height: int = 0


@dataclass(frozen=True, slots=True)
class Part:
    """How one part of a document was read: the style found, and how sure the reader is of it."""

    line: int
    """1-based line of the part's first question."""
    style: str
    items: int
    """Questions found in the part."""
    sureness: float
    """1 when no other reading comes close, 0 when another scores as well."""
    runner_up: str = ""
    """The style of the best other reading, or "" when there is none."""
    runner_up_items: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """One source document and its items."""

    path: str
    """The path as the user named it, for messages."""
    slug: str
    """File-name-safe name from the file stem, used for outputs and as the document tag."""
    title: str
    """Plain text of the ``# Title`` line, or the file stem where there is none."""
    items: tuple[Item, ...]
    modified: int = 0
    """Seconds since the epoch when the source last changed; Anki updates notes only when newer."""
    style: str = "heading"
    """How the questions were written: one of ``STYLES``."""
    deck: str = ""
    """The deck name the author chose (``<!-- deck: ... -->`` before the first question), or ""."""
    pictures: tuple[Picture, ...] = ()
    """The local pictures the items show, each once; a picture left out stays a link."""
    parts: tuple[Part, ...] = ()
    """How each part of the document was read, the whole first, for ``--check``."""

    @property
    def topics(self) -> tuple[str, ...]:
        """Return every topic tag used by the items, in first-seen order."""
        seen: dict[str, None] = {}
        for item in self.items:
            for tag in item.tags[1:]:
                seen.setdefault(tag, None)
        return tuple(seen)
