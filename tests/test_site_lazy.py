"""A collection larger than the page holds: chunk scripts read back, and the page in Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from qapress.items import Document, Item
from qapress.markup import inline_text, plain_text
from qapress.render import paths
from qapress.render.site.page import ITEMS_GLOBAL, PAGE_ITEMS, render_site
from qapress.settings import Settings
from tests.test_site import read_items, squeeze
from tests.test_site_browser import (
    HOSTILE,
    IMAGE,
    axe_violations,
    clean_browser,
    count,
    open_page,
    press,
    requested_urls,
    type_query,
    until,
    write_site,
)

DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
SIZES = {"first": PAGE_ITEMS - 20, "second": 100, "third": 250}
"""The first document is all on the page, the second straddles its end, the third is all beyond."""
TOTAL = sum(SIZES.values())
TAIL = 20
"""The last items carry the topic ``tail``."""
HOSTILE_AT = TOTAL - 30
CHUNK = re.compile(rf"{ITEMS_GLOBAL}\.add\((\d+), \[\n(.*)\n\]\);\n", re.DOTALL)


def marker(position: int) -> str:
    """Return a word only the item at ``position`` holds, neither a prefix nor a typo of another."""
    return "qz" + "".join(DIGITS[int(digit)] for digit in f"{position:05d}")


def entry(position: int, number: int, slug: str) -> Item:
    """Return the item at ``position``; one of them tries to inject markup."""
    topics = ("tail",) if position >= TOTAL - TAIL else ()
    answer = f"Entry {position} of the collection, called {marker(position)}."
    if position == HOSTILE_AT:
        answer = f"{IMAGE}\n\n{HOSTILE} {answer}"
    return Item(number, f"Which entry is {marker(position)}?", answer, (slug, *topics),
                f"entry-{position}", number)


def collection() -> list[Document]:
    """Return three documents of ``TOTAL`` items, ``PAGE_ITEMS`` of them on the page."""
    documents, start = [], 0
    for slug, size in SIZES.items():
        items = tuple(entry(start + n, n + 1, slug) for n in range(size))
        documents.append(Document(f"{slug}.md", slug, slug.title(), items))
        start += size
    return documents


def chunk_items(files: dict[str, bytes]) -> list[tuple[int, str]]:
    """Return each chunked item's position and markup, in file order."""
    found: list[tuple[int, str]] = []
    chunks = sorted(name for name in files if name.startswith(f"{paths.SITE_DIR}/items-"))
    for name in chunks:
        match = CHUNK.fullmatch(files[name].decode())
        assert match, name
        first, markup = int(match[1]), json.loads(f"[{match[2]}]")
        found.extend((first + k, html) for k, html in enumerate(markup))
    return found


def test_every_item_reads_back_from_the_page_and_its_chunks() -> None:
    documents = collection()
    files = render_site(documents, Settings(stamp=0))
    chunked = chunk_items(files)
    assert [position for position, _ in chunked] == list(range(PAGE_ITEMS, TOTAL))
    page = read_items(files[paths.SITE_INDEX].decode())
    found = page + read_items("".join(html for _, html in chunked))
    assert len(page) == PAGE_ITEMS
    items = [item for document in documents for item in document.items]
    assert len(found) == len(items) == TOTAL
    for item, seen in zip(items, found, strict=True):
        assert seen["id"] == item.id
        assert squeeze(seen["question"]) == squeeze(inline_text(item.question))
        assert squeeze(seen["answer"]) == squeeze(plain_text(item.answer))


def test_chunks_carry_hostile_markup_as_text() -> None:
    files = render_site(collection(), Settings(stamp=0))
    assert all(b"<" not in data for name, data in files.items() if "/items-" in name)
    markup = dict(chunk_items(files))[HOSTILE_AT]
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup and "&lt;img src=x" in markup


