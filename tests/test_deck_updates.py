"""Re-importing rebuilt decks into the same Anki collection: updates in place, history kept."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from anki.collection import Collection
from anki_reader import (
    copy_autoencoders,
    import_package,
    notes_by_number,
    open_collection,
    package,
)

from qapress.build import pipeline, sources
from qapress.items import Document
from qapress.render import templates
from qapress.render.deck import notes as deck
from qapress.settings import Settings

SOURCE = Path(__file__).resolve().parent.parent / "source"
FIRST, LATER = 1_700_000_000, 1_700_003_600
OLD_ANSWER = "good for images."
NEW_ANSWER = "well suited to images."


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """Return an empty Anki collection."""
    with open_collection(tmp_path) as col:
        yield col


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """Return a copy of the autoencoders document (and its topic tags) that a test may edit."""
    return copy_autoencoders(tmp_path)


def build(source: Path) -> bytes:
    """Build the deck as ``build.py`` does: gather, stamp, render."""
    documents = sources.gather([source]).documents
    return package(documents[0], Settings(stamp=pipeline.source_stamp(documents)))


def date_source(source: Path, when: int, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Date the next build ``when``: through ``SOURCE_DATE_EPOCH``, or through the file's mtime."""
    if how == "epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(when))
    else:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        os.utime(source, (when, when))
        os.utime(source.with_name("autoencoders.tags.toml"), (FIRST, FIRST))


def review_state(col: Collection, number: int) -> tuple[int, ...]:
    """Return the scheduling of an item's card and the size of its review log."""
    card = notes_by_number(col)[number].cards()[0]
    reviews = col.db.scalar("select count() from revlog where cid = ?", card.id)
    return (card.id, card.nid, card.type, card.queue, card.ivl, card.due, card.reps, reviews)


@pytest.mark.parametrize("how", ["epoch", "mtime"])
def test_edited_answer_updates_its_note_and_keeps_its_history(
    collection: Collection, source: Path, tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    date_source(source, FIRST, how, monkeypatch)
    first = build(source)
    assert len(import_package(collection, first, tmp_path).new) == 100
    card = notes_by_number(collection)[17].cards()[0]
    for _ in range(2):
        card.start_timer()
        collection.sched.answerCard(card, 3)
    reviewed = review_state(collection, 17)
    assert reviewed[2:4] == (2, 2) and reviewed[-1] == 2

    assert build(source) == first
    log = import_package(collection, first, tmp_path)
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, 100)

    text = source.read_text(encoding="utf-8")
    assert text.count(OLD_ANSWER) == 1
    source.write_text(text.replace(OLD_ANSWER, NEW_ANSWER), encoding="utf-8")
    date_source(source, LATER, how, monkeypatch)
    log = import_package(collection, build(source), tmp_path)

    assert (len(log.new), len(log.conflicting)) == (0, 0)
    assert "What is a convolutional autoencoder (CAE)?" in {note.fields[0] for note in log.updated}
    assert collection.note_count() == 100 and collection.card_count() == 100
    note = notes_by_number(collection)[17]
    assert NEW_ANSWER in note["Answer"] and note.mod == LATER
    assert review_state(collection, 17) == reviewed


@pytest.mark.parametrize("part", ["css", "front", "back"])
def test_restyled_cards_update_the_one_note_type(
    autoencoders: Document, collection: Collection, tmp_path: Path, part: str
) -> None:
    import_package(collection, package(autoencoders, Settings(stamp=FIRST)), tmp_path)
    before = collection.models.all_names_and_ids()
    style = deck.card_style()
    mark = "\n<!-- restyled -->\n"
    if part == "css":
        restyled = replace(style, css=style.css + mark)
    else:
        restyled = replace(style, sides={**style.sides, part: style.sides[part] + mark})
    log = import_package(
        collection, deck.deck_package(autoencoders, Settings(stamp=LATER), restyled), tmp_path
    )

    assert (len(log.new), len(log.conflicting)) == (0, 0)
    assert collection.models.all_names_and_ids() == before
    model = collection.models.get(deck.MODEL_ID)  # type: ignore[arg-type]
    assert model is not None and model["name"] == deck.MODEL_NAME
    shown = {
        "css": model["css"],
        "front": model["tmpls"][0]["qfmt"],
        "back": model["tmpls"][0]["afmt"],
    }
    assert shown[part] == (restyled.css if part == "css" else restyled.sides[part])
    assert {note.mid for note in notes_by_number(collection).values()} == {deck.MODEL_ID}


def test_builds_with_source_date_epoch_are_identical(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST))
    first = build(source)
    # A fresh checkout dates every file anew; the package must not notice.
    later = int(time.time()) + 86_400
    for path in source.parent.iterdir():
        os.utime(path, (later, later))
    assert build(source) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {time.gmtime(FIRST)[:6]}


def test_a_newer_template_dates_the_build(
    autoencoders: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "anki").mkdir()
    style = tmp_path / "anki" / "style.css"
    style.write_text(".card {}\n", encoding="utf-8")
    newer = autoencoders.modified + 600
    os.utime(style, (newer, newer))
    monkeypatch.setattr(templates, "TEMPLATE_DIR", tmp_path)
    assert pipeline.source_stamp([autoencoders]) == newer
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST))
    assert pipeline.source_stamp([autoencoders]) == FIRST


@pytest.mark.parametrize("pinned", [False, True])
def test_reworded_question_is_a_new_note_unless_its_id_is_pinned(
    collection: Collection,
    source: Path,
    tmp_path: Path,
    pinned: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    date_source(source, FIRST, "epoch", monkeypatch)
    import_package(collection, build(source), tmp_path)
    old_id = next(i.id for i in sources.gather([source]).documents[0].items if i.number == 17)
    old_question = "What is a convolutional autoencoder (CAE)?"
    pin = f"\n<!-- id: {old_id} -->" if pinned else ""
    text = source.read_text(encoding="utf-8").replace(OLD_ANSWER, OLD_ANSWER + pin)
    source.write_text(
        text.replace(old_question, "What does a convolutional autoencoder do?"), "utf-8"
    )
    date_source(source, LATER, "epoch", monkeypatch)
    log = import_package(collection, build(source), tmp_path)

    assert (len(log.new), collection.note_count()) == ((0, 100) if pinned else (1, 101))
    # Both notes carry number 17 when the old one stays, so read them all rather than by number.
    questions = {collection.get_note(nid)["Question"] for nid in collection.find_notes("")}
    assert "What does a convolutional autoencoder do?" in questions
    assert (old_question in questions) is not pinned
