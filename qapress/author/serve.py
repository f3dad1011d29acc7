"""The development server: the built site on localhost, reloading its pages after each rebuild.

Pages are sent with a small script added and their Content-Security-Policy widened just enough
to run it (``script-src 'self'``, ``connect-src 'self'``); the files on disk keep their strict
policy and work from ``file://`` as built.
"""

from __future__ import annotations

import re
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from qapress.render import templates

PREFIX = "/__qapress/"
BUILD_PATH = PREFIX + "build"
SCRIPT_PATH = PREFIX + "reload.js"
_CSP = re.compile(
    r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE
)
_BODY_END = re.compile(r"</body>", re.IGNORECASE)
IDLE_SECONDS = 10.0
"""How long a connection may stay silent before it is closed and its thread freed."""
HOSTS = ("127.0.0.1", "localhost")
"""The only names a request may give in ``Host``: a page on another name (DNS rebinding) gets 400."""


def allow_reload(policy: str) -> str:
    """Return the policy with the reload script and its polling allowed from our own origin."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    for name in ("script-src", "connect-src"):
        found = [i for i, d in enumerate(directives) if d.split()[0].lower() == name]
        if not found:
            directives.append(f"{name} 'self'")
            continue
        sources = directives[found[0]].split()[1:]
        kept = [s for s in sources if s.lower() != "'none'"]
        if "'self'" not in kept:
            kept.append("'self'")
        directives[found[0]] = " ".join([name, *kept])
    return "; ".join(directives)


def with_reload(page: str, build: int) -> str:
    """Return an HTML page with the reload script added and allowed by its policy."""
    page = _CSP.sub(lambda m: m[1] + allow_reload(m[2]) + m[3], page, count=1)
    tag = f'<script src="{SCRIPT_PATH}" data-build="{build}"></script>\n'
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    return page[: ends[-1].start()] + tag + page[ends[-1].start() :]


class Server:
    """A site served from a folder on localhost, in a thread of its own."""

    def __init__(self, root: Path, port: int = 8000, idle: float = IDLE_SECONDS) -> None:
        self.build = 0
        """Counts successful builds; pages reload when it moves past the one they were sent at."""
        self.root = root.resolve()
        self.idle = idle
        handler = partial(_Handler, self, directory=str(root))
        try:
            self._http = _Quiet(("127.0.0.1", port), handler)
        except OSError:
            # The port is taken: let the system choose a free one.
            self._http = _Quiet(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        """Return the port the site is served on."""
        return int(self._http.server_address[1])

    @property
    def url(self) -> str:
        """Return the site's address."""
        return f"http://127.0.0.1:{self.port}/"

    def built(self) -> None:
        """Tell open pages that a new build is out."""
        self.build += 1

    def close(self) -> None:
        """Stop serving and free the port."""
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that hangs up or goes silent is no news to the author; anything else is a bug.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, server: Server, *args: Any, **kwargs: Any) -> None:
        self.site = server
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        """Give the connection its idle timeout, so that a silent client frees its thread."""
        super().setup()
        self.connection.settimeout(self.site.idle)

    def parse_request(self) -> bool:
        """Read the request line and headers; refuse a ``Host`` that is not this machine."""
        if not super().parse_request():
            return False
        host = (self.headers.get("Host") or "").lower()
        name, _, port = host.rpartition(":") if ":" in host else (host, "", "")
        if name not in HOSTS or port not in ("", str(self.site.port)):
            self.send_error(HTTPStatus.BAD_REQUEST, "Host must be 127.0.0.1 or localhost")
            return False
        return True

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == BUILD_PATH:
            self._send(str(self.site.build).encode(), "text/plain; charset=utf-8")
            return
        if path == SCRIPT_PATH:
            script = templates.read_text("author/reload.js").encode()
            self._send(script, "text/javascript; charset=utf-8")
            return
        file = self._file(path)
        if file is None:
            return
        page = file / "index.html" if file.is_dir() and path.endswith("/") else file
        if page.suffix == ".html" and page.is_file():
            html = with_reload(page.read_text(encoding="utf-8"), self.site.build)
            self._send(html.encode(), "text/html; charset=utf-8")
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        if self._file(self.path.split("?", 1)[0]) is not None:
            super().do_HEAD()

    def _file(self, path: str) -> Path | None:
        """Return the file ``path`` names inside the served folder, or answer with an error."""
        try:
            if "\x00" in unquote(path, errors="strict"):
                raise ValueError("a NUL in the path")
            file = Path(self.translate_path(path))
            # Links are followed only where they stay inside the served folder.
            inside = file.resolve().is_relative_to(self.site.root)
        except (ValueError, OSError, RuntimeError):
            self.send_error(HTTPStatus.BAD_REQUEST, "Not a usable path")
            return None
        if not inside:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return file
    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the terminal for build reports."""
