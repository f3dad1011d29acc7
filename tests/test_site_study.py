"""Study mode in headless Chromium: the session's state machine, keys, taps, swipes and reloads."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qapress.items import Document
from tests import test_site_browser as shared
from tests.test_site_browser import (
    open_page,
    press,
    until,
    wait_for_query,
    write_site,
)

site = shared.site
browser = shared.browser
"""The autoencoders site and a clean browser, as the other browser tests have them."""
SPARSE = "?topic=regularised::sparse"
"""Two questions, Q9 and Q10: a whole session in a few steps."""


def run(driver: Any, script: str) -> Any:
    """Return the value of ``script`` run with the session's functions as ``S``."""
    return driver.execute_script(f"const S = window.qapressSession; {script}")


def test_the_session_sends_again_cards_back_and_counts_the_rest(browser: Any, site: str) -> None:
    open_page(browser, site)
    steps = run(browser, """
        const seen = [];
        let s = S.start(['a', 'b', 'c', 'd', 'e'], 0);
        s = S.flip(s, 10); seen.push(s.flipped);
        s = S.grade(s, 'again', 20); seen.push(s.queue.join(''), s.flipped);
        s = S.grade(s, 'good', 30); s = S.grade(s, 'hard', 40); seen.push(S.current(s));
        s = S.grade(s, 'again', 50); seen.push(s.queue.join(''));
        s = S.grade(s, 'bogus', 60); seen.push(s.queue.join(''));
        while (S.current(s) !== null) s = S.grade(s, 'good', 70);
        seen.push(S.done(s), S.summary(s));
        return seen;
    """)
    assert steps == [
        True, "bcdae", False, "d", "aed", "aed", True,
        {"known": 3, "repeat": 2, "left": 0, "seconds": 0},
    ]


def test_the_session_moves_inside_its_queue_and_wraps_after_the_last(browser: Any, site: str) -> None:
    open_page(browser, site)
    steps = run(browser, """
        let s = S.start(['a', 'b', 'c'], 0), seen = [];
        s = S.move(s, -1, 0); seen.push(S.current(s));
        s = S.move(s, 5, 0); seen.push(S.current(s));
        s = S.grade(s, 'good', 0); seen.push(S.current(s), s.at);
        return seen;
    """)
    assert steps == ["a", "c", "a", 0]


def test_time_away_counts_only_up_to_two_minutes(browser: Any, site: str) -> None:
    open_page(browser, site)
    spent = run(browser, "let s = S.start(['a'], 0); s = S.flip(s, 5000); s = S.flip(s, 10 ** 9);"
                         " return s.spent;")
    assert spent == 5000 + 120000


def test_a_stored_session_is_checked_before_it_is_trusted(browser: Any, site: str) -> None:
    open_page(browser, site)
    restored = run(browser, """
        const good = S.start(['a', 'b'], 0);
        return [S.restore(null), S.restore({queue: 'x'}), S.restore(Object.assign({}, good, {at: 9})).at,
                S.restore(JSON.parse(JSON.stringify(good))).queue];
    """)
    assert restored == [None, None, 1, ["a", "b"]]
    kept = run(browser, """
        let s = S.move(S.start(['a', 'b', 'c'], 0), 2, 0);
        s = S.only(s, id => id !== 'c');
        return [s.queue, s.at, S.current(s)];
    """)
    assert kept == [["a", "b"], 1, "b"]


def state(driver: Any) -> dict[str, Any]:
    """Return what the reader sees of study mode."""
    return dict(driver.execute_script("""
        const card = document.querySelector('#Card .item'), $ = id => document.getElementById(id);
        return {
          studying: document.documentElement.classList.contains('studying'),
          number: card && !$('Card').hidden ? card.querySelector('.number').textContent : null,
          answer: !!card && card.querySelector('.answer').checkVisibility(),
          progress: $('Progress').textContent, focus: document.activeElement.id,
          summary: $('Summary').hidden ? null : $('SummaryText').textContent,
        };
    """))


