"""The print page opened in Chromium: styled under its own policy, with nothing that runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_sheet import STAMP, hostile_document

from qapress.items import Document
from qapress.render import paths
from qapress.render.sheet.page import render_sheets
from qapress.settings import Settings
from tests.test_site_browser import until


def open_sheet(chromium: Any, document: Document, folder: Path) -> list[dict[str, Any]]:
    """Write the print page to ``folder``, open it, and return the console's messages."""
    for name, data in render_sheets([document], Settings(stamp=STAMP)).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    chromium.get_log("browser")
    chromium.get((folder / paths.sheet_file(document)).as_uri())
    # Every message the page causes comes before it has loaded and laid out its stylesheet.
    until(chromium, lambda d: d.execute_script(
        "return document.readyState === 'complete' && document.styleSheets.length > 0"
    ))
    return list(chromium.get_log("browser"))


def test_page_loads_its_stylesheet_without_a_console_message(
    chromium: Any, autoencoders: Document, tmp_path: Path
) -> None:
    messages = open_sheet(chromium, autoencoders, tmp_path)
    assert messages == []
    columns = chromium.execute_script(
        "return getComputedStyle(document.querySelector('.items')).columnCount"
    )
    assert columns == "2"
    assert chromium.execute_script("return document.querySelectorAll('article.item').length") == 100


def test_hostile_document_runs_nothing(chromium: Any, tmp_path: Path) -> None:
    open_sheet(chromium, hostile_document(), tmp_path)
    assert chromium.execute_script("return document.scripts.length") == 0
    assert chromium.execute_script("return document.querySelectorAll('img[onerror]').length") == 0
    question = chromium.execute_script("return document.querySelector('.question .text').textContent")
    assert "<script>alert(1)</script>" in question
