"""The command line end to end, through ``main(argv)``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import AUTOENCODERS, FIXTURES, ROOT

from qapress.cli import main

COLLECTION = FIXTURES / "collection"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_build_writes_every_output_and_reports_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    assert main([str(AUTOENCODERS), "--out", str(out)]) == 0
    files = _snapshot(out)
    assert {"autoencoders.apkg", "site/index.html", "print/autoencoders.html"} <= set(files)
    report = capsys.readouterr()
    assert report.err == ""
    lines = report.out.splitlines()
    assert any(line.startswith(f"{out / 'autoencoders.apkg'} ") and " 100 items " in line for line in lines)
    assert any(line.startswith(f"{out / 'site'}/ (") for line in lines)
    assert lines[-1].startswith("built 3 outputs from 1 document in ")


def test_default_paths_build_source_into_dist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "sql.md").write_bytes((COLLECTION / "sql.md").read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    assert (tmp_path / "dist" / "sql.apkg").is_file()


def test_several_documents_give_one_deck_and_print_page_each(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main([str(COLLECTION), "--out", str(out)]) == 0
    files = set(_snapshot(out))
    for slug in ("python-basics", "sql"):
        assert {f"{slug}.apkg", f"print/{slug}.html"} <= files
    assert "site/index.html" in files


def test_a_failed_build_leaves_the_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    assert main([str(COLLECTION / "sql.md"), "--out", str(out)]) == 0
    before = _snapshot(out)
    bad = tmp_path / "bad.md"
    bad.write_text("# Bad\n\n### Q1. Fine?\nYes.\n\n### Q2.\nNo.\n", encoding="utf-8")
    capsys.readouterr()
    assert main([str(bad), "--out", str(out)]) == 1
    assert _snapshot(out) == before
    err = capsys.readouterr().err
    assert err == f'{bad}:6: Q2 has no question text (write the question after "Q2." on the heading line)\n'
    assert "Traceback" not in err


def test_not_utf8_is_an_error_with_the_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin1.md"
    bad.write_bytes("### Q1. Caf\xe9?\nOui.\n".encode("latin-1"))
    assert main([str(bad), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (
        f"{bad}:1: not valid UTF-8 at byte 11 (0xe9); save the file as UTF-8\n"
    )
    assert not (tmp_path / "out").exists()


def test_warnings_print_and_strict_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "gap.md"
    source.write_text("### Q1. A?\nA.\n\n### Q2. B?\n\n### Q3. C?\nC.\n", encoding="utf-8")
    assert main([str(source), "--out", str(tmp_path / "out")]) == 0
    warning = f"{source}:4: warning: Q2 has no answer, so it is left out (add text under the heading)"
    assert capsys.readouterr().err.splitlines() == [warning]
    assert main([str(source), "--out", str(tmp_path / "strict"), "--strict"]) == 1
    assert capsys.readouterr().err.splitlines() == [warning.replace("warning: ", "")]
    assert not (tmp_path / "strict").exists()


@pytest.mark.parametrize(
    "argv", [["no/such/file.md"], ["--paper", "a3"], ["--no-such-option"]], ids=["path", "paper", "option"]
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: build.py" in capsys.readouterr().err


def test_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    text = capsys.readouterr().out
    for option in ("--out", "--strict", "--pdf", "--paper", "--base-url", "--parent-deck", "--title", "--lang"):
        assert option in text


def test_the_shipped_source_is_the_shared_document() -> None:
    shared = ROOT.parent / "shared" / "source" / "autoencoders.md"
    if not shared.exists():
        pytest.skip("no ../shared beside this checkout")
    assert AUTOENCODERS.read_bytes() == shared.read_bytes()


PARSE = FIXTURES / "parse"


def test_check_reports_each_document_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    sources = [str(PARSE / "style_bold.md"), str(PARSE / "placeholders.md")]
    assert main([*sources, "--check", "--out", str(out)]) == 0
    assert not out.exists()
    settings, *lines = capsys.readouterr().out.splitlines()
    assert settings.startswith("qapress ") and "settings (no project file)" in settings
    assert lines[0] == f"{sources[0]}: 3 items, style bold, 'Bold questions'"
    assert lines[1] == "  from line 3: 3 questions read as bold, 67% sure, next best label (2)"
    assert lines[2] == f"{sources[1]}: 2 items, style heading, 'Placeholders'"
    assert lines[3] == "  from line 3: 4 questions read as heading, 100% sure"
    assert lines[4].startswith(f"  {sources[1]}:6: warning: Q2 has a placeholder answer")


def test_check_says_how_each_part_was_read_and_warns_when_unsure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mixed = str(PARSE / "mixed_sections.md")
    assert main([mixed, "--check", "--json"]) == 0
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert [(p["line"], p["style"], p["items"]) for p in document["parts"]] == [
        (5, "unnumbered", 2), (13, "details", 2), (29, "table", 2)
    ]
    # Two readings of the same lines, as likely as each other: the reader says which it chose.
    torn = tmp_path / "torn.md"
    torn.write_text("# Torn\n\n**What is a?**\nA.\n\n1. What is b?\n\n   B.\n", encoding="utf-8")
    assert main([str(torn), "--check"]) == 0
    out = capsys.readouterr().out
    assert "from line 3: 1 question read as bold, 0% sure, next best list (1)" in out
    assert (f"{torn}:3: warning: read as 1 bold-line question; 1 list-item question was the other "
            "reading (use --format list to choose it)") in out


def test_check_fails_on_errors_but_reports_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    bad, good = str(PARSE / "every_error.md"), str(PARSE / "basic.md")
    assert main([bad, good, "--check"]) == 1
    _, *lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{bad}: cannot be built, 2 errors"
    assert f"{good}: 3 items, style heading, 'Basic Collection'" in lines


def test_numbering_problems_warn_and_strict_makes_them_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "twice.md"
    source.write_text("### Q1. One?\nYes.\n\n### Q1. Again?\nNo.\n", encoding="utf-8")
    message = f"{source}:4: warning: Q1 is used twice (first at line 1); renumber one of them"
    assert main([str(source), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr().err == message + "\n"
    assert main([str(source), "--out", str(tmp_path / "strict"), "--strict"]) == 1
    assert capsys.readouterr().err == message.replace("warning: ", "") + "\n"
    assert not (tmp_path / "strict").exists()


def test_check_json_is_for_machines(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(PARSE / "no_answer.md")
    assert main([source, "--check", "--json", "--strict"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    (document,) = report["documents"]
    assert (document["style"], document["items"], document["ok"]) == ("heading", 2, False)
    assert document["problems"] == [
        {"path": source, "line": 8, "severity": "error",
         "message": "Q2 has no answer, so it is left out (add text under the heading)"}
    ]


def test_format_overrides_detection(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(PARSE / "style_unnumbered.md")
    assert main([source, "--check", "--format", "unnumbered"]) == 0
    assert main([source, "--check", "--format", "bold"]) == 1
    assert "no questions found" in capsys.readouterr().out


def test_json_without_check_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--json"])
    assert caught.value.code == 2


def test_options_cannot_be_abbreviated(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--wat"])
    assert caught.value.code == 2
    assert "unrecognized arguments: --wat" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("setup", "argv", "message"),
    [
        (lambda d: (d / "notes.md").mkdir(), ["{d}"], "build.py: error: no Markdown files in {d}"),
        (lambda d: (d / "out").write_text("x"), ["{sql}", "--out", "{d}/out"], "error: {d}/out: is a file, not a folder"),
    ],
    ids=["folder-named-md", "out-is-a-file"],
)
def test_odd_paths_are_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: Any, argv: list[str], message: str
) -> None:
    setup(tmp_path)
    names = {"d": tmp_path, "sql": COLLECTION / "sql.md"}
    try:
        status = main([a.format(**names) for a in argv])
    except SystemExit as exit:
        status = exit.code
    assert status in (1, 2)
    assert message.format(**names) in capsys.readouterr().err


def test_out_may_be_an_empty_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert main([str(COLLECTION / "sql.md"), "--out", "."]) == 0
    assert (tmp_path / "here" / "sql.apkg").is_file()


@pytest.mark.parametrize("epoch", ["99999999999", "1e20", "-5"])
def test_an_unusable_source_date_epoch_is_reported(
    epoch: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main([str(COLLECTION / "sql.md"), "--out", str(tmp_path / "out")]) == 1
    assert "is not a whole number of seconds from 0 to 4354819199" in capsys.readouterr().err


def test_an_unreadable_source_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "locked.md"
    source.write_text("### Q1. A?\nA.\n", encoding="utf-8")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == source:
            raise PermissionError(13, "Permission denied")
        return real(self)

    # Root reads every file, so the refusal a user would meet is simulated.
    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main([str(source), str(COLLECTION / "sql.md"), "--check"]) == 1
    assert f"{source}:1: cannot read the file (Permission denied)" in capsys.readouterr().out


def test_check_reports_clashing_output_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text("### Q1. A?\nA.\n", encoding="utf-8")
    assert main([str(tmp_path), "--check"]) == 1
    assert f"output name 'notes' is taken by {tmp_path / 'a' / 'notes.md'}" in capsys.readouterr().out


_LOADED = """
import sys
from qapress.cli import main
status = main(sys.argv[1:])
heavy = ("genanki", "jinja2", "pygments", "weasyprint", "qapress.render.deck.notes", "qapress.render.site.page", "qapress.render.sheet.page")
print(" ".join(name for name in heavy if name in sys.modules))
sys.exit(status)
"""


@pytest.mark.parametrize(
    ("arguments", "loaded"),
    [
        (["--check"], ""),
        (["--jobs", "1"], "genanki jinja2 pygments qapress.render.deck.notes qapress.render.site.page qapress.render.sheet.page"),
    ],
    ids=["check", "build"],
)
def test_a_run_loads_only_the_libraries_its_outputs_need(
    tmp_path: Path, arguments: list[str], loaded: str
) -> None:
    command = [sys.executable, "-c", _LOADED, str(AUTOENCODERS), "--out", str(tmp_path / "out"), *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1].strip() == loaded


@pytest.mark.parametrize("broken", [False, True], ids=["good", "broken"])
def test_build_py_ends_with_the_status_and_every_line_of_its_output(tmp_path: Path, broken: bool) -> None:
    source = tmp_path / "doc.md"
    source.write_text("### Q1. One?\nYes.\n\n### Q2.\nNo.\n" if broken else "### Q1. One?\nYes.\n",
                      encoding="utf-8")
    command = [sys.executable, str(ROOT / "build.py"), str(source), "--out", str(tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if broken:
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr == f'{source}:4: Q2 has no question text (write the question after "Q2." on the heading line)\n'
    else:
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.splitlines()[-1].startswith("built 3 outputs from 1 document in ")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc", "data:text/html,x", "ftp://host/x", "https://", "example.org"]
)
def test_a_base_url_must_be_an_http_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main([str(COLLECTION / "sql.md"), "--out", str(tmp_path / "out"), "--base-url", url])
    assert caught.value.code == 2
    assert "is not an http:// or https:// address" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("tag", ["123", "e", "en_US", "de-", "<b>"])
def test_a_language_must_be_a_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main([str(COLLECTION / "sql.md"), "--out", str(tmp_path / "out"), "--lang", tag])
    assert caught.value.code == 2
    assert "is not a language tag, like en, de or pt-BR" in capsys.readouterr().err


def test_the_title_and_language_reach_the_site(tmp_path: Path) -> None:
    assert main([str(COLLECTION / "sql.md"), "--out", str(tmp_path), "--quiet",
                 "--title", "My notes", "--lang", "pt-BR"]) == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>My notes</title>" in page and '<html lang="pt-BR"' in page


def test_control_characters_in_file_names_reach_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad\x1b[31mname\x07.md"
    source.write_text("Nothing here.\n", encoding="utf-8")
    assert main([str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert err.startswith(f"{tmp_path}/bad\\x1b[31mname\\x07.md:1: ")
    with pytest.raises(SystemExit):
        main([str(tmp_path / "gone\x1b[2J.md")])
    assert "gone\\x1b[2J.md" in capsys.readouterr().err