def test_the_keyboard_alone_studies_from_the_study_button(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, site + SPARSE)
    browser.execute_script("localStorage.clear(); document.getElementById('Study').focus()")
    press(browser, Keys.ENTER)
    assert state(browser) | {"progress": ""} == {
        "studying": True, "number": "Q9.", "answer": False, "progress": "", "focus": "Card",
        "summary": None,
    }
    press(browser, Keys.SPACE)
    assert state(browser)["answer"] and state(browser)["studying"]
    press(browser, Keys.ENTER)
    assert not state(browser)["answer"]
    press(browser, "j")
    assert state(browser)["number"] == "Q10."
    press(browser, "k")
    assert state(browser)["number"] == "Q9."
    press(browser, "n")
    assert state(browser) | {"focus": ""} == {
        "studying": True, "number": "Q10.", "answer": False, "focus": "", "summary": None,
        "progress": "2 of 2 left · 0 known · 1 to repeat",
    }
    press(browser, "y")
    assert state(browser)["number"] == "Q9."
    press(browser, "2")
    done = state(browser)
    assert done["summary"].startswith("1 known, 1 to repeat, in ")
    assert done["focus"] == "SummaryTitle" and done["number"] is None
    press(browser, Keys.ESCAPE)
    assert not state(browser)["studying"] and state(browser)["focus"] == "Study"


def test_the_keys_are_documented_beside_the_buttons(browser: Any, site: str) -> None:
    open_page(browser, site + "?study=1")
    hints = browser.find_element("css selector", "#StudyBar .keys").text
    keys = [k.text for k in browser.find_elements("css selector", "#StudyBar .keys kbd")]
    assert keys == ["Space", "1", "2", "3", "n", "y", "j", "k", "Esc"]
    assert "swipe right for good" in hints
    shortcuts = {b.text: b.get_attribute("aria-keyshortcuts")
                 for b in browser.find_elements("css selector", "#StudyButtons button")}
    assert shortcuts == {"Show answer": "Space Enter", "Again": "1 n", "Hard": "2", "Good": "3 y"}


def test_taps_flip_swipes_grade_and_buttons_work(browser: Any, site: str) -> None:
    open_page(browser, site + SPARSE + "&study=1")
    browser.execute_script("localStorage.clear()")
    open_page(browser, site + SPARSE + "&study=1")
    browser.execute_script("document.getElementById('Card').scrollIntoView({block: 'center'})")
    browser.find_element("css selector", "#Card .question").click()
    assert state(browser)["answer"]
    swipe(browser, -120, click=False)
    assert state(browser)["progress"] == "2 of 2 left · 0 known · 1 to repeat"
    swipe(browser, 10)
    assert state(browser)["answer"], "a short move is a tap"
    swipe(browser, 120)
    browser.find_element("id", "Flip").click()
    assert state(browser)["answer"]
    browser.find_element("css selector", "#StudyButtons .good").click()
    assert state(browser)["summary"].startswith("1 known, 1 to repeat, in ")
    browser.find_element("css selector", "#Summary [data-study=repeat]").click()
    assert state(browser)["number"] == "Q9." and state(browser)["progress"].startswith("1 of 1 left")
    browser.find_element("css selector", "#StudyButtons [data-study=again]").click()
    assert state(browser)["number"] == "Q9.", "the last card comes back at once"
    grades = browser.execute_script("return Object.entries(localStorage)"
                                    ".filter(([k]) => k.endsWith(':autoencoders'))")
    assert len(grades) == 1 and json.loads(grades[0][1]) == {
        "what-is-a-sparse-autoencoder": "again", "what-is-the-benefit-of-sparse-autoencoders": "known",
    }


