"""The site in headless Chromium from file://: search, chips, links, study mode, safety, access."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from qapress.items import Document, Item
from qapress.render import paths
from qapress.render.site.page import render_site
from qapress.settings import Settings
from tests.conftest import need

AXE = Path(os.environ.get("AXE_CORE_JS", Path.home() / ".cache/qapress-test/node_modules/axe-core/axe.min.js"))
HOSTILE = "<script>window.pwned=1</script>"
IMAGE = '<img src=x onerror="window.pwned=2">'
WAIT = 30
"""Seconds a wait gives the page before calling it stuck: a bound on a loaded machine, never a pace."""


def write_site(documents: Sequence[Document], folder: Path) -> str:
    """Render the site into ``folder`` and return its index page's file:// URL."""
    for name, data in render_site(documents, Settings(stamp=0)).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return (folder / paths.SITE_INDEX).as_uri()


@pytest.fixture(scope="module")
def site(autoencoders: Document, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the autoencoders site's URL."""
    return write_site([autoencoders], tmp_path_factory.mktemp("site"))


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """Return the shared driver with fresh storage and logs; fail the test on console errors."""
    yield from clean_browser(chromium)


def clean_browser(chromium: Any) -> Iterator[Any]:
    """Yield the driver with fresh logs and reduced motion, then assert no console error came."""
    chromium.get("about:blank")
    # Reduced motion turns transitions off, so computed colours do not depend on timing.
    reduce = [{"name": "prefers-reduced-motion", "value": "reduce"}]
    chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": reduce})
    chromium.get_log("browser")
    chromium.get_log("performance")
    yield chromium
    errors = [entry for entry in chromium.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def until(driver: Any, condition: Callable[[Any], Any]) -> Any:
    """Return ``condition(driver)`` once it is true: the page's state decides, ``WAIT`` bounds."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(condition)


def open_page(driver: Any, url: str) -> None:
    """Load ``url`` and wait until the page's search is wired and its address state applied."""
    driver.get(url)
    until(driver, lambda d: d.execute_script(
        "return document.readyState === 'complete'"
        " && document.documentElement.classList.contains('search-ready')"
    ))


def type_query(driver: Any, text: str) -> None:
    """Replace the search box's text as a reader would."""
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element("id", "Query")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    if text:
        box.send_keys(text)


def press(driver: Any, *keys: str) -> None:
    """Send keys to whatever has focus."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def count(driver: Any) -> str:
    return str(driver.find_element("id", "Count").text)


def shown_numbers(driver: Any) -> list[int]:
    """Return the question numbers on screen, in order."""
    numbers = driver.execute_script(
        "return [...document.querySelectorAll('main .item')]"
        ".filter(el => el.checkVisibility())"
        ".map(el => el.querySelector('.number').textContent)"
    )
    return [int(n.strip("Q.")) for n in numbers]


def wait_for_query(driver: Any, **expected: str | list[str]) -> None:
    """Wait until the address holds exactly ``expected`` as its query, the page's whole state.

    The page writes its state to the address a moment after the last change, so a part of
    it may be there before the rest: waiting for one parameter would read a stale address.
    """
    wanted = {key: sorted(value) if isinstance(value, list) else [value] for key, value in expected.items()}

    def written(d: Any) -> bool:
        query = parse_qs(urlsplit(d.current_url).query)
        return {key: sorted(values) for key, values in query.items()} == wanted

    until(driver, written)


DENOISING = [7, 8, 49, 50, 65, 66, 67, 74]
"""Q7 and Q8 ask about denoising; the others mention it in their answers."""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("β", [31, 75], id="unicode-word"),
        pytest.param("denoising", DENOISING, id="question-above-answer"),
        pytest.param("denois speech", [67], id="and-with-prefix"),
        pytest.param("Denoisng", DENOISING, id="one-typo"),
        pytest.param("varitional", [11], id="one-typo-in-question"),
        pytest.param("DÉNOÏSING", DENOISING, id="case-and-accents"),
        pytest.param("beta β vae", [], id="and-excludes"),
        pytest.param("qqzzv", [], id="nothing"),
    ],
)
def test_search_finds_what_the_reader_meant(
    browser: Any, site: str, query: str, expected: list[int]
) -> None:
    open_page(browser, site)
    type_query(browser, query)
    assert shown_numbers(browser) == expected
    if expected:
        assert count(browser) == f"{len(expected)} of 100 questions"
    else:
        assert count(browser) == "No results"
        assert browser.find_element("css selector", "#Results .empty").is_displayed()


def test_typos_are_forgiven_only_in_longer_words(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, "vea")
    assert shown_numbers(browser) == []
    type_query(browser, "vae")
    assert 11 in shown_numbers(browser)


def test_matches_are_highlighted_and_escape_clears(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, site)
    press(browser, "/")
    assert browser.switch_to.active_element.get_attribute("id") == "Query"
    press(browser, "β", Keys.ENTER)
    marks = browser.find_elements("css selector", "#Results mark")
    assert [m.text for m in marks] == ["β", "β", "β"]
    press(browser, Keys.ESCAPE)
    assert browser.find_element("id", "Query").get_attribute("value") == ""
    assert count(browser) == "100 questions"
    assert shown_numbers(browser) == list(range(1, 101))
    assert browser.find_elements("css selector", "mark") == []


def test_the_query_lives_in_the_url_and_survives_reload(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, "kl diverg")
    wait_for_query(browser, q="kl diverg")
    browser.refresh()
    open_page(browser, browser.current_url)
    assert browser.find_element("id", "Query").get_attribute("value") == "kl diverg"
    assert shown_numbers(browser) == [13, 12, 31, 37]


def test_topic_chips_combine_with_the_query_and_the_url(browser: Any, site: str) -> None:
    open_page(browser, site)
    browser.find_element("css selector", '[data-topic="generative"]').click()
    assert count(browser) == "24 of 100 questions"
    browser.find_element("css selector", '[data-topic="generative::variational"]').click()
    assert count(browser) == "18 of 100 questions"
    browser.find_element("css selector", '[data-topic="regularised"]').click()
    browser.find_element("css selector", '[data-topic="regularised::sparse"]').click()
    assert count(browser) == "20 of 100 questions"
    type_query(browser, "β")
    assert shown_numbers(browser) == [31, 75]
    wait_for_query(browser, q="β", topic=["generative::variational", "regularised::sparse"])
    open_page(browser, browser.current_url)
    pressed = browser.find_elements("css selector", '.chips [aria-selected="true"]')
    assert sorted(chip.get_attribute("data-topic") for chip in pressed) == [
        "generative::variational", "regularised::sparse",
    ]
    assert shown_numbers(browser) == [31, 75]
    browser.find_element("id", "Clear").click()
    assert count(browser) == "100 questions"


def test_a_parent_topic_selects_its_children(browser: Any, site: str) -> None:
    open_page(browser, site + "?topic=generative")
    assert count(browser) == "24 of 100 questions"
    browser.find_element("css selector", "#what-is-β-vae .tags a").click()
    assert count(browser) == "18 of 100 questions"


def test_a_deep_link_shows_and_marks_its_item(browser: Any, site: str) -> None:
    open_page(browser, site + "#what-is-β-vae")
    target = browser.find_element("css selector", ":target")
    assert target.get_attribute("id") == "what-is-β-vae"
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;",
        target,
    )
    assert target.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    link = target.find_element("css selector", ".permalink")
    assert link.is_displayed() and link.get_dom_attribute("href") == "#what-is-β-vae"


def test_copy_link_copies_the_bare_item_link(browser: Any, site: str) -> None:
    browser.execute_cdp_cmd(
        "Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}
    )
    open_page(browser, site + "?q=sparse")
    link = browser.find_element("css selector", "#Results .permalink")
    link.click()
    # The page says so once the clipboard's promise settles, which is after the click returns.
    until(browser, lambda _: link.text.startswith("Link copied"))
    copied = browser.execute_script("return navigator.clipboard.readText()")
    assert copied == site + "#what-is-a-sparse-autoencoder"
    assert browser.find_element("css selector", ":target").get_attribute("id") == (
        "what-is-a-sparse-autoencoder"
    )


def test_a_shuffle_is_the_same_for_everyone_with_the_link(browser: Any, site: str) -> None:
    queue = "return qapress.page.study.state.queue.map(id => qapress.page.study.positionOf(id))"
    open_page(browser, site + "?study=1&seed=k3x9&topic=generative")
    browser.execute_script("localStorage.clear()")
    open_page(browser, browser.current_url)
    once = browser.execute_script(queue)
    assert sorted(once) != once and len(once) == 24
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    open_page(browser, browser.current_url)
    assert browser.execute_script(queue) == once
    browser.find_element("css selector", ".study-options summary").click()
    browser.find_element("css selector", '[data-study="unshuffle"]').click()
    assert browser.execute_script(queue) == sorted(once)


def test_the_page_asks_for_nothing_beyond_its_own_files(browser: Any, site: str) -> None:
    open_page(browser, site + "?q=vae")
    type_query(browser, "latent")
    browser.find_element("id", "Study").click()
    urls = requested_urls(browser)
    assert urls and all(url.startswith("file://") for url in urls), urls


def requested_urls(driver: Any) -> list[str]:
    """Return the URLs the page asked for since the performance log was last read."""
    return [
        message["params"]["request"]["url"]
        for entry in driver.get_log("performance")
        if (message := json.loads(entry["message"])["message"])["method"] == "Network.requestWillBeSent"
    ]


def test_search_words_fold_as_the_build_does(browser: Any, site: str) -> None:
    from qapress.render.site.search import words

    samples = ["Crème BRÛLÉE, β-VAE; naïve Σίσυφος x² ﬁne", "İstanbul Straße 東京 ١٢٣", "a_b-c.d"]
    open_page(browser, site)
    for text in samples:
        assert browser.execute_script("return qapressSearch.words(arguments[0])", text) == words(text)


def hostile_document() -> Document:
    """Return a document whose every field tries to inject markup."""
    tag = 'x"><img/src=x/onerror=window.pwned=3>'
    items = (
        Item(1, f"Is {HOSTILE} safe when a < b && c > d?", f"{IMAGE}\n\nSo a < b && c > d holds.",
             ("hostile", tag), "is-it-safe", 3),
        Item(2, "Plain question?", "Plain answer with [a link](javascript:window.pwned=4).",
             ("hostile",), "plain-question", 7),
    )
    return Document("hostile.md", "hostile", f"Title {HOSTILE}", items)


def test_a_hostile_document_shows_as_text_and_runs_nothing(
    browser: Any, tmp_path: Path
) -> None:
    open_page(browser, write_site([hostile_document()], tmp_path))
    type_query(browser, "safe")
    browser.find_element("css selector", ".chips [role=treeitem]").click()
    for link in browser.find_elements("css selector", "main a"):
        if link.is_displayed():
            link.click()
    assert browser.execute_script("return window.pwned") is None
    assert browser.execute_script("return document.querySelectorAll('body script, main img').length") == 0
    assert HOSTILE in browser.find_element("tag name", "h1").text
    assert browser.title == f"Title {HOSTILE}"
    item = browser.find_element("id", "is-it-safe")
    assert f"Is {HOSTILE} safe when a < b && c > d?" in item.text
    assert IMAGE in item.text and "So a < b && c > d holds." in item.text
    assert 'x"><img/src=x/onerror=window.pwned=3>' in item.find_element("css selector", ".tags").text


def axe_violations(driver: Any) -> list[str]:
    """Run axe-core on the page as it stands; return one line per violating node."""
    need(AXE.is_file(), f"needs axe-core at {AXE} (npm install --prefix ~/.cache/qapress-test axe-core@4)")
    # No preload: axe would fetch the stylesheets, which the page's CSP rightly refuses.
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations'], preload: false}).then(r => done(r.violations), e => done(String(e)));"
    )
    assert isinstance(result, list), result
    return [f"{v['id']}: {node['target']} {node['failureSummary']}" for v in result for node in v["nodes"]]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(
    "state", ["", "?q=vae&topic=generative", "?study=1&q=sparse", "?topic=generative::variational"]
)
def test_axe_finds_no_violation(browser: Any, site: str, theme: str, state: str) -> None:
    open_page(browser, site + state)
    browser.find_element("id", "Theme").send_keys(theme.capitalize())
    assert browser.execute_script("return document.documentElement.dataset.theme") == theme
    assert axe_violations(browser) == []


def test_a_phone_screen_needs_no_sideways_scrolling(browser: Any, site: str) -> None:
    metrics = {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        for state in ("", "?study=1"):
            open_page(browser, site + state)
            assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_printing_expands_every_answer_and_hides_the_controls(browser: Any, site: str) -> None:
    open_page(browser, site + "?study=1")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        answers = browser.find_elements("css selector", "main .document .answer")
        assert len(answers) == 100 and all(answer.is_displayed() for answer in answers)
        for control in ("Search", "StudyBar", "Count"):
            assert not browser.find_element("id", control).is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_long_result_lists_come_in_pages(browser: Any, site: str) -> None:
    open_page(browser, site)
    type_query(browser, "a")
    total = int(count(browser).split()[0])
    assert total > 50 and len(shown_numbers(browser)) == 50
    # Clicked as an element, not at a point: the list may still be settling under the pointer.
    browser.execute_script("arguments[0].click()", browser.find_element("css selector", "#Results .more"))
    until(browser, lambda _: len(shown_numbers(browser)) == total)


def test_several_documents_share_one_search_and_a_document_filter(
    browser: Any, autoencoders: Document, tmp_path: Path
) -> None:
    from dataclasses import replace

    twin = replace(autoencoders, slug="twin", path="twin.md", title="Twin questions")
    open_page(browser, write_site([autoencoders, twin], tmp_path) + "#twin--what-is-β-vae")
    assert browser.find_element("css selector", ":target").get_attribute("data-doc") == "twin"
    type_query(browser, "β")
    assert count(browser) == "4 of 200 questions"
    browser.find_element("id", "Doc").send_keys("Twin questions")
    assert count(browser) == "2 of 200 questions"
    ids = [el.get_attribute("id") for el in browser.find_elements("css selector", "#Results .item")]
    assert ids == ["twin--what-is-β-vae", "twin--what-are-β-tcvae-and-factorvae"]
    wait_for_query(browser, q="β", doc="twin")


CODE_ANSWER = """Like this:

```python
# keep the best
def best(xs: list[int]) -> str:
    return f"{max(xs)}" + 'x' * 2  # why not
```

With $a^2$, `inline code` and a table:

| a | b |
|---|---|
| 1 | 2 |
"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_passes_highlighted_code_and_tables(browser: Any, tmp_path: Path, theme: str) -> None:
    item = Item(1, "How does code look?", CODE_ANSWER, ("code", "style"), "how-does-code-look", 1)
    open_page(browser, write_site([Document("code.md", "code", "Code", (item,))], tmp_path))
    browser.find_element("id", "Theme").send_keys(theme.capitalize())
    assert browser.find_elements("css selector", ".hl .k")
    assert axe_violations(browser) == []


CONTRAST = """
const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const page = getComputedStyle(document.body).backgroundColor;
const chip = getComputedStyle(document.querySelector('.chips [role=treeitem]')).borderTopColor;
const box = document.getElementById('Query');
const hint = getComputedStyle(box, '::placeholder').color;
return [ratio(chip, page), ratio(hint, getComputedStyle(box).backgroundColor)];
"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_chip_borders_and_the_placeholder_stand_out(browser: Any, site: str, theme: str) -> None:
    open_page(browser, site)
    browser.find_element("id", "Theme").send_keys(theme.capitalize())
    border, placeholder = browser.execute_script(CONTRAST)
    assert border >= 3 and placeholder >= 4.5, (border, placeholder)
