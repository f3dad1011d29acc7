"""Pictures and formulas a document names: what the build reads, what it refuses, and why."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from media_source import EXPECTED, PIPELINE_SIZE, png, write_media_folder
from PIL import Image

from qapress.build import formats, sources
from qapress.build.pictures import read_pictures
from qapress.items import Document, Item
from qapress.read.survey import Reference, survey


@pytest.fixture()
def document(tmp_path: Path) -> Path:
    return write_media_folder(tmp_path)


def test_the_build_reads_the_pictures_inside_the_folder_and_warns_of_the_rest(document: Path) -> None:
    gathered = sources.gather([document])
    shown = [f"{p.line}: {p.message}" for p in gathered.warnings]
    assert shown == EXPECTED["warnings"]
    pictures = gathered.documents[0].pictures
    assert [p.src for p in pictures] == EXPECTED["shown"]
    pipeline = pictures[0]
    assert pipeline.data == (document.parent / "img" / "pipeline.png").read_bytes()
    assert (pipeline.width, pipeline.height) == PIPELINE_SIZE
    assert pipeline.name.startswith("qa-") and pipeline.name.endswith(".png") and "/" not in pipeline.name


def test_no_file_outside_the_folder_is_read(document: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    read_bytes = Path.read_bytes

    def watched(path: Path) -> bytes:
        opened.append(path.resolve())
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", watched)
    sources.gather([document])
    folder = document.parent.resolve()
    assert opened and all(path.is_relative_to(folder) for path in opened), opened


def test_an_edited_picture_gets_a_new_name_and_two_documents_share_one(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "1.png").write_bytes(png((4, 4), (1, 2, 3, 255)))
    first, _ = read_pictures(folder / "a.md", [Reference("img/1.png", 3)])
    (folder / "img" / "1.png").write_bytes(png((4, 4), (9, 9, 9, 255)))
    edited, _ = read_pictures(folder / "a.md", [Reference("img/1.png", 3)])
    assert first[0].name != edited[0].name
    other = tmp_path / "b"
    other.mkdir()
    (other / "same.png").write_bytes(edited[0].data)
    shared, _ = read_pictures(other / "b.md", [Reference("same.png", 1)])
    assert shared[0].name == edited[0].name


def test_a_picture_over_the_size_warning_is_still_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qapress.build import pictures

    (tmp_path / "p.png").write_bytes(png((40, 40), (0, 0, 0, 255)))
    monkeypatch.setattr(pictures, "LARGE", 10)
    found, problems = read_pictures(tmp_path / "d.md", [Reference("p.png", 4)])
    assert len(found) == 1 and problems[0].line == 4 and "every output carries a copy" in problems[0].message


@pytest.mark.parametrize(("kind", "options"), [("PNG", {}), ("JPEG", {}), ("GIF", {}),
                                               ("WEBP", {}), ("WEBP", {"lossless": True})])
def test_formats_and_sizes_are_read_from_the_header(kind: str, options: dict[str, bool]) -> None:
    out = io.BytesIO()
    Image.new("RGB", (123, 45)).save(out, kind, **options)
    data = out.getvalue()
    found = formats.kind_of(data)
    assert found == {"JPEG": "jpg"}.get(kind, kind.lower())
    assert formats.pixel_size(data, found) == (123, 45)


@given(st.binary(max_size=200), st.sampled_from(formats.KINDS))
def test_any_bytes_give_a_format_or_none_and_a_size(data: bytes, kind: str) -> None:
    assert formats.kind_of(data) in (None, *formats.KINDS)
    width, height = formats.pixel_size(data, kind)
    assert width >= 0 and height >= 0


def test_svg_with_scripts_or_handlers_is_active() -> None:
    assert formats.is_active(b"<svg><script>x</script></svg>")
    assert formats.is_active(b'<svg onload = "x"></svg>')
    assert formats.is_active(b"<svg><foreignObject></foreignObject></svg>")
    assert not formats.is_active(b'<svg><rect width="1" fill="teal"/></svg>')


def _one_item(answer: str, line: int = 3) -> Document:
    item = Item(1, "Q?", answer, ("d",), "q", line)
    return Document("d.md", "d", "D", (item,))


def test_the_survey_finds_formulas_too_long_to_typeset() -> None:
    tex = "x+" * 1_001
    text = f"# D\n\n### Q1. Q?\n${tex}$\n"
    [problem] = survey(text, _one_item(f"${tex}$"))[1]
    assert problem.line == 4 and "2,002 characters long" in problem.message and problem.warning


def test_the_survey_places_each_reference_on_its_line() -> None:
    answer = "one\n![a](a.png)\n\n- ![b](b.png)\n\n<img src=\"c.png\">"
    text = f"# D\n\n### Q1. Q?\n{answer}\n"
    references, _ = survey(text, _one_item(answer))
    assert [(r.src, r.line) for r in references] == [("a.png", 5), ("b.png", 7), ("c.png", 9)]
    assert survey(text.replace("![", "[").replace("<img", "<b"), _one_item("plain"))[0] == ()


_PIECES = st.sampled_from([
    "![a](a.png)", "![b](<b c.png>)", '<img src="d.png">', "<img src=", "$x$", "$$", "\\(", "\\)",
    "\\frac{", "}", "`", "```", "\n", "\n\n", "- ", "> ", "text", " ", "[^1]", "<details>", "\r\n",
])


@given(st.lists(_PIECES, max_size=25).map("".join))
def test_any_answer_surveys_to_references_on_lines_of_the_source(answer: str) -> None:
    text = f"# D\n\n### Q1. Q?\n{answer}\n"
    references, problems = survey(text, _one_item(answer.strip()))
    last = text.replace("\r\n", "\n").count("\n") + 1
    for line in [r.line for r in references] + [p.line for p in problems]:
        assert 3 <= line <= last
