"""Source text to items: markdown-it tokens and their line maps decide where items begin and end."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from qapress import ids
from qapress.items import Document, Item
from qapress.markup import MARKDOWN, inline_text, plain_text
from qapress.problems import Problem, SourceError
from qapress.styles import Block, Start, blocks_of, find_starts

_DIRECTIVE = re.compile(r"\s*<!--\s*(id|tags)\s*:\s*(.*?)\s*-->\s*")
_WRAPPER = re.compile(
    r"\s*(?:<details(?:\s[^>]*)?>\s*(?:<summary>.*?</summary>)?|<summary>.*?</summary>|</details>)\s*"
)
_ANSWER_MARK = re.compile(r"\s*(?:\*\*|__)?(?:A|Ans|Answer)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*")
_BREAKS = re.compile(r"(?:\s*<br\s*/?>\s*)+")
_PLACEHOLDERS = frozenset(
    ["", "answer", "answer here", "your answer here", "add answer", "add answer here", "tbd",
     "tba", "todo", "to do", "coming soon", "wip", "work in progress", "n a", "placeholder"]
)
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class _Draft:
    """An item while its answer is still being gathered."""

    number: int
    question: str
    line: int
    """0-based line of the question."""
    start: int
    end: int
    section: str
    trailing: str
    edits: dict[int, str | None] = field(default_factory=dict)
    """Source line -> its replacement in the answer (None drops it)."""
    directives: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Source line -> (name, value) of ``<!-- id: ... -->`` / ``<!-- tags: ... -->`` lines."""


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 with or without a byte order mark."""
    body = data.removeprefix(_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        line = data.count(b"\n", 0, offset) + 1
        message = f"not valid UTF-8 at byte {offset} (0x{data[offset]:02x}); save the file as UTF-8"
        raise SourceError([Problem(path, line, message)]) from None
    return text


def parse_document(
    text: str,
    path: str,
    slug: str,
    topics: Mapping[int, Sequence[str]] | None = None,
    modified: int = 0,
    style: str | None = None,
) -> tuple[Document, tuple[Problem, ...]]:
    """Parse one document; return it with its warnings, or raise every error found."""
    # Fold line ends as markdown-it does, so that its line maps index our lines.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    blocks = blocks_of(MARKDOWN.parse(text))
    style, starts = find_starts(blocks, style)
    drafts = _drafts(blocks, starts, lines)
    numbered = all(s.number is not None for s in starts)
    problems = _check_numbers(drafts, path) if numbered else []
    kept = [d for d in drafts if _has_content(d, lines, path, problems)]
    sectioned = len({d.section for d in kept}) > 1
    item_ids = _assign_ids(kept, path, problems, sectioned)
    items = [
        _item(draft, lines, path, slug, topics or {}, item_id, problems, sectioned)
        for draft, item_id in zip(kept, item_ids)
    ]
    if not drafts:
        hint = 'write each question as a heading like "### Q1. What is ...?"'
        problems.append(Problem(path, 1, f"no questions found ({hint})"))
    elif not items:
        hint = "write the answers under their headings"
        problems.append(Problem(path, drafts[0].line + 1, f"no question has an answer ({hint})"))
    problems.sort(key=lambda p: p.line)
    if any(not p.warning for p in problems):
        raise SourceError(problems)
    title = _title(blocks, starts) or slug
    return Document(path, slug, title, tuple(items), modified, style), tuple(problems)


def _title(blocks: Sequence[Block], starts: Sequence[Start]) -> str | None:
    first = starts[0].block if starts else len(blocks)
    for block in blocks[:first]:
        if block.kind == "heading" and block.level == 1:
            return inline_text(block.text)
    return None


def _drafts(blocks: Sequence[Block], starts: Sequence[Start], lines: Sequence[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    section, scanned = "", 0
    for position, start in enumerate(starts):
        for block in blocks[scanned:start.block]:
            if block.kind == "heading" and 1 < block.level < start.level and not block.setext:
                section = inline_text(block.text)
        scanned = start.block
        following = starts[position + 1].block if position + 1 < len(starts) else len(blocks)
        number = start.number if start.number is not None else position + 1
        draft = _Draft(number, start.question, blocks[start.block].begin, start.answer_from,
                       start.answer_from, section, start.trailing)
        _gather_answer(draft, blocks[start.block:following], start.level, lines)
        drafts.append(draft)
    return drafts


def _gather_answer(draft: _Draft, blocks: Sequence[Block], level: int, lines: Sequence[str]) -> None:
    """Extend the draft over the blocks of its answer, up to whatever ends it."""
    first = True
    for index, block in enumerate(blocks):
        if block.end <= draft.start:
            continue
        if index > 0 and _ends_answer(block, level):
            if block.setext:
                # "text\n---" is a setext heading to CommonMark; here it is an answer line
                # followed by the item separator.
                draft.end = block.end - 1
            return
        draft.end = block.end
        if block.kind == "paragraph":
            _read_paragraph(draft, block, lines, first)
        first = False


def _ends_answer(block: Block, level: int) -> bool:
    if block.kind == "hr":
        return True
    if block.kind == "paragraph":
        return _BREAKS.fullmatch(block.text) is not None
    return block.kind == "heading" and (block.setext or block.level <= level)


def _read_paragraph(draft: _Draft, block: Block, lines: Sequence[str], first: bool) -> None:
    """Note the lines that are ours, not the answer's: directives, wrappers, an "A:" mark."""
    for number in range(max(block.begin, draft.start), block.end):
        line = lines[number]
        directive = _DIRECTIVE.fullmatch(line)
        if directive:
            draft.directives[number] = (directive[1], directive[2])
            draft.edits[number] = None
        elif _WRAPPER.fullmatch(line):
            draft.edits[number] = None
        elif first:
            first = False
            mark = _ANSWER_MARK.match(line)
            if mark:
                draft.edits[number] = line[mark.end():] or None


