"""Answers: from a question's start to whatever ends it, less the lines that are ours.

An answer ends at a separator (``---``, a ``<br>`` line), at a heading at the question's level or
above, or at the next question; a heading inside an open ``<details>``, or one that names a part of
the answer (``#### Answer: D``, ``Explanation``), is the answer's own. A rule that knows where an
answer ends (a list item, a table row) says so. Directive comments, ``<details>`` wrappers,
"back to top" links and a leading ``A:`` mark belong to the format, not to the answer, and are
left out of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from qapress.markup import inline_text
from qapress.read.blocks import Block
from qapress.read.questions import ANSWER_LABELS, Start
from qapress.read.rules import admonitions

# The value is stripped after the match: a run of spaces split among three patterns is cubic.
_DIRECTIVE = re.compile(r"\s*<!--\s*(id|tags|card)\s*:(.*?)-->\s*")
_WRAPPER = re.compile(
    r"\s*(?:<details(?:\s[^>]*)?>\s*(?:<summary>.*?</summary>)?|<summary>.*?</summary>|</details>|</?p>)\s*"
)
# Each run of spaces is held by one pattern: two side by side split a run in quadratically many
# ways before a line without its colon fails.
_ANSWER_MARK = re.compile(
    rf"\s*(?:\*\*|__)?(?:{ANSWER_LABELS})\s*(?:(?:\*\*|__)\s*)?[:：]\s*(?:\*\*|__)?\s*", re.IGNORECASE
)
_ANSWER_HEADING = re.compile(
    rf"[\W_]*(?:{ANSWER_LABELS}|correct answer|solution|explanation|hint|example|решение|пояснение"
    r"|解析|解释|解説|explicación|solución)(?:\W|$)",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(
    r"\s*(?:<(?:div|p)[^>]*>\s*)?(?:\*\*|__)?(?:\[([^\]]*)\]\(#[^)]*\)|<a\s+href=\"#[^\"]*\"\s*>([^<]*)</a>)"
    r"(?:\*\*|__)?\s*(?:</(?:div|p)>\s*)?",
    re.IGNORECASE,
)
"""A line that is only a link within the page; the words of the link say where it goes."""
_TOP_WORDS = re.compile(
    r"top|back|⬆|↑|🔝|⇧|наверх|оглавлени|содержани|contents|índice|inhalt|sommaire|返回|顶部|目录",
    re.IGNORECASE,
)


def back_to_top(line: str) -> bool:
    """Return whether a line only links back to the top of the page (or its contents)."""
    # The words are looked for in the link once it is found: a pattern with words between two
    # open runs would try every split of a long link.
    link = _LINK_LINE.fullmatch(line)
    return link is not None and _TOP_WORDS.search(link[1] or link[2] or "") is not None

_OURS = frozenset("<[*_")
_LEADING_TAGS = re.compile(r"(?:\s|<br\s*/?>|<b>|<p>)+", re.IGNORECASE)
_TRAILING_TAGS = re.compile(r"(?:\s|>b/<|>p/<|>sliated/<|>/?\s*rb<)+", re.IGNORECASE)
"""Spaces, ``</b>``, ``</p>``, ``</details>`` and breaks at the end of a line, read backwards:
matched from the line's end, the pattern never retries from each space of a long run."""
# One run of spaces before each break, never two that could share a line: nested runs backtrack
# exponentially when a paragraph of breaks goes on with text.
_BREAKS = re.compile(r"\s*(?:<br\s*/?>\s*)+")


@dataclass(slots=True)
class Draft:
    """An item while its answer is still being gathered: what the parser checks and ids."""

    number: int
    question: str
    line: int
    """0-based line of the question."""
    start: int
    """0-based first line of the answer."""
    end: int
    """0-based line after the answer."""
    section: str
    trailing: str
    """Links from the question's line, appended to the answer."""
    edits: dict[int, str | None] = field(default_factory=dict)
    """Source line -> its replacement in the answer (None drops it)."""
    directives: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Source line -> (name, value) of ``<!-- id: ... -->``, ``<!-- tags: ... -->`` and
    ``<!-- card: ... -->`` lines."""


def gather_drafts(blocks: Sequence[Block], starts: Sequence[Start], lines: Sequence[str]) -> list[Draft]:
    """Return one draft per question start, its answer's extent and section found."""
    drafts: list[Draft] = []
    section, scanned, answered = "", 0, 0
    for position, start in enumerate(starts):
        for block in blocks[scanned:start.block]:
            # A heading inside the last answer is that answer's, not a section.
            if block.kind == "heading" and 1 < block.level < start.level and not block.setext \
                    and block.begin >= answered:
                section = inline_text(block.text)
        scanned = max(scanned, start.block)
        following = starts[position + 1].block if position + 1 < len(starts) else len(blocks)
        number = start.number if start.number is not None else position + 1
        line = start.line if start.line is not None else blocks[start.block].begin
        draft = Draft(number, start.question, line, start.answer_from, start.answer_from, section,
                      start.trailing)
        if start.answer_to is None:
            _gather_answer(draft, blocks[start.block:following], start.level, lines)
        else:
            _gather_range(draft, start, lines)
        answered = draft.end
        drafts.append(draft)
    return drafts