def test_only_a_page_short_of_items_says_so(autoencoders: Document) -> None:
    small = render_site([autoencoders], Settings(stamp=0))
    assert b"without-js" not in small[paths.SITE_INDEX]
    assert not any("/items-" in name for name in small)
    single = [Document("all.md", "all", "All", tuple(i for d in collection() for i in d.items))]
    html = render_site(single, Settings(stamp=0))[paths.SITE_INDEX].decode()
    notice = squeeze(re.search(r'<p class="notice without-js">(.*?)</p>', html, re.DOTALL)[1])
    assert f"the first {PAGE_ITEMS} of {TOTAL} questions" in notice
    assert '<a href="../print/all.html">print version</a>' in notice


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the large collection's site URL."""
    return write_site(collection(), tmp_path_factory.mktemp("lazy"))


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """Return the shared driver with fresh storage and logs; fail the test on console errors."""
    yield from clean_browser(chromium)


def wait(driver: Any, condition: Any) -> Any:
    """Return ``condition(driver)`` once it is true, as chunks load in their own time."""
    return until(driver, condition)


def shown_ids(driver: Any) -> list[str]:
    """Return the ids of the items on screen, in order."""
    return list(driver.execute_script(
        "return [...document.querySelectorAll('main .item')]"
        ".filter(el => el.checkVisibility()).map(el => el.id)"
    ))


def ids(positions: range | list[int]) -> list[str]:
    return [f"entry-{position}" for position in positions]


def test_search_shows_an_item_beyond_the_page_with_its_answer(browser: Any, site: str) -> None:
    position = PAGE_ITEMS + 123
    open_page(browser, site)
    type_query(browser, marker(position))
    wait(browser, lambda d: shown_ids(d) == ids([position]))
    assert count(browser) == f"1 of {TOTAL} questions"
    answer = browser.find_element("css selector", f"#entry-{position} .answer")
    assert answer.is_displayed() and f"Entry {position} of the collection" in answer.text
    assert [m.text for m in browser.find_elements("css selector", "#Results mark")] == [marker(position)] * 2
    browser.find_element("css selector", f"#entry-{position} .permalink").click()
    target = wait(browser, lambda d: d.find_elements("css selector", ":target"))[0]
    assert target.get_attribute("id") == f"entry-{position}"


def test_a_newer_query_is_not_replaced_by_an_older_ones_late_items(browser: Any, site: str) -> None:
    open_page(browser, site)
    shown = browser.execute_async_script(
        "const done = arguments[arguments.length - 1], page = window.qapress.page;"
        "page.change({q: arguments[0]}); const older = page.settled;"
        "page.change({q: arguments[1]});"
        "older.then(() => done([...document.querySelectorAll('#Results .item')].map(el => el.id)));",
        marker(TOTAL - 1), marker(3),
    )
    assert shown == ids([3])


def test_topics_and_documents_list_items_beyond_the_page(browser: Any, site: str) -> None:
    open_page(browser, site)
    browser.find_element("css selector", '[data-topic="tail"]').click()
    wait(browser, lambda d: shown_ids(d) == ids(range(TOTAL - TAIL, TOTAL)))
    assert count(browser) == f"{TAIL} of {TOTAL} questions"
    browser.find_element("id", "Clear").click()
    browser.find_element("id", "Doc").send_keys("Third")
    third = TOTAL - SIZES["third"]
    wait(browser, lambda d: shown_ids(d) == ids(range(third, third + 50)))
    assert count(browser) == f"{SIZES['third']} of {TOTAL} questions"


def test_a_deep_link_lands_on_an_item_beyond_the_page(browser: Any, site: str) -> None:
    position = TOTAL - 40
    open_page(browser, f"{site}#entry-{position}")
    target = wait(browser, lambda d: d.find_elements("css selector", ":target"))[0]
    assert target.get_attribute("id") == f"entry-{position}"
    assert wait(browser, lambda d: d.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;",
        target,
    ))
    assert target.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"


def test_show_more_appends_items_past_the_page(browser: Any, site: str) -> None:
    open_page(browser, site)
    assert shown_ids(browser) == ids(range(PAGE_ITEMS))
    assert not browser.find_element("id", "Doc-third").is_displayed()
    more = browser.find_element("id", "More")
    assert more.text == f"Show 50 more of {TOTAL - PAGE_ITEMS}"
    more.click()
    wait(browser, lambda d: shown_ids(d) == ids(range(PAGE_ITEMS + 50)))
    more.click()
    wait(browser, lambda d: shown_ids(d) == ids(range(PAGE_ITEMS + 100)))
    assert browser.find_element("id", "Doc-third").is_displayed()
    assert more.text == f"Show 50 more of {TOTAL - PAGE_ITEMS - 100}"


