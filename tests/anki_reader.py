"""Reading decks back the way a user does: import them into a real Anki collection."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportResponse
from anki.notes import Note

from qapress.build import sources
from qapress.items import Document
from qapress.render import paths
from qapress.render.deck import notes as deck
from qapress.settings import Settings

SOURCE = Path(__file__).resolve().parent.parent / "source"


@contextmanager
def open_collection(folder: Path) -> Iterator[Collection]:
    """Open an empty Anki collection in ``folder``, and close it afterwards."""
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, data: bytes, folder: Path) -> ImportResponse.Log:
    """Import ``data`` with the options Anki's Import dialog starts with; return the import log."""
    path = folder / f"import-{len(list(folder.glob('import-*')))}.apkg"
    path.write_bytes(data)
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def package(document: Document, settings: Settings) -> bytes:
    """Return the one package ``render_decks`` writes for ``document``."""
    files = deck.render_decks([document], settings)
    assert list(files) == [paths.deck_file(document), paths.deck_manifest(document)]
    return files[paths.deck_file(document)]


def notes_by_number(col: Collection) -> dict[int, Note]:
    """Return every note in the collection, keyed by its item number."""
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    return {int(note["Number"]): note for note in notes}


def text_of(field: str) -> str:
    """Return the characters a field shows, without markup or whitespace."""
    return letters(html.unescape(re.sub(r"<[^>]+>", "", field)))


def letters(text: str) -> str:
    """Return ``text`` without whitespace, so that line breaks between blocks do not count."""
    return "".join(text.split())


def copy_autoencoders(folder: Path) -> Path:
    """Copy the autoencoders document and its topic tags into ``folder``/source; return the copy."""
    source = folder / "source"
    source.mkdir()
    for name in ("autoencoders.md", "autoencoders.tags.toml"):
        shutil.copyfile(SOURCE / name, source / name)
    return source / "autoencoders.md"


def write_source(folder: Path, name: str, text: str) -> Document:
    """Write a Markdown source and return it as the build reads it."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return sources.gather([path]).documents[0]


def import_source(col: Collection, folder: Path, text: str) -> Note:
    """Build a one-item source into a deck, import it, and return its note."""
    document = write_source(folder, "one.md", text)
    import_package(col, package(document, Settings(stamp=1_700_000_000)), folder)
    [note] = notes_by_number(col).values()
    return note