def _gather_range(draft: Draft, start: Start, lines: Sequence[str]) -> None:
    """Take the answer's lines where the rule says they are, less their indent and wrappers."""
    draft.end = start.answer_to if start.answer_to is not None else start.answer_from
    if start.answer is not None:
        draft.edits[start.answer_from] = start.answer or None
        return
    first = True
    for number in range(draft.start, draft.end):
        line = lines[number]
        if start.indent:
            line = line[start.indent:] if not line[:start.indent].strip() else line.lstrip()
        if number in (draft.start, draft.end - 1):
            line = _without_edge_tags(line) if "<" in line else line
        if line != lines[number]:
            draft.edits[number] = line if line.strip() or not lines[number].strip() else None
        first = _read_line(draft, number, line, first)


def _gather_answer(draft: Draft, blocks: Sequence[Block], level: int, lines: Sequence[str]) -> None:
    """Extend the draft over the blocks of its answer, up to whatever ends it."""
    first, hidden = True, 0
    for index, block in enumerate(blocks):
        if block.end <= draft.start:
            continue
        if index > 0 and _ends_answer(block, level, hidden > 0):
            if block.setext:
                # "text\n---" is a setext heading to CommonMark; here it is an answer line
                # followed by the item separator.
                draft.end = block.end - 1
            return
        draft.end = block.end
        if block.kind == "paragraph":
            if "details" in block.text:
                low = block.text.lower()
                hidden += low.count("<details") - low.count("</details>")
            for number in range(max(block.begin, draft.start), block.end):
                # Only the first line may be marked "A:"; ours begin "<", "[" or emphasis.
                if first or lines[number].lstrip(" ")[:1] in _OURS:
                    first = _read_line(draft, number, lines[number], first)
        first = False


def _ends_answer(block: Block, level: int, hidden: bool) -> bool:
    if block.kind == "hr":
        return True
    if block.kind == "paragraph":
        return _BREAKS.fullmatch(block.text) is not None
    if block.kind != "heading":
        return False
    if block.setext:
        return True
    return block.level <= level and not hidden and not _ANSWER_HEADING.match(block.text)


def _without_edge_tags(line: str) -> str:
    """Return the line without the spaces, breaks, bold and paragraph tags at its two ends."""
    lead = _LEADING_TAGS.match(line)
    kept = line[lead.end() :] if lead else line
    trail = _TRAILING_TAGS.match(kept[::-1])
    return kept[: len(kept) - trail.end()] if trail else kept


def _read_line(draft: Draft, number: int, line: str, first: bool) -> bool:
    """Note a line that is ours, not the answer's: a directive, a wrapper, a link to the top, an
    "A:" mark on the answer's first line; return whether the first line is still to come."""
    directive = _DIRECTIVE.fullmatch(line)
    if directive:
        draft.directives[number] = (directive[1], directive[2].strip())
        draft.edits[number] = None
    elif _WRAPPER.fullmatch(line) or back_to_top(line):
        draft.edits[number] = None
    elif first and line.strip():
        mark = _ANSWER_MARK.match(line)
        if mark:
            draft.edits[number] = line[mark.end():] or None
        return False
    return first


def answer_text(draft: Draft, lines: Sequence[str]) -> str:
    """Return the answer's Markdown: its source lines with our own lines taken out."""
    kept = [draft.edits.get(i, lines[i]) for i in range(draft.start, draft.end)]
    body = "\n".join(line for line in kept if line is not None).strip("\n").rstrip()
    if "!!! " in body or "??? " in body:
        body = _opened(body)
    return f"{body}\n\n{draft.trailing}" if body and draft.trailing else body


def _opened(body: str) -> str:
    """Return the answer with each admonition in it opened: its title in bold, its body dedented."""
    shown: list[str] = []
    inside = False
    for line in body.split("\n"):
        opening = admonitions.OPENING.fullmatch(line) if line[:1] in ("!", "?") else None
        if opening is not None:
            shown.append(f"**{opening['title']}**" if opening["title"] else "")
            inside = True
        elif inside and line.startswith((" " * admonitions.INDENT, "\t")):
            shown.append(line[admonitions.INDENT:] if line[0] == " " else line[1:])
        else:
            inside = inside and not line.strip()
            shown.append(line)
    return "\n".join(shown).strip("\n")