def _answer(draft: _Draft, lines: Sequence[str]) -> str:
    kept = [draft.edits.get(i, lines[i]) for i in range(draft.start, draft.end)]
    body = "\n".join(line for line in kept if line is not None).strip("\n").rstrip()
    return f"{body}\n\n{draft.trailing}" if body and draft.trailing else body


def _has_content(draft: _Draft, lines: Sequence[str], path: str, problems: list[Problem]) -> bool:
    line = draft.line + 1
    if not draft.question.strip():
        fix = f'write the question after "Q{draft.number}." on the heading line'
        problems.append(Problem(path, line, f"Q{draft.number} has no question text ({fix})"))
        return False
    answer = _answer(draft, lines)
    if not answer:
        message = f"Q{draft.number} has no answer, so it is left out (add text under the heading)"
        problems.append(Problem(path, line, message, warning=True))
        return False
    words = re.sub(r"[\W_]+", " ", plain_text(answer).casefold()).strip()
    if words in _PLACEHOLDERS:
        shown = answer if len(answer) <= 40 else answer[:39] + "…"
        fix = "write the answer, or remove the question"
        message = f"Q{draft.number} has a placeholder answer ({shown!r}), so it is left out ({fix})"
        problems.append(Problem(path, line, message, warning=True))
        return False
    return True


def _check_numbers(drafts: Sequence[_Draft], path: str) -> list[Problem]:
    """Check numbering within each section, since many documents restart it per section."""
    problems: list[Problem] = []
    first_line: dict[tuple[str, int], int] = {}
    previous: dict[str, int] = {}
    for draft in drafts:
        n, line, before = draft.number, draft.line + 1, previous.get(draft.section, 0)
        key = (draft.section, n)
        if key in first_line:
            fix = "renumber one of them"
            message = f"Q{n} is used twice (first at line {first_line[key]}); {fix}"
            problems.append(Problem(path, line, message))
            continue
        first_line[key] = line
        if n < before:
            message = f"Q{n} comes after Q{before} (number the questions in order)"
            problems.append(Problem(path, line, message, warning=True))
        elif n > before + 1:
            problems.append(Problem(path, line, _gap_message(before, n), warning=True))
        previous[draft.section] = max(before, n)
    return problems


def _gap_message(previous: int, n: int) -> str:
    if previous == 0:
        return f"numbering starts at Q{n}, not Q1 (renumber from 1)"
    missing = f"Q{previous + 1} is" if n == previous + 2 else f"Q{previous + 1}-Q{n - 1} are"
    return f"Q{n} follows Q{previous}, so {missing} missing (renumber to close the gap)"


def _assign_ids(
    drafts: Sequence[_Draft], path: str, problems: list[Problem], sectioned: bool
) -> list[str]:
    """Pinned ids first, so a derived id never takes one an author chose."""
    pinned: dict[int, str] = {}
    owner: dict[str, _Draft] = {}
    for index, draft in enumerate(drafts):
        for line, (name, value) in draft.directives.items():
            if name != "id":
                continue
            if not ids.is_valid_pinned(value):
                fix = "use lowercase letters, digits, '-' and '_', at most 80"
                problems.append(Problem(path, line + 1, f"id {value!r} is not usable ({fix})"))
            elif value in owner:
                first = owner[value]
                fix = f"already pinned by Q{first.number} at line {first.line + 1}; choose another"
                problems.append(Problem(path, line + 1, f"id {value!r} is {fix}"))
            else:
                pinned[index], owner[value] = value, draft
    taken = set(owner)
    result: list[str] = []
    for index, draft in enumerate(drafts):
        item_id = pinned.get(index) or _derived_id(draft, taken, sectioned)
        taken.add(item_id)
        result.append(item_id)
    return result


def _derived_id(draft: _Draft, taken: set[str], sectioned: bool) -> str:
    wanted = ids.derive_id(inline_text(draft.question))
    if wanted in taken:
        # Repeated questions ("What's the output?") are told apart by where they stand.
        place = f"{ids.slugify(draft.section)}-{draft.number}" if sectioned else str(draft.number)
        wanted = f"{wanted}-{place}"
    return ids.disambiguate(wanted, taken)


def _item(
    draft: _Draft,
    lines: Sequence[str],
    path: str,
    slug: str,
    topics: Mapping[int, Sequence[str]],
    item_id: str,
    problems: list[Problem],
    sectioned: bool,
) -> Item:
    section_tag = [ids.slugify(draft.section)] if sectioned and draft.section else []
    tags = [slug, *section_tag, *topics.get(draft.number, ())]
    for line, (name, value) in draft.directives.items():
        if name == "tags":
            tags.extend(_inline_tags(value, path, line + 1, problems))
    unique = tuple(dict.fromkeys(tags))
    question = draft.question.strip()
    answer = _answer(draft, lines)
    section = draft.section if sectioned else ""
    return Item(draft.number, question, answer, unique, item_id, draft.line + 1, section)


def _inline_tags(value: str, path: str, line: int, problems: list[Problem]) -> list[str]:
    tags = value.split()
    for tag in tags:
        if "" in tag.split("::"):
            fix = "write nested topics as parent::child, with no empty part"
            problems.append(Problem(path, line, f"tag {tag!r} has an empty part ({fix})"))
    return tags
