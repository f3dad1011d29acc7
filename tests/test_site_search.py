"""Search in headless Chromium: numbers, phrases, words left out, keys, history, several documents."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qapress.items import Document
from tests import test_site_browser as shared
from tests.test_site_browser import (
    DENOISING,
    count,
    open_page,
    press,
    shown_numbers,
    type_query,
    until,
    wait_for_query,
    write_site,
)

site = shared.site
browser = shared.browser
"""The autoencoders site and a clean browser, as the other browser tests have them."""


@pytest.fixture(scope="module")
def two(autoencoders: Document, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return a site of the autoencoders document and a twin of it, numbers and all."""
    twin = replace(autoencoders, slug="twin", path="twin.md", title="Twin questions")
    return write_site([autoencoders, twin], tmp_path_factory.mktemp("two"))


@pytest.mark.parametrize("query", ["42", "Q42", "q42", "#42", " Q 42. "])
def test_a_number_goes_to_its_question_first(browser: Any, site: str, query: str) -> None:
    open_page(browser, site)
    type_query(browser, query)
    assert shown_numbers(browser)[0] == 42


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param('"kl divergence"', [13, 12, 31, 37], id="phrase"),
        pytest.param('"divergence kl"', [], id="phrase-in-order"),
        pytest.param("denoising -speech", [n for n in DENOISING if n != 67], id="without"),
        pytest.param("denoising -spee", [n for n in DENOISING if n != 67], id="without-prefix"),
        pytest.param('"latent space" -vae', [56, 58, 98, 1, 2, 6, 71], id="phrase-without"),
    ],
)
def test_phrases_and_words_left_out(browser: Any, site: str, query: str, expected: list[int]) -> None:
    open_page(browser, site)
    type_query(browser, query)
    assert shown_numbers(browser) == expected


def test_an_unclosed_quote_reads_as_closed(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, '"latent space"')
    closed = shown_numbers(browser)
    type_query(browser, '"latent space')
    assert shown_numbers(browser) == closed and closed


def test_only_words_left_out_shows_everything_else(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, "-autoencoder -autoencoders")
    found = shown_numbers(browser)
    assert count(browser).endswith("of 100 questions") and found and 1 not in found


def test_enter_and_the_arrows_move_through_the_results(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    def focused() -> str:
        return str(browser.execute_script("return document.activeElement.id"))

    open_page(browser, site)
    type_query(browser, "denoising")
    press(browser, Keys.ENTER)
    assert focused() == "what-are-denoising-autoencoders"
    press(browser, Keys.ARROW_DOWN)
    assert focused() == "what-is-the-purpose-of-denoising-autoencoders"
    assert browser.find_elements("css selector", "#Results .item.current")[0].get_attribute("id") == focused()
    press(browser, Keys.ARROW_UP, Keys.ARROW_UP)
    assert focused() == "Query"
    press(browser, Keys.ARROW_DOWN)
    assert focused() == "what-are-denoising-autoencoders"


def test_the_search_box_stays_on_screen(browser: Any, site: str) -> None:
    open_page(browser, site)
    browser.execute_script("window.scrollTo(0, 5000)")
    until(browser, lambda d: d.execute_script("return scrollY") > 4000)
    top = browser.execute_script("return document.getElementById('Query').getBoundingClientRect().top")
    assert 0 <= top < 100


def test_chips_and_study_mode_go_into_the_history(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, "vae")
    wait_for_query(browser, q="vae")
    browser.find_element("css selector", '[data-topic="generative"]').click()
    wait_for_query(browser, q="vae", topic="generative")
    browser.find_element("id", "Study").click()
    wait_for_query(browser, q="vae", topic="generative", study="1")
    browser.back()
    until(browser, lambda d: not d.execute_script("return qapress.page.state.study"))
    assert not browser.find_element("id", "StudyBar").is_displayed()
    browser.back()
    wait_for_query(browser, q="vae")
    assert browser.find_elements("css selector", '.chips [aria-selected="true"]') == []
    browser.forward()
    wait_for_query(browser, q="vae", topic="generative")
    until(browser, lambda d: d.find_elements("css selector", '.chips [aria-selected="true"]'))


def test_a_copied_link_is_announced(browser: Any, site: str) -> None:
    browser.execute_cdp_cmd(
        "Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}
    )
    open_page(browser, site + "?q=sparse")
    browser.find_element("css selector", "#Results .permalink").click()
    until(browser, lambda d: d.find_element("id", "Announce").get_attribute("textContent") == "Link copied")
    assert browser.find_element("id", "Announce").get_attribute("role") == "status"


def test_with_several_documents_a_number_finds_it_in_each(browser: Any, two: str) -> None:
    open_page(browser, two)
    type_query(browser, "Q42")
    results = browser.find_elements("css selector", "#Results .item")
    assert [r.get_attribute("data-doc") for r in results[:2]] == ["autoencoders", "twin"]
    labels = [r.find_element("css selector", ".from").text for r in results[:2]]
    assert labels == ["Autoencoders (AE) Interview Questions & Answers (1–100)", "Twin questions"]
    browser.find_element("id", "Doc").send_keys("Twin questions")
    wait_for_query(browser, q="Q42", doc="twin")
    first = browser.find_element("css selector", "#Results .item")
    assert first.get_attribute("id") == "twin--" + first.get_attribute("id").split("--", 1)[1]
    assert first.find_element("css selector", ".number").text == "Q42."
    browser.back()
    wait_for_query(browser, q="Q42")
    assert browser.find_element("id", "Doc").get_attribute("value") == ""


def test_several_documents_fit_a_phone_and_name_the_site(
    browser: Any, autoencoders: Document, tmp_path: Path
) -> None:
    long = "A twin of the autoencoder questions, under a title far too long for any phone's menu"
    twin = replace(autoencoders, slug="twin", path="twin.md", title=long)
    url = write_site([autoencoders, twin], tmp_path)
    metrics = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        for state in ("", "?q=Q42", "?study=1"):
            open_page(browser, url + state)
            assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        assert browser.title == "2 documents"
        assert browser.find_element("id", "Doc").rect["width"] <= 390
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_each_document_carries_its_language(browser: Any, autoencoders: Document, tmp_path: Path) -> None:
    from qapress.items import Item

    item = Item(1, "Что такое код?", "Сжатое представление входа.", ("russian",), "what", 1)
    russian = Document("russian.md", "russian", "Вопросы", (item,))
    open_page(browser, write_site([autoencoders, russian], tmp_path))
    langs = browser.execute_script(
        "return [...document.querySelectorAll('main .document')].map(s => s.lang)")
    assert langs == ["en", "ru"]
    item_el = browser.find_element("id", "what")
    assert item_el.get_attribute("lang") == "ru"
    assert item_el.find_element("css selector", ".answer").get_attribute("dir") == "auto"


def test_following_an_item_link_keeps_the_results_as_they_are(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, "a")
    browser.execute_script("arguments[0].click()", browser.find_element("css selector", "#Results .more"))
    until(browser, lambda _: len(shown_numbers(browser)) > 50)
    shown = shown_numbers(browser)
    link = browser.find_elements("css selector", "#Results .permalink")[60]
    browser.execute_script("arguments[0].click()", link)
    until(browser, lambda d: d.find_elements("css selector", ":target"))
    assert shown_numbers(browser) == shown
