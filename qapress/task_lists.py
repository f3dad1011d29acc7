"""GitHub's task lists: a list item that opens with ``[ ]`` or ``[x]`` shows a disabled checkbox.

Our own rule rather than mdit-py-plugins' tasklists, whose search for each item's list walks back
over every item before it, and whose import loads ``uuid``, which no build needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_MARKS = {"[ ] ": False, "[x] ": True, "[X] ": True}
"""What opens a task item, and whether it is done."""
_BOX = '<input class="task-list-item-checkbox"{} disabled="disabled" type="checkbox">'


def read_task_lists(md: MarkdownIt) -> None:
    """Teach ``md`` GitHub's task lists, their boxes disabled: the pages keep no state."""
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.add_render_rule("task_box", _render_box)


def _task_lists(state: StateCore) -> None:
    from markdown_it.token import Token

    if not any(mark in state.src for mark in _MARKS):
        return  # no task mark anywhere: nothing to walk
    tokens = state.tokens
    lists: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif index >= 2 and _is_task(tokens, index) and lists:
            first = token.children[0]  # type: ignore[index]
            done = _MARKS[first.content[:4]]
            # The space after the mark stays, between the box and the words.
            first.content, token.content = first.content[3:], token.content[3:]
            box = Token("task_box", "input", 0, meta={"done": done})
            token.children.insert(0, box)  # type: ignore[union-attr]
            tokens[index - 2].attrSet("class", "task-list-item")
            lists[-1].attrSet("class", "contains-task-list")


def _is_task(tokens: list[Token], index: int) -> bool:
    inline = tokens[index]
    return (
        inline.type == "inline" and tokens[index - 1].type == "paragraph_open"
        and tokens[index - 2].type == "list_item_open" and bool(inline.children)
        and inline.children[0].type == "text"  # type: ignore[index]
        and inline.children[0].content[:4] in _MARKS  # type: ignore[index]
    )


def _render_box(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return _BOX.format(' checked="checked"' if tokens[idx].meta["done"] else "")
