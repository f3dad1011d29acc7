"""What a build keeps of each source for the next: unchanged sources are not parsed again."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from qapress import markup
from qapress.build import pipeline, remembered
from qapress.build.outputs import Output, chosen
from qapress.cli import main
from qapress.problems import Problem
from qapress.read import document as reader
from qapress.render.paths import Files
from qapress.settings import Settings

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
TEXT = """# Kept between builds

## Q1. What does the cache hold?

What each source read as, and its renderings: $e^{i\\pi} + 1 = 0$.

## Q2. Which picture is shown?

![a dot](dot.png)

## Q4. Why is this number out of order?

Because the reader warns about the gap, and the warning must come back.

```python
print("code colours too")
```
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A source with a formula, a picture, code, a tags file and a warning; its own cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "kept.md").write_text(TEXT, encoding="utf-8")
    (folder / "kept.tags.toml").write_text('[topics]\nbasics = "1-2"\n', encoding="utf-8")
    (folder / "dot.png").write_bytes(PNG)
    markup.clear_caches()
    yield folder / "kept.md"
    markup.clear_caches()


def build(source: Path, out: Path, remember: bool = True) -> tuple[Files, list[Problem]]:
    """Build every output but the PDF, as a new process would: nothing rendered in memory."""
    markup.clear_caches()
    heard: list[Problem] = []
    _, files = pipeline.build(
        [source], out, Settings, chosen(), jobs=1,
        remember=remember, warn=heard.extend,
    )
    return files, heard


def refuse(*_: object, **__: object) -> None:
    raise AssertionError("parsed again")


def test_an_unchanged_source_is_neither_parsed_nor_rendered_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, first_warnings = build(project, tmp_path / "one")
    monkeypatch.setattr(reader, "parse_document", refuse)
    monkeypatch.setattr(markup, "_render", refuse)
    again, again_warnings = build(project, tmp_path / "two")
    assert again == first
    assert again_warnings == first_warnings
    assert any("Q3" in problem.message for problem in again_warnings)


def test_a_build_that_keeps_nothing_gives_the_same_files(project: Path, tmp_path: Path) -> None:
    kept, _ = build(project, tmp_path / "one")
    recalled, _ = build(project, tmp_path / "two")
    fresh, _ = build(project, tmp_path / "three", remember=False)
    assert kept == recalled == fresh


def test_an_edited_answer_is_the_only_text_rendered_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project, tmp_path / "one")
    edited = "Because the reader warns about the gap, and says so again."
    project.write_text(TEXT.replace("Because the reader warns about the gap, and the warning must come back.", edited),
                       encoding="utf-8")
    rendered: list[str] = []
    render = markup._render

    def counted(markdown: str, *args: object) -> object:
        rendered.append(markdown)
        return render(markdown, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(markup, "_render", counted)
    files, _ = build(project, tmp_path / "two")
    # The document's title is read with the document, which changed; no other item is rendered.
    assert {text.split("\n")[0] for text in rendered} == {edited, "Kept between builds"}
    assert b"says so again" in files["print/kept.html"]
    monkeypatch.setattr(markup, "_render", refuse)
    again, _ = build(project, tmp_path / "three")  # the new rendering was kept in its turn
    assert again == files


def test_a_changed_tags_file_is_read_again(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "one")
    project.with_name("kept.tags.toml").write_text('[topics]\nlater = "4"\n', encoding="utf-8")
    markup.clear_caches()
    document = pipeline.gather([project], remember=True).documents[0]
    assert [item.tags for item in document.items] == [("kept",), ("kept",), ("kept", "later")]


def test_pictures_are_read_on_every_build(project: Path, tmp_path: Path) -> None:
    first, _ = build(project, tmp_path / "one")
    changed = PNG.replace(b"\xf8\xff\xff?", b"\xf8\x00\x00?")
    project.with_name("dot.png").write_bytes(changed)
    again, _ = build(project, tmp_path / "two")
    assert {data for name, data in again.items() if name.endswith(".png")} == {changed}
    assert {data for name, data in first.items() if name.endswith(".png")} == {PNG}


def test_new_code_reads_every_source_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project, tmp_path / "one")
    monkeypatch.setattr(remembered, "fingerprint", lambda: b"another release!")
    parsed: list[str] = []
    parse = reader.parse_document
    monkeypatch.setattr(reader, "parse_document", lambda text, *rest: parsed.append(text) or parse(text, *rest))
    build(project, tmp_path / "two")
    assert len(parsed) == 1


def test_an_entry_that_cannot_be_read_is_read_again(project: Path, tmp_path: Path) -> None:
    first, _ = build(project, tmp_path / "one")
    entries = sorted((tmp_path / "cache" / "qapress" / "documents").iterdir())
    assert [entry.suffix for entry in entries] == [".html", ".read"]
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])
    again, _ = build(project, tmp_path / "two")
    assert again == first


def test_the_cache_folder_is_the_users_alone(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "one")
    assert (tmp_path / "cache" / "qapress" / "documents").stat().st_mode & 0o777 == 0o700


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    first, _ = build(project, tmp_path / "one")
    again, _ = build(project, tmp_path / "two")
    assert again == first


def test_no_cache_neither_uses_nor_keeps_anything(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "elsewhere"
    command = [sys.executable, str(ROOT / "build.py"), str(project), "--out", str(tmp_path / "out")]
    environment = {"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin"}
    subprocess.run([*command, "--no-cache"], check=True, capture_output=True, env=environment)
    assert not (cache / "qapress" / "documents").exists()
    subprocess.run(command, check=True, capture_output=True, env=environment)
    assert len(list((cache / "qapress" / "documents").iterdir())) == 2


def test_workers_forked_ahead_of_a_rebuild_write_the_bytes_of_a_fresh_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(Output, "loaded", property(lambda _: False))  # as in a fresh process
    built = []
    for run, options in enumerate((["--no-cache", "--jobs", "1"], ["--jobs", "2"], ["--jobs", "2"])):
        markup.clear_caches()
        out = tmp_path / f"out-{run}"
        assert main([str(project), "--out", str(out), "--quiet", *options]) == 0
        built.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert built[0] == built[1] == built[2]
    assert len(forks) == 2  # one worker ahead of each build given two processes
