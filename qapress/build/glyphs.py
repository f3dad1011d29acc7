"""Scripts a print page needs fonts for, checked against the fonts installed, so that text that
would print as empty boxes is named before the reader finds it on paper.

Only text outside the scripts every install covers (Latin, Greek, Cyrillic) asks fontconfig, once
per script a build meets; a document in those scripts costs one scan of its text and no process.
"""

from __future__ import annotations

import functools
import shutil
from bisect import bisect_right
from collections.abc import Sequence

from qapress.items import Document
from qapress.language import BEYOND_ASCII
from qapress.problems import Problem

NOTO = "apt-get install fonts-noto-core"
CJK = "apt-get install fonts-noto-cjk"
SCRIPTS = (
    ("Chinese", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF)), CJK),
    ("Japanese", ((0x3040, 0x30FF),), CJK),
    ("Korean", ((0x1100, 0x11FF), (0xAC00, 0xD7AF)), CJK),
    ("Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF)), NOTO),
    ("Hebrew", ((0x0590, 0x05FF),), NOTO),
    ("Devanagari", ((0x0900, 0x097F),), NOTO),
    ("Thai", ((0x0E00, 0x0E7F),), "apt-get install fonts-thai-tlwg"),
)
"""Each script's name, its characters as ranges of code points, and how to get a font."""
_RANGES = sorted((low, high, order) for order, (_, ranges, _) in enumerate(SCRIPTS) for low, high in ranges)
_LOWS = [low for low, _, _ in _RANGES]
# Letters are looked up one at a time: a character class of the scripts' wide ranges costs a
# build milliseconds to compile, more than a document's letters beyond ASCII take to look up.


def missing_fonts(documents: Sequence[Document]) -> list[Problem]:
    """Warn, once per script, where a document first uses one that no installed font has."""
    problems: list[Problem] = []
    met: set[int] = set()
    looked_up: set[str] = set()
    for document in documents:
        for item in document.items:
            text = f"{document.title}\n{item.question}\n{item.answer}"
            if text.isascii() or len(met) == len(SCRIPTS):
                continue
            for character in BEYOND_ASCII.findall(text):
                if character in looked_up:
                    continue
                looked_up.add(character)
                order = _script(character)
                if order is None or order in met:
                    continue
                met.add(order)
                name, _, hint = SCRIPTS[order]
                if not has_font_for(character):
                    message = f"no installed font has {name} characters: {hint}"
                    problems.append(Problem(document.path, item.line, message))
    return problems


def _script(character: str) -> int | None:
    """Return the place in ``SCRIPTS`` of the script a character belongs to, if any."""
    point = ord(character)
    at = bisect_right(_LOWS, point) - 1
    return _RANGES[at][2] if at >= 0 and point <= _RANGES[at][1] else None


@functools.cache
def has_font_for(character: str) -> bool:
    """Say whether fontconfig knows a font with this character; True where it cannot be asked."""
    if shutil.which("fc-list") is None:
        return True  # nothing to go by: better no warning than a wrong one
    import subprocess  # only for a script the build meets, which most builds never do

    try:
        listed = subprocess.run(
            ["fc-list", f":charset={ord(character):x}", "family"],
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(listed.stdout.strip())
