"""Decks that remember the last build: per-note dates, removed questions, a deck that keeps its name.

Every build here goes through the build itself, into an output folder that keeps the deck's
memory, and every package is read back through the real Anki importer.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection
from anki_reader import (
    copy_autoencoders,
    import_package,
    notes_by_number,
    open_collection,
    package,
)

from qapress import shipped
from qapress.build import pipeline, sources
from qapress.build.outputs import OUTPUTS
from qapress.problems import Problem
from qapress.settings import Settings

FIRST, LATER, LAST = 1_700_000_000, 1_700_003_600, 1_700_007_200
USER_EDIT = FIRST + 60
"""When the user edits a card inside Anki: after the first build, before the source changes."""
TAG = "autoencoders::removed"


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """Return an empty Anki collection."""
    with open_collection(tmp_path) as col:
        yield col


@pytest.fixture
def build(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """Return a function that builds the deck into one output folder, dated ``when``."""

    def build_at(when: int, **options: Any) -> tuple[bytes, list[Problem]]:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(when))
        heard: list[Problem] = []
        out = tmp_path / "dist"
        pipeline.build(
            [source], out, partial(Settings, **options), [OUTPUTS["deck"]], jobs=1, warn=heard.extend
        )
        return (out / "autoencoders.apkg").read_bytes(), heard

    return build_at


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """Return a copy of the autoencoders document (and its topic tags) that a test may edit."""
    return copy_autoencoders(tmp_path)


def edit(source: Path, old: str, new: str) -> None:
    """Replace the one place ``old`` is written in the source with ``new``."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    source.write_text(text.replace(old, new), encoding="utf-8")


def review(col: Collection, number: int) -> tuple[int, ...]:
    """Answer an item's card twice; return its scheduling and the size of its review log."""
    card = notes_by_number(col)[number].cards()[0]
    for _ in range(2):
        card.start_timer()
        col.sched.answerCard(card, 3)
    return schedule(col, number)


def schedule(col: Collection, number: int) -> tuple[int, ...]:
    """Return the scheduling of an item's card and the size of its review log."""
    card = notes_by_number(col)[number].cards()[0]
    reviews = col.db.scalar("select count() from revlog where cid = ?", card.id)
    return (card.id, card.nid, card.type, card.queue, card.ivl, card.due, card.reps, reviews)


def removed_numbers(col: Collection) -> list[int]:
    """Return the numbers of the notes the search for removed questions finds."""
    return sorted(int(col.get_note(nid)["Number"]) for nid in col.find_notes(f"tag:{TAG}"))


def test_an_edit_made_in_anki_survives_a_source_edit_of_another_card(
    build: Any, collection: Collection, source: Path, tmp_path: Path
) -> None:
    import_package(collection, build(FIRST)[0], tmp_path)
    history = {number: review(collection, number) for number in (1, 10, 17)}
    mine = notes_by_number(collection)[10]
    mine["Answer"] = "My own words for this answer."
    collection.update_note(mine)
    collection.db.execute("update notes set mod = ? where id = ?", USER_EDIT, mine.id)

    edit(source, "An autoencoder is a neural network trained", "An autoencoder is a network trained")
    log = import_package(collection, build(LATER)[0], tmp_path)

    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 1, 0)
    notes = notes_by_number(collection)
    assert notes[1]["Answer"].startswith("<p>An autoencoder is a network trained")
    assert notes[10]["Answer"] == "My own words for this answer."
    assert {number: schedule(collection, number) for number in history} == history
    assert collection.note_count() == collection.card_count() == 100


def test_a_new_base_url_reaches_every_note(
    build: Any, collection: Collection, tmp_path: Path
) -> None:
    import_package(collection, build(FIRST)[0], tmp_path)
    log = import_package(collection, build(FIRST, base_url="https://example.org/ae/")[0], tmp_path)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 100, 0)
    links = [note["Link"] for note in notes_by_number(collection).values()]
    assert len(links) == 100 and all(link.startswith("https://example.org/ae/index.html#") for link in links)


