"""An Anki package (.apkg) as bytes: genanki fills the collection, we fix every timestamp."""

from __future__ import annotations

import io
import itertools
import json
import sqlite3
import time
import zipfile
from collections.abc import Mapping, Sequence

from qapress.render.deck.library import genanki

ZIP_EPOCH = 315532800
"""1980-01-01, the earliest date a zip entry can carry."""


def write_package(
    decks: Sequence[genanki.Deck],
    stamp: int,
    note_times: Mapping[str, int],
    media: Mapping[str, bytes] | None = None,
) -> bytes:
    """Return the package holding ``decks`` and ``media`` (flat file names to their bytes), the
    same bytes for the same decks, media and times.

    ``stamp`` dates the note types and cards and seeds the note ids; ``note_times`` dates each note
    by its guid, which is what Anki compares to decide whether a re-imported note replaces its own.
    """
    collection = _collection(decks, stamp, note_times)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("collection.anki2", stamp), collection)
        # Anki reads media as entries "0", "1", ... and a JSON table of their names.
        names = sorted(media or {})
        table = {str(number): name for number, name in enumerate(names)}
        archive.writestr(_entry("media", stamp), json.dumps(table).encode())
        for number, name in table.items():
            archive.writestr(_entry(number, stamp), (media or {})[name])
    return out.getvalue()


def _collection(
    decks: Sequence[genanki.Deck], stamp: int, note_times: Mapping[str, int]
) -> bytes:
    # In memory, so a build writes no temporary files and the database image is all we keep.
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        genanki.Package(list(decks)).write_to_db(cursor, stamp, itertools.count(stamp * 1000))
        # Each note keeps its own date, so that re-importing updates only the notes that changed.
        # Anki's schema has no index on guid: the dates go through a keyed temporary table (kept
        # out of the database image), so that dating n notes is one pass, not n.
        cursor.execute("CREATE TEMP TABLE dates (guid TEXT PRIMARY KEY, mod INTEGER) WITHOUT ROWID")
        cursor.executemany("INSERT INTO dates VALUES (?, ?)", note_times.items())
        cursor.execute(
            "UPDATE notes SET mod = (SELECT mod FROM dates WHERE dates.guid = notes.guid)"
        )
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()


def _entry(name: str, stamp: int) -> zipfile.ZipInfo:
    # Fixed date, permissions and host system: zipfile would otherwise use the clock and the OS.
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(stamp, ZIP_EPOCH))[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info
