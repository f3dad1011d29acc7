"""The site read back without a browser: every item is in the HTML, anchors stay unique."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from itertools import accumulate
from typing import Any

from qapress.items import Document, Item
from qapress.markup import inline_text, plain_text
from qapress.render import paths
from qapress.render.site.page import render_site
from qapress.render.site.search import INDEX_GLOBAL, build_index, chips, fold, index_script, words
from qapress.settings import Settings

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
ROLES = {"number": "number", "text": "question", "answer": "answer"}


class ItemReader(HTMLParser):
    """Collect each ``article.item`` the way a reader without JavaScript sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[dict[str, Any]] = []
        self.roles: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        role = next((ROLES[c] for c in classes if c in ROLES), None)
        if tag == "article" and "item" in classes:
            self.items.append({"id": found["id"], "number": "", "question": "", "answer": ""})
            self.items[-1]["tags"] = []
        elif tag == "a" and "tags" in [r for r in self.roles if r]:
            self.items[-1]["tags"].append("")
            role = "tag"
        elif tag == "ul" and "tags" in classes:
            role = "tags"
        self.roles.append(role)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.roles.pop()

    def handle_data(self, data: str) -> None:
        for role in filter(None, self.roles):
            if role == "tag":
                self.items[-1]["tags"][-1] += data
            elif role != "tags":
                self.items[-1][role] += data


def read_items(html: str) -> list[dict[str, Any]]:
    """Return every item found in a page."""
    reader = ItemReader()
    reader.feed(html)
    return reader.items


def squeeze(text: str) -> str:
    """Return ``text`` with runs of whitespace as single spaces."""
    return " ".join(text.split())


def page(documents: list[Document]) -> str:
    """Return the rendered index page's HTML."""
    return render_site(documents, Settings(stamp=0))[paths.SITE_INDEX].decode()


def test_every_item_reads_back_from_the_page(autoencoders: Document) -> None:
    found = read_items(page([autoencoders]))
    assert len(found) == len(autoencoders.items) == 100
    for item, seen in zip(autoencoders.items, found, strict=True):
        assert seen["id"] == item.id
        assert seen["number"] == f"Q{item.number}."
        assert squeeze(seen["question"]) == squeeze(inline_text(item.question))
        assert squeeze(seen["answer"]) == squeeze(plain_text(item.answer))
        assert tuple(seen["tags"]) == item.tags[1:]


def test_site_files_live_under_the_site_folder(autoencoders: Document) -> None:
    files = render_site([autoencoders], Settings(stamp=0))
    assert paths.SITE_INDEX in files
    assert all(name.startswith(paths.SITE_DIR + "/") for name in files)
    html = files[paths.SITE_INDEX].decode()
    for name in re.findall(r'(?:src|href)="([^"#?:]+)"', html):
        assert name.startswith("../") or f"{paths.SITE_DIR}/{name}" in files, name


def test_an_id_taken_by_an_earlier_document_gets_the_slug(autoencoders: Document) -> None:
    twin = replace(autoencoders, slug="twin", path="twin.md", title="Twin")
    found = read_items(page([autoencoders, twin]))
    ids = [seen["id"] for seen in found]
    assert len(set(ids)) == len(ids) == 200
    assert ids[0] == autoencoders.items[0].id
    assert ids[100] == f"twin--{autoencoders.items[0].id}"


def test_the_index_script_cannot_close_its_script_element() -> None:
    hostile = "x</script><script>alert(1)</script>'\"\\"
    item = Item(1, "Why?", "Because.", ("doc", hostile), "why", 1)
    documents = [Document("doc.md", "doc", "Doc", (item,))]
    script = index_script(build_index(documents, chips(documents)))
    assert "</" not in script and "<" not in script
    prefix, suffix = f"window.{INDEX_GLOBAL} = JSON.parse('", "');\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    literal = script[len(prefix):-len(suffix)]
    assert "'" not in literal.replace("\\'", "")
    decoded = literal.replace("\\x3c", "<").replace("\\'", "'").replace("\\\\", "\\")
    assert hostile in json.loads(decoded)["chips"]


def test_words_fold_case_accents_and_keep_other_scripts() -> None:
    assert words("Crème BRÛLÉE, β-VAE; naïve Σίσυφος x²") == [
        "creme", "brulee", "β", "vae", "naive", "σισυφοσ", "x2",
    ]
    assert fold("ΚΌΣΜΟΣ") == "κοσμοσ"


def test_postings_put_question_words_above_answer_words() -> None:
    first = Item(1, "Sparse codes?", "Dense ones too.", ("doc",), "a", 1)
    second = Item(2, "Dense codes?", "Sparse ones too.", ("doc",), "b", 5)
    documents = [Document("doc.md", "doc", "Doc", (first, second))]
    index = build_index(documents, chips(documents))
    postings = {t: list(accumulate(p)) for t, p in zip(index["terms"], index["postings"], strict=True)}
    assert postings["sparse"] == [1, 2]  # item 0 in its question (1), item 1 in its answer (2)
    assert postings["dense"] == [0, 3]  # item 0 in its answer (0), item 1 in its question (3)


def _titled(html: str) -> str:
    return html.split("<title>", 1)[1].split("</title>", 1)[0]


def test_the_site_is_named_by_the_setting_its_document_or_its_count() -> None:
    one = Document("a.md", "a", "Alpha notes", (Item(1, "Q?", "A.", ("a",), "q", 1),))
    two = replace(one, path="b.md", slug="b", title="Beta notes")
    assert _titled(page([one])) == "Alpha notes"
    assert _titled(page([one, two])) == "2 documents"
    named = render_site([one, two], Settings(stamp=0, title="My notes"))[paths.SITE_INDEX].decode()
    assert _titled(named) == "My notes" and "<h1 dir=\"auto\">My notes</h1>" in named


def test_each_document_says_its_language_and_direction() -> None:
    arabic = Document("ar.md", "ar", "أسئلة", (Item(1, "ما هو المشفر؟", "شبكة تتعلم.", ("ar",), "q", 1),))
    html = page([arabic])
    assert '<html lang="ar"' in html and 'lang="ar" dir="rtl">' in html
    assert '<div class="answer" dir="auto">' in html
    german = render_site([arabic], Settings(stamp=0, lang="de"))[paths.SITE_INDEX].decode()
    assert '<html lang="de"' in german and 'dir="rtl"' not in german


def test_the_site_id_keeps_while_questions_are_added_and_parts_two_sites() -> None:
    from qapress.render.site.page import site_id

    first = Item(1, "Q?", "A.", ("a",), "q", 1)
    notes = Document("notes.md", "notes", "Notes", (first,))
    grown = replace(notes, items=(first, replace(first, number=2, id="r")))
    other = replace(notes, items=(replace(first, id="other"),))
    assert site_id([notes], "Notes") == site_id([grown], "Notes")
    assert site_id([notes], "Notes") != site_id([other], "Notes")
