"""The Anki decks, read back through the real Anki importer (PyPI ``anki``)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection
from anki_reader import (
    import_package,
    import_source,
    letters,
    notes_by_number,
    open_collection,
    package,
    text_of,
    write_source,
)
from conftest import FIXTURES

from qapress.build import sources
from qapress.items import Document
from qapress.markup import inline_text, plain_text, render_block, render_inline
from qapress.render.deck import notes as deck
from qapress.render.site.page import render_site
from qapress.settings import Settings

STAMP = 1_700_000_000
BASE_URL = "https://example.org/interview/"


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """Return an empty Anki collection."""
    with open_collection(tmp_path) as col:
        yield col


def test_fresh_import_holds_every_item_as_written(
    autoencoders: Document, collection: Collection, tmp_path: Path
) -> None:
    settings = Settings(stamp=STAMP, base_url=BASE_URL)
    log = import_package(collection, package(autoencoders, settings), tmp_path)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (100, 0, 0)
    assert (collection.note_count(), collection.card_count()) == (100, 100)
    notes = notes_by_number(collection)
    assert sorted(notes) == list(range(1, 101))
    for item in autoencoders.items:
        note = notes[item.number]
        assert note["Question"] == render_inline(item.question)
        assert note["Answer"] == render_block(item.answer)
        assert text_of(note["Question"]) == letters(inline_text(item.question))
        assert text_of(note["Answer"]) == letters(plain_text(item.answer))
        assert note["Source"] == html.escape(autoencoders.title)
        assert note["Link"] == f"https://example.org/interview/index.html#{item.id}"
        topics = {f"autoencoders::{tag}" for tag in item.tags[1:]}
        assert set(note.tags) == {"autoencoders"} | topics
    assert "autoencoders::architectures::convolutional" in notes[17].tags
    link = f'<a class="qa-link" href="https://example.org/interview/index.html#{autoencoders.items[0].id}">'
    assert link in notes[1].cards()[0].answer()
    assert "autoencoders::regularised::sparse" in notes[9].tags


def test_note_type_and_deck(autoencoders: Document, collection: Collection, tmp_path: Path) -> None:
    settings = Settings(stamp=STAMP, parent_deck="Interview")
    import_package(collection, package(autoencoders, settings), tmp_path)
    model = collection.models.get(deck.MODEL_ID)  # type: ignore[arg-type]
    assert model is not None
    assert [f["name"] for f in model["flds"]] == ["Question", "Answer", "Number", "Source", "Link"]
    assert model["flds"][model["sortf"]]["name"] == "Number"
    assert "nightMode" in model["css"] and "night_mode" in model["css"]
    name = f"Interview::{autoencoders.title}"
    target = collection.decks.by_name(name)
    assert target is not None
    assert len(collection.find_cards(f'"deck:{name}"')) == 100
    assert "100 questions" in target["desc"] and "autoencoders.md" in target["desc"]
    note = next(iter(notes_by_number(collection).values()))
    assert note["Link"] == ""
    assert "Read on the site" not in note.cards()[0].answer()


def test_hostile_html_arrives_as_text(collection: Collection, tmp_path: Path) -> None:
    source = (
        "# Hostile <b>title</b>\n\n### Q1. Does <script>alert(1)</script> run?\n"
        'No: <img src=x onerror="alert(2)"> and <iframe src="https://example.org"></iframe>'
        " stay text.\n"
    )
    card = import_source(collection, tmp_path, source).cards()[0]
    shown = card.question() + card.answer()
    for tag in ("<script", "<img", "<iframe", "<b>title"):
        assert tag not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert '&lt;img src=x onerror="alert(2)"&gt;' in shown


def test_code_is_highlighted_and_math_reaches_mathjax(
    collection: Collection, tmp_path: Path
) -> None:
    source = (
        "# Maths\n\n### Q1. What is $E = mc^2$?\nIt reads\n\n$$\\sum_i x_i$$\n\n"
        "```python\nprice = '$5 and $6'  # not $math$\n```\n\nand `$HOME` too.\n"
    )
    note = import_source(collection, tmp_path, source)
    assert "\\(E = mc^2\\)" in note["Question"]
    assert "\\[\\sum_i x_i\\]" in note["Answer"]
    assert '<pre class="hl"><code class="language-python">' in note["Answer"]
    code = html.unescape(note["Answer"])
    assert "'$5 and $6'" in code and "# not $math$" in code
    assert "<code>$HOME</code>" in note["Answer"]
    css = note.note_type()["css"]  # type: ignore[index]
    assert ".hl .k {" in css and ":is(.nightMode, .night_mode) .hl .k {" in css
    assert "pre {\n  text-align: left;\n  white-space: pre;\n  overflow-x: auto;" in css


def test_documents_share_the_note_type_and_keep_their_own_decks(
    autoencoders: Document, collection: Collection, tmp_path: Path
) -> None:
    other = write_source(
        tmp_path, "vae.md", "# VAEs\n\n### Q1. What is an autoencoder?\nA network.\n"
    )
    files = deck.render_decks([autoencoders, other], Settings(stamp=STAMP))
    packages = {name: data for name, data in files.items() if name.endswith(".apkg")}
    assert sorted(packages) == ["autoencoders.apkg", "vae.apkg"]
    for data in packages.values():
        assert not import_package(collection, data, tmp_path).conflicting
    assert collection.note_count() == 101
    names = [m.name for m in collection.models.all_names_and_ids()]
    assert names.count(deck.MODEL_NAME) == 1 and len(names) == len(set(names))
    assert len(collection.find_notes('"deck:VAEs" tag:vae')) == 1
    assert len(collection.find_notes(f'"deck:{autoencoders.title}" -tag:vae')) == 100


def test_sections_become_subdecks(collection: Collection, tmp_path: Path) -> None:
    source = FIXTURES / "parse" / "sections_restart.md"
    document = sources.gather([source]).documents[0]
    log = import_package(collection, package(document, Settings(stamp=STAMP)), tmp_path)
    assert len(log.new) == 4 and not log.conflicting
    for section in ("Basics", "Advanced"):
        notes = collection.find_notes(f'"deck:Sectioned::{section}"')
        assert len(notes) == 2
        tags = {tag for nid in notes for tag in collection.get_note(nid).tags}
        assert f"sections-restart::{section.lower()}" in tags


def test_card_links_match_the_site_anchors(
    autoencoders: Document, collection: Collection, tmp_path: Path
) -> None:
    other = write_source(
        tmp_path, "vae.md", "# VAEs\n\n### Q1. What is an autoencoder?\nA network.\n"
    )
    settings = Settings(stamp=STAMP, base_url=BASE_URL)
    files = deck.render_decks([autoencoders, other], settings)
    import_package(collection, files["vae.apkg"], tmp_path)
    (note,) = notes_by_number(collection).values()
    anchor = "vae--what-is-an-autoencoder"
    assert note["Link"] == f"https://example.org/interview/index.html#{anchor}"
    page = render_site([autoencoders, other], settings)["site/index.html"].decode()
    assert f'id="{anchor}"' in page and 'id="what-is-an-autoencoder"' in page


def test_the_card_shows_its_tags_as_text(
    autoencoders: Document, collection: Collection, tmp_path: Path
) -> None:
    import_package(collection, package(autoencoders, Settings(stamp=STAMP)), tmp_path)
    answer = notes_by_number(collection)[17].cards()[0].answer()
    assert (
        '<span class="qa-tags">autoencoders autoencoders::architectures::convolutional</span>'
        in answer
    )
    assert "{{text:Tags}}" in deck.card_style().sides["back"]


def test_each_item_gets_its_card_type(collection: Collection, tmp_path: Path) -> None:
    document = sources.gather([FIXTURES / "parse" / "card_types.md"]).documents[0]
    log = import_package(collection, package(document, Settings(stamp=STAMP)), tmp_path)
    assert (len(log.new), len(log.conflicting)) == (4, 0)
    notes = notes_by_number(collection)
    kinds = {n: (notes[n].mid, len(notes[n].cards())) for n in notes}
    types = deck.NOTE_TYPES
    assert kinds == {
        1: (types["reversed"].id, 2), 2: (types["cloze"].id, 2), 3: (types["type"].id, 1),
        4: (types["type"].id, 1),
    }
    assert collection.decks.by_name("Geography") is not None
    assert len(collection.find_cards('"deck:Geography"')) == 6
    lima = {card.ord: card for card in notes[1].cards()}
    assert "Lima" in lima[1].question() and "capital of Peru" not in lima[1].question()
    assert "capital of Peru" in lima[1].answer()
    danube = sorted(notes[2].cards(), key=lambda card: card.ord)
    assert notes[2]["Answer"].count("{{c") == 2
    assert "Black Sea" not in danube[0].question() and "[...]" in danube[0].question()
    assert "Black Sea" in danube[0].answer() and "[a country]" in danube[1].question()
    # Anki's reviewer puts its input box where the card leaves this mark.
    assert "[[type:Answer]]" in notes[3].cards()[0].question()


class _Counting:
    """Stands in for genanki's tag pattern and counts the characters given to it."""

    def __init__(self) -> None:
        self.scanned = 0

    def findall(self, text: str) -> list[str]:
        self.scanned += len(text)
        return []


def test_a_long_one_line_answer_is_not_searched_by_genankis_tag_pattern(
    collection: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # genanki's pattern is quadratic in the length of a line full of tags with attributes.
    line = " ".join(f"[word {n}](https://example.org/{n}) <span class=x>" for n in range(1500))
    counting = _Counting()
    monkeypatch.setattr(deck.genanki.Note, "_INVALID_HTML_TAG_RE", counting)
    card = import_source(collection, tmp_path, f"# Long\n\n### Q1. How long?\n{line}\n").cards()[0]
    assert counting.scanned == 0
    answer = card.answer()
    assert answer.count('<a href="https://example.org/') == 1500 and "&lt;span class=x&gt;" in answer
