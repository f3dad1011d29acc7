"""The project file: discovery, precedence over defaults, the command line over it, and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from qapress import __version__
from qapress.cli import main

SQL = (FIXTURES / "collection" / "sql.md").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a folder with notes/sql.md in it, made the current folder."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "sql.md").write_text(SQL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _settings(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["--check", "--json", *argv]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == __version__
    settings: dict[str, object] = report["settings"]
    return settings | {"file": report["project_file"]}


def test_options_come_from_qapress_toml_and_the_command_line_wins(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "qapress.toml").write_text(
        'sources = ["notes"]\nout = "public"\nbase-url = "https://example.org/qa"\n'
        'parent_deck = "Interview"\npaper = "letter"\npdf = false\njobs = 1\ntitle = "Interview"\n'
        'columns = 3\nfont-size = 7.5\nno-tags = true\nby-topic = true\nno-cache = true\n',
        encoding="utf-8",
    )
    found = _settings(capsys)
    assert found == {
        "sources": ["notes"], "out": "public", "strict": False, "format": None, "jobs": 1,
        "pdf": False, "paper": "letter", "base-url": "https://example.org/qa",
        "parent-deck": "Interview", "title": "Interview", "lang": None,
        "file": str(project / "qapress.toml"),
        "pdf-engine": "auto", "columns": 3, "font-size": 7.5, "landscape": False,
        "no-tags": True, "self-test": False, "by-topic": True, "topic": None, "no-cache": True,
    }
    overridden = _settings(capsys, "--paper", "a4", "--out", "elsewhere", "notes/sql.md")
    assert (overridden["paper"], overridden["out"], overridden["sources"]) == ("a4", "elsewhere", ["notes/sql.md"])
    assert main([]) == 0
    assert (project / "public" / "sql.apkg").is_file()


def test_the_file_is_found_from_a_folder_below_and_its_paths_are_its_own(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "qapress.toml").write_text('sources = ["notes"]\nout = "public"\n', encoding="utf-8")
    monkeypatch.chdir(project / "notes")
    assert main(["--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (project / "public" / "sql.apkg").is_file()


def test_pyproject_tool_table_counts_and_qapress_toml_comes_first(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.qapress]\nsources = ["notes"]\npaper = "letter"\n'
        '\n[tool.other]\npaper = 3\n',
        encoding="utf-8",
    )
    assert _settings(capsys)["paper"] == "letter"
    (project / "qapress.toml").write_text('sources = ["notes"]\n', encoding="utf-8")
    found = _settings(capsys)
    assert (found["paper"], found["file"]) == ("a4", str(project / "qapress.toml"))


def test_a_pyproject_without_the_table_is_passed_over(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "qapress.toml").write_text('sources = ["notes"]\npaper = "letter"\n', encoding="utf-8")
    (project / "notes" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "notes" / "inner").mkdir()
    monkeypatch.chdir(project / "notes" / "inner")
    assert _settings(capsys)["paper"] == "letter"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('paper = "legal"\n', "qapress.toml:1: 'paper' must be one of a4, letter"),
        ('\n\npdf = "yes"\n', "qapress.toml:3: 'pdf' must be true or false"),
        ("jobs = 0\n", "qapress.toml:1: 'jobs' is not usable: '0' is not a whole number of processes from 1 up"),
        ('base-url = "ftp://x"\n', "qapress.toml:1: 'base-url' is not usable: 'ftp://x' is not an http:// or https:// address, like https://example.org/notes"),
        ('jobs = "2"\n', "qapress.toml:1: 'jobs' must be a whole number from 1 up"),
        ('sources = "notes"\n', "qapress.toml:1: 'sources' must be a list of paths, like [\"notes\", \"extra/sql.md\"]"),
        ("out = 3\n", "qapress.toml:1: 'out' must be a string, like \"DIR\""),
        ("watch = true\n", "qapress.toml:1: 'watch' is not an option (use one of: base-url, by-topic, columns, font-size, format, jobs, landscape, lang, no-cache, no-tags, out, paper, parent-deck, pdf, pdf-engine, self-test, sources, strict, title, topic)"),
        ('x = 1\n[paper]\nsize = "a4"\n', "qapress.toml:1: 'x' is not an option (use one of: base-url, by-topic, columns, font-size, format, jobs, landscape, lang, no-cache, no-tags, out, paper, parent-deck, pdf, pdf-engine, self-test, sources, strict, title, topic)\nqapress.toml:2: 'paper' must be one of a4, letter"),
        ("paper = \n", "qapress.toml:1: not valid TOML: Invalid value (at line 1, column 9)"),
    ],
    ids=["choice", "bool", "zero", "scheme", "string-number", "sources", "path", "command", "every-problem", "toml"],
)
def test_every_problem_in_the_file_is_an_error_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    (project / "qapress.toml").write_text(text, encoding="utf-8")
    assert main(["notes"]) == 1
    captured = capsys.readouterr()
    assert captured.err.replace(str(project) + "/", "").strip() == expected
    assert not (project / "dist").exists()


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip().endswith(f" {__version__}")


def test_check_prints_the_settings_in_force(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "--check", "--paper", "letter"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"qapress {__version__}, settings (no project file): sources=[\"notes\"]")
    assert 'paper="letter"' in first
