"""The development server: pages get the reload script and a policy that allows only it."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import AUTOENCODERS

from qapress import cli
from qapress.author.serve import BUILD_PATH, SCRIPT_PATH, Server, allow_reload, with_reload

SITE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)
WAIT = 30
"""Seconds to wait for the browser to reload before calling it stuck: a bound, never a pace."""


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            SITE_POLICY,
            f"{SITE_POLICY}; connect-src 'self'",
        ),
        ("default-src 'none'", "default-src 'none'; script-src 'self'; connect-src 'self'"),
        ("script-src 'none'; connect-src https:", "script-src 'self'; connect-src https: 'self'"),
    ],
)
def test_the_policy_opens_only_our_own_origin_for_script_and_polling(
    policy: str, expected: str
) -> None:
    assert allow_reload(policy) == expected


def test_the_script_goes_before_the_body_closes_and_carries_the_build() -> None:
    page = f'<head><meta http-equiv="Content-Security-Policy" content="{SITE_POLICY}"></head>'
    sent = with_reload(page + "<body><p>x</p></body></html>", 4)
    assert f'<script src="{SCRIPT_PATH}" data-build="4"></script>\n</body>' in sent
    assert "connect-src 'self'" in sent


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """Return an output folder with the autoencoders document built into it."""
    out = tmp_path / "dist"
    assert cli.main([str(AUTOENCODERS), "--out", str(out)]) == 0
    return out


@pytest.fixture
def server(built: Path) -> Iterator[Server]:
    """Serve the output folder, as ``--serve`` does, from a port the system picks."""
    serving = Server(built, port=0)
    try:
        yield serving
    finally:
        serving.close()


def _get(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=WAIT) as response:
        return response.headers["Content-Type"], response.read()


def test_served_pages_reload_while_the_files_keep_their_strict_policy(
    built: Path, server: Server
) -> None:
    on_disk = (built / "site" / "index.html").read_text(encoding="utf-8")
    kind, page = _get(server.url + "site/")
    assert kind.startswith("text/html")
    assert f'src="{SCRIPT_PATH}" data-build="0"' in page.decode()
    assert "connect-src 'self'" in page.decode()
    assert SCRIPT_PATH not in on_disk
    assert "connect-src" not in on_disk
    for name in (p.relative_to(built / "site") for p in (built / "site").rglob("*")):
        if name.suffix in (".css", ".js"):
            assert _get(f"{server.url}site/{name.as_posix()}")[1] == (built / "site" / name).read_bytes()
    # The page's links to the deck and the print page resolve from the served folder.
    for link in ("autoencoders.apkg", "print/autoencoders.html"):
        assert f'href="../{link}"' in on_disk
    assert _get(server.url + "autoencoders.apkg")[1] == (built / "autoencoders.apkg").read_bytes()
    kind, sheet = _get(server.url + "print/autoencoders.html")
    assert kind.startswith("text/html") and b"Q100." in sheet


def test_the_build_number_moves_after_each_build(server: Server) -> None:
    assert _get(server.url + BUILD_PATH.lstrip("/"))[1] == b"0"
    server.built()
    assert _get(server.url + BUILD_PATH.lstrip("/"))[1] == b"1"
    kind, script = _get(server.url + SCRIPT_PATH.lstrip("/"))
    assert kind.startswith("text/javascript")
    assert b"location.reload()" in script


def test_the_browser_reloads_after_a_rebuild_without_breaking_the_policy(
    chromium: Any, built: Path, server: Server
) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    chromium.get(server.url + "site/")
    chromium.get_log("browser")
    marker = chromium.execute_script("window.beforeRebuild = true; return window.beforeRebuild;")
    assert marker is True
    index = built / "site" / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</h1>", " (rebuilt)</h1>", 1))
    server.built()
    WebDriverWait(chromium, WAIT).until(
        lambda driver: driver.execute_script("return window.beforeRebuild === undefined;")
    )
    assert "(rebuilt)" in chromium.find_element("css selector", "h1").text
    # Chromium asks for /favicon.ico on its own; no page of ours names it.
    logs = chromium.get_log("browser")
    errors = [e for e in logs if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]]
    assert errors == []
