"""A document's language: the setting wins, else the script most of its letters are in."""

from __future__ import annotations

import pytest

from qapress.items import Document, Item
from qapress.language import detect, direction, language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("What is an autoencoder? It learns a code.", "en", id="latin"),
        pytest.param("Что такое автокодировщик? Сеть, которая учится сжимать.", "ru", id="cyrillic"),
        pytest.param("什么是自编码器？一种学习压缩的网络。", "zh", id="han"),
        pytest.param("自己符号化器とは何ですか？圧縮を学ぶネットワークです。", "ja", id="han-with-kana"),
        pytest.param("ما هو المشفر التلقائي؟ شبكة تتعلم الضغط.", "ar", id="arabic"),
        pytest.param("Was ist `код` in Python? Ein Wort.", "de", id="mostly-latin"),
        pytest.param("¿Qué es un autocodificador? Es una red que aprende.", "es", id="spanish"),
        pytest.param("O que é um autoencoder? É uma rede que não copia.", "pt", id="portuguese"),
        pytest.param("Qu'est-ce que la perte? Une mesure pour comparer les sorties.", "fr", id="french"),
        pytest.param("Cosa è il gradiente? Un vettore che indica la direzione.", "it", id="italian"),
        pytest.param("Use the Encoder class (see Der Spiegel).", "en", id="a-foreign-name-in-passing"),
        pytest.param("123 + 456 = 579", "en", id="no-letters"),
    ],
)
def test_the_script_names_the_language(text: str, expected: str) -> None:
    assert detect(text) == expected


def test_the_setting_wins_over_the_text() -> None:
    item = Item(1, "Что это?", "Ответ.", ("notes",), "what", 1)
    document = Document("notes.md", "notes", "Заметки", (item,))
    assert language(document) == "ru"
    assert language(document, "uk") == "uk"


@pytest.mark.parametrize(("tag", "expected"), [("ar", "rtl"), ("he-IL", "rtl"), ("en", "ltr"), ("zh", "ltr")])
def test_direction_follows_the_language(tag: str, expected: str) -> None:
    assert direction(tag) == expected