def swipe(driver: Any, dx: int, click: bool = True) -> None:
    """Drag a finger ``dx`` pixels sideways across the card, lift it, and click if a browser would."""
    driver.execute_script("""
        const card = document.getElementById('Card'), box = card.getBoundingClientRect();
        const at = (x) => ({clientX: box.left + x, clientY: box.top + 40, pointerType: 'touch',
                            bubbles: true});
        card.dispatchEvent(new PointerEvent('pointerdown', at(150)));
        card.dispatchEvent(new PointerEvent('pointerup', at(150 + arguments[0])));
        if (arguments[1]) card.firstElementChild.click();
    """, dx, click)


def test_the_place_and_the_queue_survive_a_reload(browser: Any, site: str) -> None:
    open_page(browser, site + "?topic=generative::adversarial&study=1")
    browser.execute_script("localStorage.clear()")
    open_page(browser, browser.current_url)
    first = state(browser)["number"]
    press(browser, "1")
    press(browser, "3")
    before = state(browser)
    wait_for_query(browser, topic="generative::adversarial", study="1")
    browser.refresh()
    open_page(browser, browser.current_url)
    after = state(browser)
    assert after["number"] == before["number"] and after["progress"] == before["progress"]
    assert after["progress"] == "3 of 4 left · 1 known · 1 to repeat"
    press(browser, "3")
    press(browser, "3")
    assert state(browser)["number"] == first, "the again card comes back"


def test_two_sites_keep_their_progress_apart(
    browser: Any, site: str, autoencoders: Document, tmp_path: Path
) -> None:
    other = write_site([replace(autoencoders, items=autoencoders.items[1:])], tmp_path)
    open_page(browser, site + SPARSE + "&study=1")
    browser.execute_script("localStorage.clear()")
    open_page(browser, site + SPARSE + "&study=1")
    press(browser, "3")
    open_page(browser, other + SPARSE + "&study=1")
    assert state(browser)["progress"] == "2 of 2 left · 0 known · 0 to repeat"
    assert "known" not in browser.find_element("id", "what-is-a-sparse-autoencoder").get_attribute("class")


def test_a_rebuild_without_a_question_drops_it_from_the_session(
    browser: Any, autoencoders: Document, tmp_path: Path
) -> None:
    url = write_site([autoencoders], tmp_path) + SPARSE + "&study=1"
    open_page(browser, url)
    browser.execute_script("localStorage.clear()")
    open_page(browser, url)
    assert state(browser)["number"] == "Q9."
    wait_for_query(browser, topic="regularised::sparse", study="1")
    kept = tuple(item for item in autoencoders.items if item.number != 9)
    write_site([replace(autoencoders, items=kept)], tmp_path)
    open_page(browser, url)
    assert state(browser)["number"] == "Q10."
    assert state(browser)["progress"] == "1 of 2 left · 0 known · 0 to repeat"


def test_a_phone_gets_a_compact_study_bar(browser: Any, site: str) -> None:
    metrics = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        open_page(browser, site + "?study=1")
        until(browser, lambda d: d.find_element("id", "StudyBar").is_displayed())
        assert browser.find_element("id", "StudyBar").rect["height"] <= 130
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        hint = browser.execute_script(
            "return getComputedStyle(document.querySelector('#Card .question'), '::after').content")
        assert "swipe right" in hint
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violation_in_a_card_or_the_summary(browser: Any, site: str, theme: str) -> None:
    from tests.test_site_browser import axe_violations

    open_page(browser, site + SPARSE + "&study=1")
    browser.execute_script("localStorage.clear()")
    open_page(browser, site + SPARSE + "&study=1")
    browser.find_element("id", "Theme").send_keys(theme.capitalize())
    browser.execute_script("document.getElementById('Card').focus()")
    press(browser, " ")
    assert state(browser)["answer"]
    assert axe_violations(browser) == []
    press(browser, "3", "3")
    assert state(browser)["summary"]
    assert axe_violations(browser) == []
