"""Shared fixtures: the autoencoders document, a headless Chromium, and CI-aware skips."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from qapress.build import parallel, sources
from qapress.items import Document

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
AUTOENCODERS = SOURCE / "autoencoders.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(available: bool, reason: str) -> None:
    """Skip when a system tool is missing on a user's machine; fail under ``CI=true``."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must have this: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep what builds cache (templates, code colours, documents) out of the user's folder."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Allow two processes even on a one-core or busy machine, and note each worker's pid."""
    forked: list[int] = []
    real_fork = parallel._fork

    def counting(call: Callable[[], object]) -> tuple[int, int]:
        pid, pipe = real_fork(call)
        forked.append(pid)
        return pid, pipe

    real_fork_ahead = parallel._fork_ahead

    def counting_ahead(ready: Callable[[], Callable[..., object]], others: list[int]) -> tuple[int, int, int]:
        pid, to_worker, from_worker = real_fork_ahead(ready, others)
        forked.append(pid)
        return pid, to_worker, from_worker

    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "_others_running", lambda: 0)
    monkeypatch.setattr(parallel, "_fork", counting)
    monkeypatch.setattr(parallel, "_fork_ahead", counting_ahead)
    return forked


@pytest.fixture(scope="session")
def autoencoders() -> Document:
    """Return the autoencoders document as the build reads it, topic tags included."""
    return sources.gather([AUTOENCODERS]).documents[0]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Return a Selenium driver for Debian's headless Chromium, logging console and network."""
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    need(
        Path(binary).exists() and Path(driver_path).exists(),
        "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--window-size=1200,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        yield driver
    finally:
        driver.quit()
