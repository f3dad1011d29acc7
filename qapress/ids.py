"""Stable item ids: derived from the question's words, or pinned by the author."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SEPARATORS = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(r"(?<=\w)['\u2019](?=\w)")
_PINNED = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
_TAG_PART = r"[\w.+#-]+"
_TAG = re.compile(rf"{_TAG_PART}(?:::{_TAG_PART})*")
TAG_RULE = "letters, digits and - _ . + # only, no spaces; nest topics as parent::child"
"""How to write a usable tag, for messages."""
MAX_SLUG = 64


def normalise(question: str) -> str:
    """Fold a question's plain text so that case, accents and spacing do not change its id."""
    if question.isascii():
        # Nothing to decompose: the same result, without a pass per character.
        return " ".join(question.casefold().split())
    decomposed = unicodedata.normalize("NFKD", question.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def slugify(text: str) -> str:
    """Return a lowercase, hyphenated form of ``text`` that keeps letters of any script."""
    # "what's" -> "whats", not "what-s"
    return _SEPARATORS.sub("-", _APOSTROPHES.sub("", normalise(text))).strip("-")


def derive_id(question: str) -> str:
    """Return the id for a question's plain text; long ones end in a short hash of the whole."""
    slug = slugify(question)
    if len(slug) > MAX_SLUG:
        digest = hashlib.blake2s(normalise(question).encode(), digest_size=3).hexdigest()
        slug = f"{slug[:MAX_SLUG].rsplit('-', 1)[0]}-{digest}"
    return slug or "q-" + hashlib.blake2s(question.encode(), digest_size=3).hexdigest()


def is_valid_pinned(value: str) -> bool:
    """Say whether an author's id is usable in URLs, file names and Anki GUIDs."""
    return _PINNED.fullmatch(value) is not None


def is_valid_tag(tag: str) -> bool:
    """Say whether a tag is safe everywhere it goes: Anki, URLs, and HTML that shows it raw."""
    return _TAG.fullmatch(tag) is not None


def disambiguate(wanted: str, taken: set[str]) -> str:
    """Return ``wanted``, or ``wanted-2``, ``wanted-3``... whichever is first free."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate
