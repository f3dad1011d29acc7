"""The topic tree in headless Chromium: two rows and "more", children under their parent, one tab
stop with arrow keys inside, full paths where labels repeat, counts that follow the search."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qapress.items import Document, Item
from tests import test_site_browser as shared
from tests.test_site_browser import count, open_page, press, type_query, until, write_site

site = shared.site
browser = shared.browser
"""The autoencoders site and a clean browser, as the other browser tests have them."""


def wide(driver: Any) -> None:
    """Give the page a 1280 by 800 screen."""
    metrics = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


@pytest.fixture
def screen(browser: Any) -> Any:
    wide(browser)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def many_topics(size: int = 600) -> Document:
    """Return a document under sixty topics, each with sub-topics named alike across them."""
    items = tuple(
        Item(n, f"Question {n} about thing {n}?", f"Answer {n}.",
             ("many", f"area{n % 60}::{('token', 'layer', f'part{n % 7}')[n // 60 % 3]}"), f"q{n}", n)
        for n in range(1, size + 1)
    )
    return Document("many.md", "many", "Many topics", items)


def top(driver: Any, selector: str) -> float:
    return float(driver.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().top", selector))


def test_the_first_question_shows_above_the_fold(screen: Any, site: str) -> None:
    open_page(screen, site)
    assert top(screen, "main .item") < 400


def test_many_topics_take_two_rows_until_more(screen: Any, tmp_path: Path) -> None:
    open_page(screen, write_site([many_topics()], tmp_path))
    rows = screen.execute_script(
        "return new Set([...document.querySelectorAll('#Topics > li')]"
        ".filter(li => li.checkVisibility() && li.getBoundingClientRect().bottom <="
        " document.getElementById('Topics').getBoundingClientRect().bottom).map(li => li.offsetTop)).size")
    assert rows == 2
    assert top(screen, "main .item") < 400
    more = until(screen, lambda d: d.find_element("id", "MoreTopics").is_displayed() and
                 d.find_element("id", "MoreTopics"))
    more.click()
    last = screen.find_element("css selector", "#Topics > li:last-child")
    assert screen.execute_script(
        "const r = arguments[0].getBoundingClientRect(), t = document.getElementById('Topics')"
        ".getBoundingClientRect(); return r.bottom <= t.bottom", last)
    assert more.text == "Fewer topics"


def test_repeated_labels_show_their_whole_path(screen: Any, tmp_path: Path) -> None:
    open_page(screen, write_site([many_topics()], tmp_path))
    screen.find_element("css selector", '[data-topic="area1"]').click()
    labels = screen.execute_script(
        "return [...document.querySelectorAll('.kids:not([hidden]) li')]"
        ".map(li => li.firstChild.textContent.trim())")
    assert sorted(labels) == [
        "area1 › layer", "area1 › part0", "area1 › part2", "area1 › part5", "area1 › token",
    ]


def test_children_show_under_a_chosen_parent_and_replace_it(browser: Any, site: str) -> None:
    open_page(browser, site)
    child = browser.find_element("css selector", '[data-topic="generative::variational"]')
    assert not child.is_displayed()
    parent = browser.find_element("css selector", '[data-topic="generative"]')
    parent.click()
    assert child.is_displayed() and parent.get_attribute("aria-expanded") == "true"
    child.click()
    assert parent.get_attribute("aria-selected") == "false" and child.get_attribute("aria-selected") == "true"
    assert child.is_displayed(), "a chosen child keeps its branch open"
    assert count(browser) == "18 of 100 questions"


def test_the_tree_is_one_tab_stop_with_arrows_inside(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    def focused() -> str:
        return str(browser.execute_script(
            "const el = document.activeElement; return el.dataset.topic || el.id"))

    open_page(browser, site)
    browser.execute_script("document.getElementById('Study').focus()")
    press(browser, Keys.TAB)
    assert focused() == "fundamentals"
    press(browser, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    assert focused() == "generative"
    press(browser, Keys.SPACE)
    assert count(browser) == "24 of 100 questions"
    press(browser, Keys.ARROW_RIGHT)
    assert focused() == "applications"
    press(browser, Keys.END)
    assert focused() == "generative::adversarial"
    press(browser, Keys.ENTER)
    assert count(browser) == "4 of 100 questions"
    press(browser, Keys.HOME, Keys.TAB)
    assert focused() != "" and not focused().startswith(("training", "regularised", "generative"))
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert focused() == "fundamentals"
    stops = browser.execute_script(
        "return [...document.querySelectorAll('.chips [role=treeitem]')].filter(c => c.tabIndex === 0).length")
    assert stops == 1


def test_counts_follow_the_search_and_the_document(
    browser: Any, autoencoders: Document, tmp_path: Path
) -> None:
    twin = replace(autoencoders, slug="twin", path="twin.md", title="Twin questions")
    open_page(browser, write_site([autoencoders, twin], tmp_path))

    def chip_count(topic: str) -> int:
        chip = browser.find_element("css selector", f'[data-topic="{topic}"] .n')
        return int(chip.get_attribute("textContent"))

    assert chip_count("generative") == 48
    browser.find_element("id", "Doc").send_keys("Twin questions")
    until(browser, lambda _: chip_count("generative") == 24)
    type_query(browser, "β")
    assert chip_count("generative") == 2 and chip_count("fundamentals") == 0
    browser.find_element("css selector", '[data-topic="generative"]').click()
    assert chip_count("generative") == 2 and count(browser) == "2 of 200 questions"
