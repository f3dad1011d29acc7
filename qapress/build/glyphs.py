"""Scripts a print page needs fonts for, checked against the fonts installed, so that text that
would print as empty boxes is named before the reader finds it on paper.

Only text outside the scripts every install covers (Latin, Greek, Cyrillic) asks fontconfig, once
per script a build meets; a document in those scripts costs one scan of its text and no process.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Sequence

from qapress.items import Document
from qapress.problems import Problem

NOTO = "apt-get install fonts-noto-core"
CJK = "apt-get install fonts-noto-cjk"
SCRIPTS = (
    ("Chinese", "\u3400-\u4dbf\u4e00-\u9fff", CJK),
    ("Japanese", "\u3040-\u30ff", CJK),
    ("Korean", "\u1100-\u11ff\uac00-\ud7af", CJK),
    ("Arabic", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff", NOTO),
    ("Hebrew", "\u0590-\u05ff", NOTO),
    ("Devanagari", "\u0900-\u097f", NOTO),
    ("Thai", "\u0e00-\u0e7f", "apt-get install fonts-thai-tlwg"),
)
"""Each script's name, its characters as a regular expression range, and how to get a font."""


@functools.cache
def _patterns() -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str], str]]]:
    """Return a pattern for any of the scripts, and one for each: compiled only for text that is
    not all ASCII, since their wide ranges cost a build milliseconds to compile."""
    every = re.compile("[" + "".join(chars for _, chars, _ in SCRIPTS) + "]")
    return every, [(name, re.compile(f"[{chars}]"), hint) for name, chars, hint in SCRIPTS]


def missing_fonts(documents: Sequence[Document]) -> list[Problem]:
    """Warn, once per script, where a document first uses one that no installed font has."""
    problems: list[Problem] = []
    unseen: list[tuple[str, re.Pattern[str], str]] | None = None
    for document in documents:
        for item in document.items:
            text = f"{document.title}\n{item.question}\n{item.answer}"
            if text.isascii():
                continue
            every, each = _patterns()
            unseen = list(each) if unseen is None else unseen
            if not unseen or not every.search(text):
                continue
            for script in list(unseen):
                name, chars, hint = script
                found = chars.search(text)
                if found is None:
                    continue
                unseen.remove(script)
                if not has_font_for(found[0]):
                    message = f"no installed font has {name} characters: {hint}"
                    problems.append(Problem(document.path, item.line, message))
    return problems


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
