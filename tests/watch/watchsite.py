"""Helpers for watcher tests: a local HTTP site, canned feeds and pages, a settable clock."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from eventwatch.watch import FetchSettings

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Page:
    """A canned response; ``etag`` makes it answer 304 to a matching If-None-Match."""

    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None


class Site:
    """Routes by path; records every request's path and headers, and every POSTed JSON body."""

    def __init__(self) -> None:
        self.routes: dict[str, Page | Handler] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.posts: list[dict[str, Any]] = []
        self.times: list[float] = []
        self.bodies: list[tuple[dict[str, str], bytes]] = []
        self.post_status = 200
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path: str, body: str | bytes, **options: Any) -> None:
        self.routes[path] = Page(body.encode("utf-8") if isinstance(body, str) else body, **options)

    def hits(self, path: str) -> int:
        """How many GETs asked for ``path`` (query string ignored)."""
        return sum(1 for method, p, _ in self.requests if method == "GET" and urlsplit(p).path == path)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        site = self.server.site
        site.requests.append(("GET", self.path, dict(self.headers)))
        site.times.append(time.monotonic())
        route = site.routes.get(urlsplit(self.path).path)
        if route is None:
            self._send(Page(b"not found", status=404, content_type="text/plain"))
        elif isinstance(route, Page):
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
            else:
                self._send(route)
        else:
            route(self)

    def do_POST(self) -> None:
        site = self.server.site
        site.requests.append(("POST", self.path, dict(self.headers)))
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        site.bodies.append((dict(self.headers), body))
        if site.post_status < 300:
            site.posts.append(json.loads(body))
        self._send(Page(b"{}", status=site.post_status, content_type="application/json"))

    def _send(self, page: Page) -> None:
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        if page.etag:
            self.send_header("ETag", page.etag)
        for key, value in page.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(page.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: Site


def serve() -> _Server:
    """A server on 127.0.0.1 (a free port) for a new empty ``Site``; the caller runs it in a thread."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site()
    server.site.port = server.server_address[1]
    return server


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


# Generous timeouts: the machine running the tests may be busy; the timeout test sets its own.
FAST_FETCH = FetchSettings(host_delay=0.0, timeout=3.0, total_timeout=10.0, max_bytes=200_000)


def article_html(
    title: str, sentences: list[str], *, canonical: str | None = None, published: str | None = None
) -> str:
    """An article page long enough for trafilatura to take its text."""
    head = f"<title>{title}</title>"
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    paragraphs = "".join(f"<p>{sentence} {filler}</p>" for sentence in sentences for filler in [_FILLER])
    body = f"<body><article><h1>{title}</h1>{paragraphs}</article></body>"
    return f"<!doctype html><html><head>{head}</head>{body}</html>"


_FILLER = (
    "Local reporters spoke with residents of the district, who described the week as calm otherwise "
    "and said that shops, schools and the bus station kept their usual hours."
)


def rss(items: list[tuple[str, str, str | None]], *, title: str = "Test feed") -> str:
    """An RSS 2.0 feed of (link, title, RFC 822 pubDate or None) items."""
    entries = "".join(
        f"<item><title>{name}</title><link>{link}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "</item>"
        for link, name, date in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'


def slow(seconds: float) -> Handler:
    """A handler that answers only after ``seconds``."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        # The client gave up waiting, as it should: writing then fails.
        with contextlib.suppress(OSError):
            handler.wfile.write(b"<rss version='2.0'><channel></channel></rss>")

    return handle
