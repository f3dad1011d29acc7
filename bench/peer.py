"""The peer: ``ankdown`` from PyPI, in a virtual environment of its own under the user's cache.

ankdown reads Markdown cards written as ``front`` / ``%`` / ``back`` / ``%`` / ``tags``, separated
by ``---``, from a folder named after the deck, and writes one ``.apkg`` with genanki.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from qapress.items import Document

VERSION = "0.7.1"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qapress-bench"


def install() -> Path:
    """Return the ``ankdown`` command, installing it into its own environment the first time."""
    venv = CACHE / f"ankdown-{VERSION}"
    command = venv / "bin" / "ankdown"
    if not command.exists():
        # Its own environment: ankdown pins nothing, but brings misaka, docopt and PyYAML along.
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"ankdown=={VERSION}"]
        subprocess.run(pip, check=True)
    return command


def clean_python(root: Path) -> Path:
    """Return a Python whose environment holds only our dependencies, made like the peer's.

    The peer runs from a fresh environment of its own; so do we, with the code from ``root``
    (``build.py`` puts its own folder first on the path), so that neither pays for whatever else
    the benchmark's own interpreter has installed.
    """
    venv = CACHE / "qapress-dependencies"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(root)], check=True)
    return python


def cards_text(document: Document) -> str:
    """Write the document's items in ankdown's input format."""
    cards: list[str] = []
    for item in document.items:
        lines = {line.strip() for line in item.answer.split("\n")}
        if lines & {"---", "%"}:
            raise ValueError(f"Q{item.number}: a line of its answer is one of ankdown's separators")
        cards.append(f"{item.question}\n\n%\n\n{item.answer}\n\n%\n\n{' '.join(item.tags)}\n")
    return "\n---\n\n".join(cards)


def write_cards(document: Document, folder: Path) -> Path:
    """Write the cards into ``folder/<slug>/``, the deck folder ankdown expects; return it."""
    deck = folder / document.slug
    deck.mkdir(parents=True, exist_ok=True)
    (deck / f"{document.slug}.md").write_text(cards_text(document), encoding="utf-8")
    return deck


def count_notes(package: Path) -> int:
    """Return how many notes an ``.apkg`` holds, read from its collection database."""
    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as scratch:
        database = Path(archive.extract("collection.anki2", scratch))
        with sqlite3.connect(database) as connection:
            (count,) = connection.execute("select count(*) from notes").fetchone()
    return int(count)
