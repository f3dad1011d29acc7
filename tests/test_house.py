"""The package's shape: which wing may import which, and the listings that describe it."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "qapress"
WINGS = ("read", "render", "build", "author")
ALLOWED = {
    "": (),
    "read": ("read",),
    "render": ("render",),
    "build": ("read", "render", "build"),
    "author": ("render", "build", "author"),
}
"""What each wing may import besides the top level; the entry points (cli, check) take anything."""
ENTRY_POINTS = ("cli", "check")
OUTPUTS = ("deck", "site", "sheet")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_templates" not in p.parts)


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Return every qapress module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "qapress"}


def _wing(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in WINGS else ""


def _output(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[2] if len(parts) > 3 and parts[1] == "render" and parts[2] in OUTPUTS else ""


@pytest.mark.parametrize("module", _modules(), ids=_dotted)
def test_a_module_imports_only_its_own_wing_and_the_top_level(module: Path) -> None:
    name = _dotted(module)
    if name.removeprefix("qapress.") in ENTRY_POINTS:
        return
    allowed = {"", *ALLOWED[_wing(name)], _wing(name)}
    wrong = {target for target in _imports(module) if _wing(target) not in allowed}
    assert not wrong, f"{name} reaches into {sorted(wrong)}"


@pytest.mark.parametrize("module", _modules(), ids=_dotted)
def test_an_output_imports_no_other_output(module: Path) -> None:
    own = _output(_dotted(module))
    others = {t for t in _imports(module) if _output(t) and _output(t) != own}
    assert not others, f"{_dotted(module)} imports another output: {sorted(others)}"


def test_every_package_ships() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    present = {_dotted(p) for p in PACKAGE.rglob("__init__.py")}
    assert present <= listed, f"add to pyproject.toml's packages: {sorted(present - listed)}"


@pytest.mark.parametrize("guide", ["ARCHITECTURE.md", "README.md"])
def test_the_guides_list_every_folder_of_the_package(guide: str) -> None:
    text = (ROOT / guide).read_text(encoding="utf-8")
    folders = {p.parent.relative_to(ROOT).as_posix() + "/" for p in PACKAGE.rglob("__init__.py")}
    missing = {f for f in folders if f not in text and f.removeprefix("qapress/") not in text}
    assert not missing, f"{guide} does not name {sorted(missing)}"


def test_the_architecture_names_every_module() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(\w+)\.py\b", text))
    modules = {p.stem for p in _modules() if p.stem != "__init__"}
    assert modules <= named, f"ARCHITECTURE.md does not name {sorted(modules - named)}"
