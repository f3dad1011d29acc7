"""Question rules: each reads a document's outline and proposes where questions start.

A rule is a module with one function, ``find(outline) -> list[Start]``, its starts in source
order; ``RULES`` names them in the order that breaks ties. A rule with nothing of its kind to
read returns at once, so a document pays only for the rules it could match.
"""

from __future__ import annotations

from collections.abc import Callable

from qapress.read.outline import Outline
from qapress.read.questions import Start
from qapress.read.rules import (
    admonitions,
    bold,
    details,
    heading,
    label,
    lists,
    tables,
    unnumbered,
    unspaced,
)

Rule = Callable[[Outline], list[Start]]

RULES: dict[str, Rule] = {
    "heading": heading.find,
    "unnumbered": unnumbered.find,
    "bold": bold.find,
    "label": label.find,
    "details": details.find,
    "list": lists.find,
    "table": tables.find,
    "admonition": admonitions.find,
    "unspaced": unspaced.find,
}
"""Every rule by the style name ``--format`` takes; the first of equals wins."""