def test_removed_and_reworded_questions_are_found_by_one_search_and_reported(
    build: Any, collection: Collection, source: Path, tmp_path: Path
) -> None:
    import_package(collection, build(FIRST)[0], tmp_path)
    q4 = source.read_text(encoding="utf-8").split("### Q4.")[1].split("### Q5.")[0]
    edit(source, f"### Q4.{q4}", "")
    edit(source, "What is undercomplete autoencoder?", "What makes an autoencoder undercomplete?")
    data, heard = build(LATER)
    log = import_package(collection, data, tmp_path)

    assert (len(log.new), len(log.conflicting)) == (1, 0)
    assert removed_numbers(collection) == [4, 5]
    found = [collection.get_note(nid) for nid in collection.find_notes(f"tag:{TAG}")]
    assert {note["Question"] for note in found} == {
        "What loss functions are used in autoencoders?", "What is undercomplete autoencoder?"
    }
    assert all("no longer in autoencoders.md" in note["Answer"] for note in found)
    said = [str(p) for p in heard if "removed since" in p.message or " was reworded" in p.message]
    assert said[0].startswith(f"{source}:1: warning: 2 questions removed since the last build: Q4 ")
    assert "'What is undercomplete autoencoder?'" in said[0] and f"tag:{TAG}" in said[0]
    assert "Q5 was reworded" in said[1] and "<!-- id: what-is-undercomplete-autoencoder -->" in said[1]

    # Carried once: the next build neither ships them again nor speaks of them.
    data, heard = build(LAST)
    assert not [p for p in heard if "removed since" in p.message]
    log = import_package(collection, data, tmp_path)
    assert (len(log.new), len(log.updated)) == (0, 0)


def test_a_new_title_and_a_new_question_keep_one_deck(
    build: Any, collection: Collection, source: Path, tmp_path: Path
) -> None:
    import_package(collection, build(FIRST)[0], tmp_path)
    edit(source, "Questions & Answers (1–100)", "Questions & Answers (1–101)")
    with source.open("a", encoding="utf-8") as text:
        text.write("\n---\n\n### Q101. What is a denoising step?\nOne pass that removes noise.\n")
    data, heard = build(LATER)
    log = import_package(collection, data, tmp_path)

    assert (len(log.new), len(log.conflicting)) == (1, 0)
    decks = [d.name for d in collection.decks.all_names_and_ids() if d.name != "Default"]
    assert decks == ["Autoencoders (AE) Interview Questions & Answers (1–100)"]
    assert len(collection.find_cards(f'"deck:{decks[0]}"')) == collection.card_count() == 101
    [said] = [str(p) for p in heard if "cards live in" in p.message]
    assert "<!-- deck: Autoencoders (AE) Interview Questions & Answers (1–101) -->" in said


def test_without_memory_notes_are_dated_by_the_source_as_before(
    build: Any, autoencoders: Any, tmp_path: Path
) -> None:
    first, _ = build(FIRST)
    [document] = sources.gather([tmp_path / "source" / "autoencoders.md"]).documents
    assert first == package(document, Settings(stamp=FIRST))
    # A rebuild of the same sources, memory and all, is the same bytes.
    assert build(FIRST)[0] == first
    (tmp_path / "dist" / "autoencoders.deck.json").write_text("{not json", encoding="utf-8")
    assert build(FIRST)[0] == first


def test_the_memory_reads_back_as_it_was_written(build: Any, tmp_path: Path) -> None:
    build(FIRST)
    text = (tmp_path / "dist" / "autoencoders.deck.json").read_text(encoding="utf-8")
    deck = shipped.read_manifest(text)
    assert deck is not None and len(deck.notes) == 100
    assert shipped.manifest_json(deck).decode() == text
    assert {note.stamp for note in deck.notes} == {FIRST}
    assert shipped.read_manifest(text.replace('"qapress_deck": 1', '"qapress_deck": 2')) is None
    assert shipped.read_manifest(text.replace(f"{FIRST}]", f'"{FIRST}"]', 1)) is None


def test_a_deck_line_names_the_deck_and_says_where_the_cards_are(
    build: Any, collection: Collection, source: Path, tmp_path: Path
) -> None:
    import_package(collection, build(FIRST)[0], tmp_path)
    old = "Autoencoders (AE) Interview Questions & Answers (1–100)"
    collection.decks.rename(collection.decks.id_for_name(old), "Autoencoders")  # type: ignore[arg-type]
    edit(source, f"# {old}\n", f"# {old}\n\n<!-- deck: Autoencoders -->\n")
    with source.open("a", encoding="utf-8") as text:
        text.write("\n---\n\n### Q101. What is a denoising step?\nOne pass that removes noise.\n")
    data, heard = build(LATER)
    [said] = [str(p) for p in heard if "cards live in" in p.message]
    assert f"the deck is now named 'Autoencoders', but the cards live in {old!r}" in said
    log = import_package(collection, data, tmp_path)
    assert (len(log.new), len(log.conflicting)) == (1, 0)
    assert len(collection.find_cards('"deck:Autoencoders"')) == 101
    assert not [p for p in build(LAST)[1] if "cards live in" in p.message]
