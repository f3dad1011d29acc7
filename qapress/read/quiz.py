"""Multiple-choice questions: options as a task list right under the question, ticked ones right.

The options belong to the question, so the front of a card shows them; the ticked options, and
whatever follows the list (an explanation), are the answer.
"""

from __future__ import annotations

import re

_OPTION = re.compile(r"[ ]{0,3}[-*+][ \t]+\\?\[(?P<mark>[ xX])\\?\][ \t,]*(?P<text>[^\n]*)")
_BREAK = "\\\n"
"""A hard line break in inline Markdown: each option on a line of its own, no raw HTML."""


def split_options(question: str, answer: str) -> tuple[str, str] | None:
    """Return the question with its options and the answer with the ticked ones, or None when
    the answer does not open with a list of options, one or more ticked."""
    if _OPTION.match(answer) is None:
        return None  # most answers: no line of theirs is looked at twice
    lines = answer.split("\n")
    options: list[tuple[bool, str]] = []
    for line in lines:
        option = _OPTION.fullmatch(line)
        if option is None:
            break
        options.append((option["mark"] != " ", option["text"].strip()))
    if len(options) < 2 or not any(ticked for ticked, _ in options):
        return None
    rest = "\n".join(lines[len(options):]).strip()
    shown = _BREAK.join(["", *(f"☐ {text}" for _, text in options)])
    right = "\n".join(f"☑ {text}  " for ticked, text in options if ticked).rstrip()
    return question + shown, f"{right}\n\n{rest}" if rest else right
