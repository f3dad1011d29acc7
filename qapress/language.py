"""A document's language: a BCP-47 tag from the setting, or read from its text's script."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from qapress.items import Document

TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
"""The shape of a BCP-47 tag (language, then subtags), as far as a build can check it."""
SAMPLE = 20_000
"""Characters of a document read to guess its language: enough to outvote code and names."""
SCRIPT_LANGUAGES = {
    "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CYRILLIC": "ru",
    "ARABIC": "ar", "HEBREW": "he", "GREEK": "el", "DEVANAGARI": "hi", "THAI": "th",
}
"""The language a script most often writes, where the text gives nothing more to go on."""
FUNCTION_WORDS = {
    "en": "the is are and of to what how why which in that this does with",
    "es": "el los las es son qué cómo por para una del que y en se con",
    "pt": "os as é são que não do da em um uma para como se com",
    "fr": "le les est sont que des et un une pour dans quoi comment qu avec",
    "de": "der die das ist sind und was ein eine nicht zu wie mit warum",
    "it": "il lo gli è sono che di e un una per come cosa non perché",
    "nl": "de het een is zijn en van wat hoe waarom niet met voor",
}
"""Short words frequent in each language written in Latin letters, which tell them apart."""
_WORD_LANGUAGES: dict[str, list[str]] = {}
for _tag, _words in FUNCTION_WORDS.items():
    for _word in _words.split():
        _WORD_LANGUAGES.setdefault(_word, []).append(_tag)
_WORD = re.compile(r"\w+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
"""A character outside ASCII: the only kind whose script needs looking up."""
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ku"})
DEFAULT = "en"


def language(document: Document, setting: str | None = None) -> str:
    """Return the document's language: the setting if given, else its text's main script's."""
    return setting or detect(_sample(document))


def detect(text: str) -> str:
    """Return the language of the script most of the letters in ``text`` are written in."""
    sample = text[:SAMPLE]
    # ASCII letters are Latin: counted by one pattern, so only other letters are named one by one.
    scripts: Counter[str] = Counter(_script(char) for char in BEYOND_ASCII.findall(sample) if char.isalpha())
    latin = len(_ASCII_LETTER.findall(sample))
    if latin:
        scripts["LATIN"] += latin
    if not scripts:
        return DEFAULT
    script = scripts.most_common(1)[0][0]
    if script == "CJK" and (scripts["HIRAGANA"] or scripts["KATAKANA"]):
        # Japanese writes Han characters among kana; Chinese has no kana.
        return "ja"
    if script == "LATIN":
        return _latin(sample)
    return SCRIPT_LANGUAGES.get(script, DEFAULT)


def _latin(text: str) -> str:
    """Return the Latin-script language whose function words the text uses most, else English."""
    hits: Counter[str] = Counter()
    for word in _WORD.findall(text.casefold()):
        hits.update(_WORD_LANGUAGES.get(word, ()))
    if not hits:
        return DEFAULT
    tag, count = hits.most_common(1)[0]
    # A few words in passing (a quoted name, a title) do not outvote the default.
    return tag if count >= 3 and count > hits["en"] else DEFAULT


def direction(tag: str) -> str:
    """Return ``rtl`` for a language written right to left, else ``ltr``."""
    return "rtl" if tag.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _sample(document: Document) -> str:
    parts = [document.title]
    size = len(document.title)
    for item in document.items:
        if size >= SAMPLE:
            break
        parts.extend((item.question, item.answer))
        size += len(item.question) + len(item.answer)
    return "\n".join(parts)