def card_id(driver: Any) -> str | None:
    """Return the anchor of the study card on screen, once it has come."""
    found = driver.find_elements("css selector", "#Card .item")
    return driver.execute_script(
        "return qapress.page.study.anchors[arguments[0].dataset.position]", found[0]
    ) if found else None


def test_a_study_card_beyond_the_page_comes_from_its_chunk_and_keeps_its_grade(
    browser: Any, site: str
) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{site}?study=1&q={marker(PAGE_ITEMS)}")
    browser.execute_script("localStorage.clear()")
    open_page(browser, browser.current_url)
    wait(browser, lambda d: card_id(d) == f"entry-{PAGE_ITEMS}")
    answer = browser.find_element("css selector", "#Card .answer")
    assert not answer.is_displayed()
    browser.execute_script("document.getElementById('Card').focus()")
    press(browser, Keys.SPACE)
    assert answer.is_displayed()
    press(browser, "3")
    open_page(browser, f"{site}?q={marker(PAGE_ITEMS)}")
    item = wait(browser, lambda d: d.find_elements("id", f"entry-{PAGE_ITEMS}"))[0]
    assert "known" in item.get_attribute("class").split()


def test_study_steps_load_only_the_chunk_they_need(browser: Any, site: str) -> None:
    open_page(browser, f"{site}?study=1&topic=tail")
    browser.execute_script("localStorage.clear()")
    open_page(browser, browser.current_url)
    wait(browser, lambda d: card_id(d) == f"entry-{TOTAL - TAIL}")
    press(browser, "j")
    wait(browser, lambda d: card_id(d) == f"entry-{TOTAL - TAIL + 1}")
    chunks = {url.rsplit("/", 1)[1] for url in requested_urls(browser) if "/items-" in url}
    assert chunks == {paths.site_chunk((TOTAL - PAGE_ITEMS) // 100 + 1).rsplit("/", 1)[1]}


def test_hostile_markup_beyond_the_page_stays_text(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, marker(HOSTILE_AT))
    item = wait(browser, lambda d: d.find_elements("id", f"entry-{HOSTILE_AT}"))[0]
    assert IMAGE in item.text and HOSTILE in item.text
    assert browser.execute_script("return window.pwned") is None
    assert browser.execute_script("return document.querySelectorAll('body script, main img').length") == 0


def test_without_javascript_the_page_says_what_it_leaves_out(browser: Any, site: str) -> None:
    open_page(browser, site)
    notice = browser.find_element("css selector", ".notice")
    assert not notice.is_displayed()
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(site)
        notice = browser.find_element("css selector", ".notice")
        assert notice.is_displayed()
        assert f"the first {PAGE_ITEMS} of {TOTAL} questions" in notice.text
        assert len(shown_ids(browser)) == PAGE_ITEMS
        print_link = browser.find_element("css selector", '#Doc-third a[href="../print/third.html"]')
        assert print_link.is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_only_the_site_folder_is_asked_for(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, marker(TOTAL - 1))
    wait(browser, lambda d: shown_ids(d) == ids([TOTAL - 1]))
    urls = requested_urls(browser)
    folder = site.rsplit("/", 1)[0] + "/"
    assert any("/items-" in url for url in urls)
    assert all(url.startswith(folder) for url in urls), urls


@pytest.mark.parametrize("state", ["", "?topic=tail&study=1"])
def test_axe_finds_no_violation_with_items_from_chunks(browser: Any, site: str, state: str) -> None:
    open_page(browser, site + state)
    if state:
        wait(browser, lambda d: (card_id(d) or "").startswith("entry-"))
    else:
        browser.find_element("id", "More").click()
        wait(browser, lambda d: len(shown_ids(d)) == PAGE_ITEMS + 50)
    assert axe_violations(browser) == []
