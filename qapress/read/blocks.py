"""A document's top-level blocks, from markdown-it's tokens: what the question finders read.

A long document may be parsed in parts, cut before a line that must begin a new top-level block:
a heading or a thematic break at the margin, after a blank line. Nothing before such a line can
reach past it except a fence or a ``$$`` block left open; when a part might leave one open, the
document is parsed whole instead. The caller decides how the parts run (the build runs them side
by side); by default they run in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

from qapress.markup import block_tokens

if TYPE_CHECKING:
    from markdown_it.token import Token

T = TypeVar("T")
PARTS_FROM = 500_000
"""Documents of at least this many characters are parsed in parts."""
_CUT_BEFORE = re.compile(r"#{1,6}(?:[ \t].*)?|(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}")


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block of the document."""

    kind: str
    """``heading``, ``paragraph``, ``hr``, ``list``, ``table``, ``code`` (fences, indented code,
    ``$$`` blocks) or ``other``."""
    begin: int
    """0-based first line."""
    end: int
    """0-based line after the last."""
    level: int = 0
    text: str = ""
    """Inline source of a heading or paragraph."""
    setext: bool = False
    """A heading underlined with ``---``: to us, an answer line followed by a separator."""
    items: tuple[int, ...] = ()
    """0-based first line of each item of a list."""


class Runner(Protocol):
    """Runs independent calls, in turn or side by side, and returns their results in order."""

    def __call__(self, calls: Sequence[Callable[[], T]], /) -> list[T]: ...


def in_turn(calls: Sequence[Callable[[], T]], /) -> list[T]:
    """Run the calls one after another."""
    return [call() for call in calls]


def find_blocks(text: str, parts: int = 1, run: Runner = in_turn) -> list[Block]:
    """Return the top-level blocks of a document whose line ends are ``\\n``, in order.

    A long document is cut into up to ``parts`` parts, whose calls ``run`` runs.
    """
    lines = text.split("\n")
    at = cuts(lines, parts) if len(text) >= PARTS_FROM else []
    bounds = list(zip([0, *at], [*at, len(lines)]))
    if len(bounds) == 1:
        return blocks_of(block_tokens(text))
    calls = [partial(_part_blocks, lines[begin:end], begin, end < len(lines)) for begin, end in bounds]
    found = run(calls)
    if any(left_open for _, left_open in found[:-1]):
        return blocks_of(block_tokens(text))
    return [block for blocks, _ in found for block in blocks]


def cuts(lines: Sequence[str], parts: int) -> list[int]:
    """Return up to ``parts - 1`` lines, in order, where a document may be cut into parts."""
    found: list[int] = []
    for part in range(1, parts):
        wanted = max(len(lines) * part // parts, (found[-1] if found else 0) + 1, 1)
        line = next((n for n in range(wanted, len(lines)) if _may_cut_before(lines, n)), None)
        if line is None:
            break
        found.append(line)
    return found


def _may_cut_before(lines: Sequence[str], line: int) -> bool:
    return not lines[line - 1].strip() and _CUT_BEFORE.fullmatch(lines[line]) is not None


def _part_blocks(lines: Sequence[str], first_line: int, cut: bool) -> tuple[list[Block], bool]:
    """Return a part's blocks, numbered as in the whole, and whether it leaves a block open."""
    # A part cut short ends in a blank line, which must stay a line of its own, as in the whole.
    tokens = block_tokens("\n".join(lines) + ("\n" if cut else ""))
    fence_open = any(t.level == 0 and t.type == "fence" and t.map and t.map[1] >= len(lines) for t in tokens)
    blocks = [_moved(b, first_line) for b in blocks_of(tokens)]
    return blocks, fence_open or (cut and _math_open(lines))


def _math_open(lines: Sequence[str]) -> bool:
    """Say whether a ``$$`` block might open in ``lines`` and close only after them.

    An unclosed ``$$`` leaves no token behind, and the math rule looks for its closing line
    through every line after it, whatever holds them; so any line that could open one must be
    followed by a line that closes one.
    """
    last_opening = None
    for number, line in enumerate(lines):
        at = line.find("$$")
        rest = line[at:].strip()
        if at >= 0 and not (len(rest) > 3 and rest.endswith("$$")) and "$$" not in rest[2:]:
            last_opening = number
    if last_opening is None:
        return False
    return not any(line.strip().endswith("$$") for line in lines[last_opening + 1 :])


def _moved(block: Block, lines: int) -> Block:
    """Return the block as it stands ``lines`` further down."""
    items = tuple(line + lines for line in block.items)
    return replace(block, begin=block.begin + lines, end=block.end + lines, items=items)


def blocks_of(tokens: Sequence[Token]) -> list[Block]:
    """Return the top-level blocks in order."""
    # One pass, no helper per token: a long document has millions of tokens.
    blocks: list[Block] = []
    listed: tuple[int, int] | None = None
    items: list[int] = []
    for index, token in enumerate(tokens):
        if token.nesting == -1 or token.map is None:
            continue
        if token.level == 1 and token.type == "list_item_open":
            items.append(token.map[0])
        if token.level != 0:
            continue
        if listed is not None:
            blocks.append(Block("list", *listed, items=tuple(items)))
            listed, items = None, []
        begin, end = token.map
        kind = token.type
        if kind == "heading_open":
            text = tokens[index + 1].content
            blocks.append(Block("heading", begin, end, int(token.tag[1]), text, token.markup == "-"))
        elif kind == "paragraph_open":
            blocks.append(Block("paragraph", begin, end, text=tokens[index + 1].content))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            listed = (begin, end)
        else:
            blocks.append(Block(_KINDS.get(kind, "other"), begin, end))
    if listed is not None:
        blocks.append(Block("list", *listed, items=tuple(items)))
    return blocks


_KINDS = {"hr": "hr", "table_open": "table", "fence": "code", "code_block": "code", "math_block": "code"}
