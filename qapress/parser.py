"""Source text to items: markdown-it tokens and their line maps decide where items begin and end."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from qapress import ids
from qapress.items import Document, Item
from qapress.markup import MARKDOWN, inline_text
from qapress.problems import Problem, SourceError

_QUESTION = re.compile(r"Q(\d+)\.(?:\s+(.*))?", re.DOTALL)
_DIRECTIVE = re.compile(r"\s*<!--\s*(id|tags)\s*:\s*(.*?)\s*-->\s*")
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class _Draft:
    """An item while its answer is still being gathered."""

    number: int
    question: str
    line: int
    """0-based line of the heading."""
    start: int
    end: int
    directives: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Source line -> (name, value) of ``<!-- id: ... -->`` / ``<!-- tags: ... -->`` lines."""


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 with or without a BOM and fold CRLF and CR line ends to LF."""
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        line = data.count(b"\n", 0, offset) + 1
        message = f"not valid UTF-8 at byte {offset} (0x{data[offset]:02x}); save the file as UTF-8"
        raise SourceError([Problem(path, line, message)]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(
    text: str,
    path: str,
    slug: str,
    topics: Mapping[int, Sequence[str]] | None = None,
    modified: int = 0,
) -> tuple[Document, tuple[Problem, ...]]:
    """Parse one document; return it with its warnings, or raise every error found."""
    tokens = MARKDOWN.parse(text)
    title, drafts = _scan(tokens)
    lines = text.split("\n")
    problems = _check_numbers(drafts, path)
    kept = [d for d in drafts if _has_content(d, lines, path, problems)]
    item_ids = _assign_ids(kept, path, problems)
    items = [
        _item(draft, lines, path, slug, topics or {}, item_id, problems)
        for draft, item_id in zip(kept, item_ids)
    ]
    if not drafts:
        hint = 'write each question as a heading like "### Q1. What is ...?"'
        problems.append(Problem(path, 1, f"no questions found ({hint})"))
    problems.sort(key=lambda p: p.line)
    if any(not p.warning for p in problems):
        raise SourceError(problems)
    stem_title = title if title is not None else slug
    return Document(path, slug, stem_title, tuple(items), modified), tuple(problems)


def _scan(tokens: Sequence[Token]) -> tuple[str | None, list[_Draft]]:
    title: str | None = None
    drafts: list[_Draft] = []
    open_item: _Draft | None = None
    question_level = 0
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        begin, end = token.map
        if token.type == "heading_open":
            level = int(token.tag[1])
            content = tokens[index + 1].content
            match = _QUESTION.fullmatch(content.strip())
            if match:
                open_item = _Draft(int(match[1]), match[2] or "", begin, end, end)
                drafts.append(open_item)
                question_level = question_level or level
                continue
            if token.markup == "-" and open_item is not None:
                # "text\n---" is a setext heading to CommonMark, but here it is an answer line
                # followed by the item separator.
                open_item.end = end - 1
                open_item = None
                continue
            if level == 1 and title is None and not drafts:
                title = inline_text(content)
            if open_item is not None and level <= question_level:
                open_item = None
            elif open_item is not None:
                open_item.end = end
        elif token.type == "hr":
            open_item = None
        elif open_item is not None:
            open_item.end = end
            if token.type == "paragraph_open":
                # A block that ends the file (a code fence, say) has no token after it.
                _collect_directives(token, tokens[index + 1], open_item)
    return title, drafts


def _collect_directives(token: Token, following: Token, draft: _Draft) -> None:
    if token.type != "paragraph_open" or token.map is None:
        return
    for offset, line in enumerate(following.content.split("\n")):
        match = _DIRECTIVE.fullmatch(line)
        if match:
            draft.directives[token.map[0] + offset] = (match[1], match[2])


def _answer(draft: _Draft, lines: Sequence[str]) -> str:
    kept = (lines[i] for i in range(draft.start, draft.end) if i not in draft.directives)
    return "\n".join(kept).strip("\n").rstrip()


def _has_content(draft: _Draft, lines: Sequence[str], path: str, problems: list[Problem]) -> bool:
    line = draft.line + 1
    if not draft.question.strip():
        fix = f'write the question after "Q{draft.number}." on the heading line'
        problems.append(Problem(path, line, f"Q{draft.number} has no question text ({fix})"))
        return False
    if not _answer(draft, lines):
        message = f"Q{draft.number} has no answer, so it is left out (add text under the heading)"
        problems.append(Problem(path, line, message, warning=True))
        return False
    return True


def _check_numbers(drafts: Sequence[_Draft], path: str) -> list[Problem]:
    problems: list[Problem] = []
    first_line: dict[int, int] = {}
    previous = 0
    for draft in drafts:
        n, line = draft.number, draft.line + 1
        if n in first_line:
            fix = "renumber one of them"
            message = f"Q{n} is used twice (first at line {first_line[n]}); {fix}"
            problems.append(Problem(path, line, message))
            continue
        first_line[n] = line
        if n < previous:
            message = f"Q{n} comes after Q{previous} (number the questions in order)"
            problems.append(Problem(path, line, message, warning=True))
        elif n > previous + 1:
            missing = f"Q{previous + 1}" if n == previous + 2 else f"Q{previous + 1}-Q{n - 1}"
            message = f"Q{n} follows Q{previous}, so {missing} is missing (renumber to close the gap)"
            problems.append(Problem(path, line, message, warning=True))
        previous = max(previous, n)
    return problems


def _assign_ids(drafts: Sequence[_Draft], path: str, problems: list[Problem]) -> list[str]:
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
        item_id = pinned.get(index) or ids.disambiguate(ids.derive_id(inline_text(draft.question)), taken)
        taken.add(item_id)
        result.append(item_id)
    return result


def _item(
    draft: _Draft,
    lines: Sequence[str],
    path: str,
    slug: str,
    topics: Mapping[int, Sequence[str]],
    item_id: str,
    problems: list[Problem],
) -> Item:
    tags = [slug, *topics.get(draft.number, ())]
    for line, (name, value) in draft.directives.items():
        if name == "tags":
            tags.extend(_inline_tags(value, path, line + 1, problems))
    unique = tuple(dict.fromkeys(tags))
    question = draft.question.strip()
    return Item(draft.number, question, _answer(draft, lines), unique, item_id, draft.line + 1)


def _inline_tags(value: str, path: str, line: int, problems: list[Problem]) -> list[str]:
    tags = value.split()
    for tag in tags:
        if "" in tag.split("::"):
            fix = "write nested topics as parent::child, with no empty part"
            problems.append(Problem(path, line, f"tag {tag!r} has an empty part ({fix})"))
    return tags
