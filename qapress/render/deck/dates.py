"""Each note's date: kept while the note is unchanged, moved on when anything it carries changes.

Anki replaces a note on import only with one dated later than its own, and an edit made inside
Anki dates the note then; so a note that keeps its date keeps the user's edit, and one that must
change must come dated after the note it replaces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from qapress.shipped import ShippedNote


def note_digest(kind: str, fields: Sequence[str], tags: Sequence[str], deck: str) -> str:
    """Return a hash of everything a note carries, which changes when any of it does."""
    # markdown-it turns NUL into U+FFFD and tags cannot hold one, so NUL parts the fields
    # unambiguously; fields and tags are counted in.
    parts = (kind, str(len(fields)), *fields, str(len(tags)), *tags, deck)
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=12).hexdigest()


def note_stamp(digest: str, before: ShippedNote | None, fallback: int) -> int:
    """Return a note's date: the last build's while its digest holds, else a later one.

    A note the last build did not ship, or every note when no last build is known, takes
    ``fallback``: the source's date.
    """
    if before is None:
        return fallback
    if before.digest == digest:
        return before.stamp
    # A change a build option made (a new --base-url) moves no source, yet must reach Anki.
    return max(fallback, before.stamp + 1)
