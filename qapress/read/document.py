"""A document's text to its items: markdown-it's blocks decide where items begin and end."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from qapress import ids
from qapress.items import CARDS, Document, Item
from qapress.markup import inline_text, plain_text
from qapress.problems import Problem, SourceError
from qapress.read.answers import Draft, answer_text, gather_drafts
from qapress.read.blocks import Block, Runner, find_blocks, in_turn
from qapress.read.chooser import doubts, find_starts
from qapress.read.leftovers import left_out
from qapress.read.numbering import check_numbers
from qapress.read.outline import after_front_matter, outline
from qapress.read.questions import Start
from qapress.read.quiz import split_options

_PLACEHOLDERS = frozenset(
    ["", "answer", "answer here", "your answer here", "add answer", "add answer here", "tbd",
     "tba", "todo", "to do", "coming soon", "wip", "work in progress", "n a", "placeholder",
     "to be filled", "to be added", "to be written", "fill in", "fill me in", "pending"]
)
_TAGS = re.compile(r"<[^>]*>")
_DECK = re.compile(r"\s*<!--\s*deck\s*:(.*?)-->\s*")
_TYPED_LENGTH = 60
"""A type-in answer is compared letter by letter with what is typed: past this, few get it right."""
_PLACEHOLDER_LENGTH = 80
"""Placeholders are short; a longer answer is taken as written, without rendering it to check."""


def parse_document(
    text: str,
    path: str,
    slug: str,
    topics: Mapping[int, Sequence[str]] | None = None,
    modified: int = 0,
    style: str | None = None,
    parts: int = 1,
    run: Runner = in_turn,
) -> tuple[Document, tuple[Problem, ...]]:
    """Parse one document; return it with its warnings, or raise every error found.

    A long document is parsed in up to ``parts`` parts, which ``run`` may run side by side.
    """
    # Fold line ends as markdown-it does, so that its line maps index our lines.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    blocks = find_blocks(text, parts, run)
    reading = find_starts(outline(blocks, lines, after_front_matter(blocks, lines)), style)
    style, starts = reading.style, reading.starts
    drafts = gather_drafts(blocks, starts, lines)
    numbered = all(s.number is not None for s in starts)
    problems = check_numbers(drafts, path) if numbered else []
    problems.extend(left_out(blocks, drafts, lines, path))
    problems.extend(Problem(path, line, message, warning=True) for line, message in doubts(reading))
    answered = [(d, _usable_answer(d, lines, path, problems)) for d in drafts]
    kept = [(d, answer) for d, answer in answered if answer]
    sectioned = len({d.section for d, _ in kept}) > 1
    item_ids = _assign_ids([d for d, _ in kept], path, problems, sectioned)
    items = [
        _item(draft, answer, path, slug, topics or {}, item_id, problems, sectioned)
        for (draft, answer), item_id in zip(kept, item_ids)
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
    deck = _deck(blocks, starts, lines)
    document = Document(path, slug, title, tuple(items), modified, style, deck, parts=reading.parts)
    return document, tuple(problems)


def _title(blocks: Sequence[Block], starts: Sequence[Start]) -> str | None:
    first = starts[0].block if starts else len(blocks)
    for block in blocks[:first]:
        if block.kind == "heading" and block.level == 1:
            return inline_text(block.text)
    return None


def _deck(blocks: Sequence[Block], starts: Sequence[Start], lines: Sequence[str]) -> str:
    """Return the deck name of a ``<!-- deck: ... -->`` line before the first question, or ""."""
    first = starts[0].block if starts else len(blocks)
    for block in blocks[:first]:
        found = (_DECK.fullmatch(line) for line in lines[block.begin : block.end])
        match = next((m for m in found if m), None) if block.kind == "paragraph" else None
        if match:
            return match[1].strip()
    return ""


def _usable_answer(draft: Draft, lines: Sequence[str], path: str, problems: list[Problem]) -> str:
    """Return the item's answer, or "" (with the reason noted) when the item must be left out."""
    line = draft.line + 1
    if not draft.question.strip():
        fix = f'write the question after "Q{draft.number}." on the heading line'
        problems.append(Problem(path, line, f"Q{draft.number} has no question text ({fix})"))
        return ""
    answer = answer_text(draft, lines)
    if not answer:
        message = f"Q{draft.number} has no answer, so it is left out (add text under the heading)"
        problems.append(Problem(path, line, message, warning=True))
        return ""
    if len(answer) <= _PLACEHOLDER_LENGTH and _placeholder(answer):
        shown = answer if len(answer) <= 40 else answer[:39] + "…"
        fix = "write the answer, or remove the question"
        message = f"Q{draft.number} has a placeholder answer ({shown!r}), so it is left out ({fix})"
        problems.append(Problem(path, line, message, warning=True))
        return ""
    return answer


def _placeholder(answer: str) -> bool:
    if _words(answer) in _PLACEHOLDERS:
        return True
    # Markup may hide what is there ("8080." reads as an empty list item): only an answer with
    # no letters or digits at all is empty for its rendering alone.
    return _words(plain_text(answer)) in _PLACEHOLDERS and not any(c.isalnum() for c in _TAGS.sub("", answer))


def _words(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _assign_ids(
    drafts: Sequence[Draft], path: str, problems: list[Problem], sectioned: bool
) -> list[str]:
    """Pinned ids first, so a derived id never takes one an author chose."""
    pinned: dict[int, str] = {}
    owner: dict[str, Draft] = {}
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


def _derived_id(draft: Draft, taken: set[str], sectioned: bool) -> str:
    wanted = ids.derive_id(inline_text(draft.question))
    if wanted in taken:
        # Repeated questions ("What's the output?") are told apart by where they stand.
        place = f"{ids.slugify(draft.section)}-{draft.number}" if sectioned else str(draft.number)
        wanted = f"{wanted}-{place}"
    return ids.disambiguate(wanted, taken)


def _item(
    draft: Draft,
    answer: str,
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
    section = draft.section if sectioned else ""
    card = _card(draft, answer, path, problems)
    # The id is the question's alone; the options join it after.
    question, answer = split_options(question, answer) or (question, answer)
    return Item(draft.number, question, answer, unique, item_id, draft.line + 1, section, card)


def _card(draft: Draft, answer: str, path: str, problems: list[Problem]) -> str:
    """Return the card type a ``<!-- card: ... -->`` line asks for, or ""."""
    card = ""
    for line, (name, value) in draft.directives.items():
        if name != "card":
            continue
        if value not in CARDS:
            fix = f"use one of: {', '.join(CARDS)}"
            problems.append(Problem(path, line + 1, f"card type {value!r} is unknown ({fix})"))
        card = value
    if card == "type" and len(plain_text(answer)) > _TYPED_LENGTH:
        fix = "keep a type-in answer to a few words, or take out the card: type line"
        over = f"over {_TYPED_LENGTH} characters"
        message = f"Q{draft.number} asks to type in an answer of {over} ({fix})"
        problems.append(Problem(path, draft.line + 1, message, warning=True))
    return card


def _inline_tags(value: str, path: str, line: int, problems: list[Problem]) -> list[str]:
    tags = value.split()
    for tag in tags:
        if not ids.is_valid_tag(tag):
            problems.append(Problem(path, line, f"tag {tag!r} is not usable ({ids.TAG_RULE})"))
    return tags
