"""Whole random builds through ``main(argv)``: every run ends in 0, 1 or 2, never a traceback."""

from __future__ import annotations

import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qapress.cli import main
from qapress.items import STYLES

_LINES = st.one_of(
    st.builds(lambda n, text: f"### Q{n}. {text}", st.integers(0, 1_000_000), st.text(max_size=20)),
    st.builds(lambda n, text: f"**{n}. {text}?**", st.integers(0, 30), st.text(max_size=20)),
    st.sampled_from([
        "# Title", "## Section", "---", "<br>", "<br/>", "```", "```python", "<details>",
        "</details>", "<!-- qapress: skip -->", "| a | b |", "|---|---|", "> quote", "- item",
        "1. step", "$$", "<script>alert(1)</script>", "[[x](y)]", "\t", "", "Answer.",
    ]),
    st.text(max_size=30),
)
_DOCUMENT = st.lists(_LINES, max_size=14).map("\n".join)
_NAME = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=8
)
_SPEC = st.one_of(
    st.builds(lambda a, b: f"{a}-{b}", st.integers(0, 1_200_000), st.integers(0, 1_200_000)),
    st.lists(st.integers(0, 40).map(str), min_size=1, max_size=4).map(", ".join),
    st.text(max_size=10),
)
_TAGS = st.one_of(
    st.lists(st.tuples(_NAME, _SPEC), max_size=4).map(
        lambda rows: "[topics]\n" + "".join(f"{name!r} = {spec!r}\n".replace("'", '"') for name, spec in rows)
    ),
    st.text(max_size=40),
)
_ENCODING = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1"])
_SOURCE = st.tuples(_NAME, _DOCUMENT, st.none() | _TAGS, _ENCODING)
_OPTIONS = st.lists(
    st.one_of(
        st.just(["--strict"]), st.just(["--check"]), st.just(["--check", "--json"]), st.just(["--json"]),
        st.sampled_from(STYLES).map(lambda style: ["--format", style]),
        st.sampled_from(["1", "2", "0", "x"]).map(lambda jobs: ["--jobs", jobs]),
        st.sampled_from(["a4", "letter", "a5"]).map(lambda paper: ["--paper", paper]),
        st.one_of(st.text(max_size=12), st.sampled_from(["https://e.org/n", "http://e.org", "ftp://e"]))
        .map(lambda url: ["--base-url", url]),
        _NAME.map(lambda deck: ["--parent-deck", deck]),
    ),
    max_size=4,
)
_OUT = st.sampled_from(["fresh", "existing", "a file", "inside a source folder", "dangling link", "source"])


def _write(root: Path, sources: list[tuple[str, str, str | None, str]]) -> list[str]:
    folder = root / "src"
    folder.mkdir()
    for name, text, tags, encoding in sources:
        data = text.encode(encoding, errors="replace")
        (folder / f"{name}.md").write_bytes(data)
        if tags is not None:
            (folder / f"{name}.tags.toml").write_bytes(tags.encode(encoding, errors="replace"))
    return [str(folder)]


def _out(root: Path, kind: str) -> str:
    out = root / "dist"
    if kind == "existing":
        (out / "old").mkdir(parents=True)
    elif kind == "a file":
        out.write_text("x", encoding="utf-8")
    elif kind == "inside a source folder":
        out = root / "src" / "dist"
    elif kind == "dangling link":
        out.symlink_to(root / "gone")
    elif kind == "source":
        out = root / "src"
    return str(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sources=st.lists(_SOURCE, min_size=1, max_size=3, unique_by=lambda s: s[0]),
    options=_OPTIONS,
    out=_OUT,
)
def test_any_build_exits_0_1_or_2_without_a_traceback(
    sources: list[tuple[str, str, str | None, str]], options: list[list[str]], out: str
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        try:
            paths = _write(root, sources)
        except OSError:
            return  # a name this file system refuses is not a build
        argv = [*paths, "--out", _out(root, out), *(arg for option in options for arg in option)]
        errors = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(errors):
            try:
                status = main(argv)
            except SystemExit as exit_:
                status = exit_.code if isinstance(exit_.code, int) else 2
        assert status in (0, 1, 2), argv
        assert "Traceback" not in errors.getvalue()
