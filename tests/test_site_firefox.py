"""A smoke run of the site in a second engine: Firefox ESR from file://, through Marionette.

Readers double-click the page in whatever browser they have. Debian packages Firefox ESR but not
geckodriver, so the test speaks Marionette, Firefox's own remote protocol, with PyPI's
``marionette-driver``.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from qapress.items import Document
from tests.conftest import need
from tests.test_site_browser import WAIT, write_site


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Return a Marionette client driving a headless Firefox ESR with a fresh profile."""
    binary = shutil.which("firefox-esr") or shutil.which("firefox")
    need(binary is not None, "needs Debian's firefox-esr (apt-get install firefox-esr)")
    try:
        from marionette_driver.marionette import Marionette
    except ImportError:
        need(False, "needs marionette-driver (pip install -e '.[test]')")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("gecko") / "gecko.log"
    client = Marionette(bin=binary, headless=True, port=port, gecko_log=str(log))
    client.start_session()
    try:
        yield client
    finally:
        client.delete_session()
        client.cleanup()


@pytest.fixture(scope="module")
def site(autoencoders: Document, tmp_path_factory: pytest.TempPathFactory) -> str:
    return write_site([autoencoders], tmp_path_factory.mktemp("firefox"))


def until(client: Any, condition: Callable[[Any], Any]) -> Any:
    """Return ``condition(client)`` once it is true: the page's state decides, ``WAIT`` bounds."""
    from marionette_driver.wait import Wait

    return Wait(client, timeout=WAIT, interval=0.05).until(condition)


def open_page(client: Any, url: str) -> None:
    """Load ``url`` afresh and wait until its search is wired."""
    client.navigate("about:blank")
    client.navigate(url)
    until(client, lambda c: c.execute_script(
        "return document.documentElement.classList.contains('search-ready')"))


def script(client: Any, text: str) -> Any:
    return client.execute_script(text)


def test_firefox_loads_the_page_and_searches_as_typed(firefox: Any, site: str) -> None:
    from marionette_driver.by import By

    open_page(firefox, site)
    assert script(firefox, "return document.getElementById('Count').textContent") == "100 questions"
    firefox.find_element(By.ID, "Query").send_keys("denoising")
    until(firefox, lambda c: script(c, "return document.getElementById('Count').textContent")
          == "8 of 100 questions")
    first = script(firefox, "return document.querySelector('#Results .item').id")
    assert first == "what-are-denoising-autoencoders"


def test_firefox_follows_a_deep_link(firefox: Any, site: str) -> None:
    open_page(firefox, site + "#what-is-β-vae")
    target = until(firefox, lambda c: script(c, "const t = document.querySelector(':target');"
                                                " return t && t.id"))
    assert target == "what-is-β-vae"


def test_firefox_takes_a_study_step(firefox: Any, site: str) -> None:
    from marionette_driver.by import By

    open_page(firefox, site + "?study=1&topic=regularised::sparse")
    script(firefox, "localStorage.clear()")
    open_page(firefox, site + "?study=1&topic=regularised::sparse")
    card = "return document.querySelector('#Card .item .number').textContent"
    assert script(firefox, card) == "Q9."
    firefox.find_element(By.ID, "Flip").click()
    assert script(firefox, "return document.querySelector('#Card .answer').checkVisibility()")
    firefox.find_element(By.CSS_SELECTOR, "#StudyButtons .good").click()
    assert script(firefox, card) == "Q10."
    assert script(firefox, "return document.getElementById('Progress').textContent") == (
        "1 of 2 left · 1 known · 0 to repeat"
    )

