"""The development server: pages get the reload script and a policy that allows only it."""

from __future__ import annotations

import http.client
import socket
import struct
import threading
import time
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


def _ask(server: Server, path: str, host: str | None = None, method: str = "GET") -> int:
    """Send one request with ``Host: host`` (default: the server's own); return the status."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT)
    try:
        connection.putrequest(method, path, skip_host=True)
        connection.putheader("Host", host if host is not None else f"127.0.0.1:{server.port}")
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _handlers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "process_request_thread" in t.name]


def _until(condition: Any) -> None:
    """Wait for ``condition()``: the bound is WAIT, the pace the scheduler's."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the server never got there"
        time.sleep(0.01)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("path", ["/site/%00", "/site/%00/index.html", "/%ED%A0%80", "/%ff"])
def test_a_bad_path_gets_400_and_no_traceback(
    server: Server, capfd: pytest.CaptureFixture[str], path: str, method: str
) -> None:
    assert _ask(server, path, method=method) == 400
    assert _ask(server, "/site/") == 200
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    ("host", "status"),
    [("127.0.0.1", 200), ("LOCALHOST:{port}", 200), ("127.0.0.1:{port}", 200),
     ("attacker.example", 400), ("attacker.example:{port}", 400), ("127.0.0.1:1", 400),
     ("", 400), ("127.0.0.1.attacker.example", 400)],
)
def test_only_this_machine_may_be_named_as_the_host(server: Server, host: str, status: int) -> None:
    assert _ask(server, "/site/", host.format(port=server.port)) == status
    assert _ask(server, "/autoencoders.apkg", host.format(port=server.port), "HEAD") == status


def test_links_are_served_only_when_they_stay_inside_the_folder(
    built: Path, server: Server, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    (built / "out.txt").symlink_to(secret)
    (built / "up").symlink_to(tmp_path)
    (built / "in.apkg").symlink_to(built / "autoencoders.apkg")
    for path in ("/out.txt", "/up/secret.txt", "/up/"):
        assert _ask(server, path) == 404, path
        assert _ask(server, path, method="HEAD") == 404, path
    assert _ask(server, "/in.apkg") == 200


def test_a_silent_connection_is_closed_and_its_thread_freed(built: Path) -> None:
    serving = Server(built, port=0, idle=0.2)
    try:
        with socket.create_connection(("127.0.0.1", serving.port), timeout=WAIT) as silent:
            _until(lambda: len(_handlers()) == 1)
            assert silent.recv(1) == b""  # the server hung up on us
        _until(lambda: not _handlers())
    finally:
        serving.close()


def test_a_client_that_hangs_up_mid_answer_prints_nothing(
    built: Path, server: Server, capfd: pytest.CaptureFixture[str]
) -> None:
    (built / "big.bin").write_bytes(b"x" * 20_000_000)
    for _ in range(3):
        client = socket.create_connection(("127.0.0.1", server.port), timeout=WAIT)
        client.sendall(f"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        client.recv(1)
        # Close with a reset, as a browser does when the user stops a download.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
    _until(lambda: not _handlers())
    assert capfd.readouterr().err == ""
