"""Gathering sources, topic files, and replacing the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from qapress.build import folder, pipeline, sources
from qapress.problems import SourceError, UserError
from qapress.render import templates

COLLECTION = FIXTURES / "collection"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_find_sources_takes_files_and_folders_without_repeats() -> None:
    sql = COLLECTION / "sql.md"
    found = sources.find_sources([COLLECTION, sql])
    assert [p.name for p in found] == ["python-basics.md", "sql.md"]


def test_gather_reads_every_document_with_its_topics() -> None:
    gathered = sources.gather(sources.find_sources([COLLECTION]))
    python, sql = gathered.documents
    assert (python.slug, python.title) == ("python-basics", "Python Basics Interview Questions")
    assert [i.tags for i in python.items] == [
        ("python-basics", "syntax"),
        ("python-basics", "syntax"),
        ("python-basics", "runtime::threads"),
    ]
    assert python.topics == ("syntax", "runtime::threads")
    assert [i.tags for i in sql.items] == [("sql",), ("sql",)]
    assert gathered.warnings == ()


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.md", "### Q1.\nNo question.\n\n### Q1. Again?\nYes.\n")
    second = _write(tmp_path, "b.md", "Nothing here.\n")
    with pytest.raises(SourceError) as caught:
        sources.gather([first, second])
    assert [(p.path, p.line) for p in caught.value.problems] == [
        (str(first), 1), (str(first), 4), (str(second), 1)
    ]


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    source = _write(tmp_path, "gap.md", "### Q1. A?\nA.\n\n### Q3. C?\nC.\n")
    assert len(sources.gather([source]).warnings) == 1
    with pytest.raises(SourceError) as caught:
        sources.gather([source], strict=True)
    assert str(caught.value) == f"{source}:4: Q3 follows Q1, so Q2 is missing (renumber to close the gap)"


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ('[topics]\nbasics = "1, 7"\n', [
            "doc.tags.toml:2: warning: topic 'basics' names Q7, which doc.md does not have",
            "doc.md:4: warning: Q2 has no topic tag (add Q2 to a topic in doc.tags.toml)",
        ]),
        ('[topics]\nbasics = "2"\n', ["doc.md:1: warning: Q1 has no topic tag (add Q1 to a topic in doc.tags.toml)"]),
        ('[topics]\n"two words" = "1-2"\n', ["doc.tags.toml:2: topic 'two words' is not a usable tag (letters, digits and - _ . + # only, no spaces; nest topics as parent::child)"]),
        ('[topics]\nbasics = "2-1"\n', ["doc.tags.toml:2: topic 'basics' has no usable numbers (list question numbers and ranges as a string, like \"1-6, 9\")"]),
        ('[topics]\nbasics = "1-999999999"\n', ["doc.tags.toml:2: topic 'basics' has no usable numbers (list question numbers and ranges as a string, like \"1-6, 9\")"]),
        ("basics = 1\n", ['doc.tags.toml:1: no [topics] table (add one: topic = "1-5, 9")']),
        ("[topics\n", ["doc.tags.toml:1: not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 8)"]),
    ],
    ids=["unknown-number", "uncovered-item", "bad-name", "bad-range", "huge-range", "no-table", "bad-toml"],
)
def test_tag_file_problems_name_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tags: str, expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = _write(Path("."), "doc.md", "### Q1. A?\nA.\n\n### Q2. B?\nB.\n")
    _write(Path("."), "doc.tags.toml", tags)
    try:
        problems = sources.gather([doc]).warnings
    except SourceError as error:
        problems = error.problems
    assert [str(p) for p in problems] == expected


def test_documents_with_the_same_output_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _write(tmp_path / "a", "notes.md", "### Q1. A?\nA.\n")
    second = _write(tmp_path / "b", "notes.md", "### Q1. B?\nB.\n")
    with pytest.raises(SourceError, match=f"output name 'notes' is taken by {first}"):
        sources.gather([first, second])


def test_source_stamp_prefers_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = sources.gather([COLLECTION / "sql.md"]).documents
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert pipeline.source_stamp(documents) == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UserError, match="not a whole number"):
        pipeline.source_stamp(documents)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert pipeline.source_stamp(documents) >= documents[0].modified > 0


def test_replace_folder_swaps_in_the_new_files(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    folder.replace_folder(out, {folder.MARKER: b"", "old.txt": b"old"})
    folder.replace_folder(out, {folder.MARKER: b"", "site/new.txt": b"new"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        folder.MARKER, "site", "site/new.txt"
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_replace_folder_never_replaces_a_folder_it_did_not_write(tmp_path: Path) -> None:
    precious = _write(tmp_path, "thesis.tex", "years of work")
    with pytest.raises(UserError, match="refusing to replace"):
        folder.replace_folder(tmp_path, {folder.MARKER: b""})
    assert precious.read_text() == "years of work"


def test_a_failed_write_leaves_the_old_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "dist"
    folder.replace_folder(out, {folder.MARKER: b"", "kept.txt": b"kept"})

    def broken(self: Path, data: bytes) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_bytes", broken)
    with pytest.raises(UserError, match="disk full"):
        folder.replace_folder(out, {folder.MARKER: b"", "new.txt": b"new"})
    assert (out / "kept.txt").read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_compiled_templates_are_kept_in_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    templates.environment.cache_clear()
    try:
        templates.environment().get_template("site/index.html")
    finally:
        templates.environment.cache_clear()
    assert list((tmp_path / "qapress" / "templates").iterdir())


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = _write(tmp_path, "not-a-folder", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    templates.environment.cache_clear()
    try:
        page = templates.environment().get_template("sheet/base.html")
    finally:
        templates.environment.cache_clear()
    assert page.render  # compiled here, and kept nowhere
