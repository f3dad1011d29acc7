"""Question starts, and the reading of a question's text that every question rule shares.

Each rule in ``qapress.read.rules`` proposes where questions start among a document's top-level
blocks (see ``blocks``); ``chooser`` picks among their proposals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qapress.items import NUMBER

if TYPE_CHECKING:
    from qapress.read.blocks import Block

BOLD_LEVEL = 7
"""The "heading level" of a bold-line question: below every real heading."""

QUESTION_MARKS = ("?", "？")
ANSWER_LABELS = (
    r"A|R|Ans|Answer|Ответ|Відповідь|Respuesta|Resposta|Risposta|Réponse|Antwort|Antwoord|Cevap"
    r"|Odpowiedź|答案|回答|答|解答|정답|답변|답"
)
"""The words that open an answer, in the languages collections are written in."""
QUESTION_LABELS = (
    r"Q|P|Question|Вопрос|Питання|Pregunta|Pergunta|Questão|Domanda|Frage|Vraag|Soru|Pytanie"
    r"|问题|問題|问|問|質問|질문"
)

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+)\1", re.DOTALL)
# "Q7. text", "Question 7: text", "问题7：text", "Q7" alone (the question may follow in bold)
_WORD_NUMBER = re.compile(
    rf"[^\W\d_]{{1,12}}\s*(?P<number>{NUMBER})(?:\s*[.:)：．、]\s*(?P<text>.*)|[\s\W_]*)", re.DOTALL
)
# "Q7 text", "Question 7 text": only these words may go without punctuation.
_Q_SPACE = re.compile(rf"(?:Q|Question)\s*(?P<number>{NUMBER})\s+(?P<text>.*)", re.DOTALL | re.IGNORECASE)
_BARE_NUMBER = re.compile(rf"(?P<number>{NUMBER})\s*[.):：]\s*(?P<text>.*)", re.DOTALL)
_LINK_IN_BRACKETS = re.compile(r"\[\[[^\[\]]*\]\([^()]*\)\]")
"""One ``[[label](target)]`` link, as some collections close a question's heading with."""
_BOLD_LINE = re.compile(r"\s*(\*\*|__)(?P<text>.+?)\1\s*")
_QUESTION_WORD = re.compile(
    r"(?:what|why|how|when|where|which|who|whom|whose|is|are|was|were|can|could|do|does|did|should"
    r"|would|will|explain|describe|define|compare|list|name|give|tell|write|discuss|differentiate"
    r"|что|как|почему|зачем|какой|какая|какие|каков|где|когда|кто|чем|для чего|объясните|опишите"
    r"|qué|que|cómo|como|por qué|cuál|cuáles|cuándo|dónde|quién|was|wie|warum|welche|wann"
    r"|quoi|pourquoi|comment|quel|quelle|o que|qual|quais|por que)\b",
    re.IGNORECASE,
)
_CJK_QUESTION = re.compile(r".*(?:什么|什麼|如何|为什么|為什麼|怎么|怎麼|哪些|是否|吗|嗎|区别|區別|とは|ですか|무엇)")
_LABEL = re.compile(rf"(?:\*\*|__)?(?:{QUESTION_LABELS})\s*[:：]\s*(?:(?:\*\*|__)\s*)?(?=\S)", re.IGNORECASE)
_LABEL_FIRSTS = frozenset(
    "*_" + "".join(c for label in QUESTION_LABELS.split("|") for c in (label[0].lower(), label[0].upper()))
)
_TAG_ONLY = re.compile(r"[\W_]*(?:\([^)]*\)|\[[^\]]*\]|`[^`]*`)?[\W_]*")
# No run crosses the opener it began with, so a text of openers is read once, not once from each.
_LINKS_AND_TAGS = re.compile(r"!?\[[^\[\]]*\]\([^()]*\)|<[^<>]*>|`[^`]*`")
_DECORATION = re.compile(
    r"(?:[\W_]|\b(?:easy|medium|hard|basic|advanced|intermediate|beginner|expert|junior|middle"
    r"|senior|new|popular|important|must know|optional|bonus)\b)*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Start:
    """Where one question begins."""

    block: int
    number: int | None
    question: str
    """Inline Markdown of the question, numbering and surrounding emphasis removed."""
    answer_from: int
    """0-based line where the answer begins."""
    level: int
    trailing: str = ""
    """Links that followed the question on its line; they belong to the answer."""
    line: int | None = None
    """0-based line of the question, when it is not its block's first (a list item, a row)."""
    answer_to: int | None = None
    """0-based line after the answer, when the rule knows where it ends (an item, a row)."""
    indent: int = 0
    """Columns taken off each answer line: those of the list item or admonition holding it."""
    answer: str | None = None
    """The answer's Markdown, when it is not a run of source lines (a table cell)."""


def bold_first_line(block: Block) -> str | None:
    match = _BOLD_LINE.fullmatch(block.text.split("\n", 1)[0])
    return unwrap(match["text"]) if match else None


def bare_label(text: str) -> bool:
    """Say whether a question's text is only a tag: ``(Remember)``, a badge, an emoji."""
    return _TAG_ONLY.fullmatch(text) is not None


def match_number(text: str) -> re.Match[str] | None:
    return _WORD_NUMBER.fullmatch(text) or _Q_SPACE.fullmatch(text) or _BARE_NUMBER.fullmatch(text)


def without_label(text: str) -> str:
    """Return ``text`` less a leading question label: "Q: What is X?" asks "What is X?"."""
    label = _LABEL.match(text) if text[:1] in _LABEL_FIRSTS else None
    return text[label.end() :] if label else text


def asks(text: str) -> bool:
    """Say whether ``text`` reads as a question: a question mark, or a question word first."""
    return text.endswith(QUESTION_MARKS) or bool(_QUESTION_WORD.match(text) or _CJK_QUESTION.match(text))


def unwrap(text: str) -> str:
    text = text.strip()
    while match := _EMPHASIS.fullmatch(text):
        text = match[2].strip()
    return text


def split_trailing(text: str) -> tuple[str, str]:
    """Return the question and the links after it, less what decorates it (emoji, badges)."""
    start = _trailing_links(text)
    if start <= 0:
        return undecorated(text), ""
    return undecorated(unwrap(text[:start])), text[start:].strip()


def _trailing_links(text: str) -> int:
    """Return where the run of bracketed links that ends ``text`` starts, or -1 for none."""
    # Each link is found once, left to right, and the run is then walked back from the end: a
    # pattern anchored at the end would be retried from every space and bracket before it.
    end, start = len(text.rstrip()), -1
    for link in reversed(list(_LINK_IN_BRACKETS.finditer(text, 0, end))):
        if text[link.end() : end].strip():
            break
        start = end = link.start()
    return start


def undecorated(text: str) -> str:
    """Return ``text`` up to its last question mark when all after it only decorates it."""
    mark = max(text.rfind("?"), text.rfind("？"))
    if mark < 0 or mark == len(text) - 1:
        return text
    rest = _LINKS_AND_TAGS.sub("", text[mark + 1 :])
    return unwrap(text[: mark + 1]) if _DECORATION.fullmatch(rest) else text
