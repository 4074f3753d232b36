"""A polite HTTP fetcher: robots.txt, a per-host pause, conditional GET, timeouts and a size limit.

Every hop of a redirect is checked like the first request (scheme, private addresses), and a
response is read in chunks so an endless or trickling body is cut off at the size limit or the
total deadline instead of filling memory or hanging the watcher.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import EventwatchError
from ..readers import check_public_url

__all__ = ["DEFAULT_USER_AGENT", "FetchSettings", "Fetcher", "Response", "StoppedError"]

DEFAULT_USER_AGENT = f"eventwatch/{__version__} (+https://pypi.org/project/eventwatch/; news watcher)"
_DISALLOW_ALL = ("User-agent: *", "Disallow: /")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class StoppedError(Exception):
    """Raised inside a fetch when the watcher was asked to stop while waiting."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """How politely and how patiently to fetch."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    host_delay: float = 1.0
    max_redirects: int = 5
    respect_robots: bool = True


@dataclass(slots=True, kw_only=True)
class Response:
    """What a GET brought back, after redirects."""

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server said the resource did not change since the validators we sent (304)."""
        return self.status == 304

    @property
    def is_html(self) -> bool:
        """Whether the body is an HTML page (by its media type, or by sniffing when none is given)."""
        media = self.content_type.split(";")[0].strip().lower()
        if media:
            return media in ("text/html", "application/xhtml+xml")
        head = self.content[:512].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html"))

    def text(self) -> str:
        """The body decoded with its declared charset (header, then ``<meta charset>``), else UTF-8."""
        charset = None
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        if charset is None and (found := _META_CHARSET.search(self.content[:4096])):
            charset = found.group(1).decode("ascii")
        try:
            return self.content.decode(charset or "utf-8", errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


@dataclass(slots=True)
class _Robots:
    parser: urllib.robotparser.RobotFileParser
    fetched: float


@dataclass
class Fetcher:
    """Fetches URLs politely; one instance per watcher, so pauses and robots.txt are shared."""

    settings: FetchSettings = field(default_factory=FetchSettings)
    stop: threading.Event = field(default_factory=threading.Event)
    transport: httpx.BaseTransport | None = None
    robots_ttl: float = 3600.0

    def __post_init__(self) -> None:
        self._client = httpx.Client(
            transport=self.transport,
            follow_redirects=False,
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": self.settings.user_agent},
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def get(
        self,
        url: str,
        *,
        allow_private: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """GET ``url`` following redirects; a 304 comes back as a ``Response``, other failures as
        E1101 (network, timeout), E1102 (HTTP status), E1103 (size), E1104 (robots.txt), E1105
        (redirects), E111/E1114 (address refused).
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(self.settings.max_redirects + 1):
            self._check_address(url, allow_private=allow_private)
            self._check_robots(url, allow_private=allow_private)
            response, location = self._request(url, headers=headers)
            if location is None:
                if response.status == 304 and headers:
                    return response
                if not 200 <= response.status < 300:
                    raise EventwatchError("E1102", url=url, status=response.status)
                return response
            url = location
        raise EventwatchError("E1105", url=url, limit=self.settings.max_redirects)

    def allowed(self, url: str, *, allow_private: bool = False) -> bool:
        """Whether robots.txt of ``url``'s site lets this user agent fetch it."""
        if not self.settings.respect_robots:
            return True
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(site)
        if cached is None or time.monotonic() - cached.fetched > self.robots_ttl:
            cached = _Robots(self._load_robots(site, allow_private=allow_private), time.monotonic())
            self._robots[site] = cached
        return cached.parser.can_fetch(self.settings.user_agent, url)

    # internals -----------------------------------------------------------------------------

    def _check_address(self, url: str, *, allow_private: bool) -> None:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise EventwatchError("E1114", url=url)
        if not allow_private:
            check_public_url(url)

    def _check_robots(self, url: str, *, allow_private: bool) -> None:
        if not self.allowed(url, allow_private=allow_private):
            host = urlsplit(url).netloc
            raise EventwatchError("E1104", host=host, url=url, agent=self.settings.user_agent)

    def _load_robots(self, site: str, *, allow_private: bool) -> urllib.robotparser.RobotFileParser:
        # RFC 9309: a missing robots.txt allows everything; one that cannot be reached, or that the
        # server refuses to show, disallows everything until it can be read.
        parser = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
        try:
            response, location = self._request(f"{site}/robots.txt", headers={})
            if location is not None:
                self._check_address(location, allow_private=allow_private)
                response, location = self._request(location, headers={})
        except EventwatchError:
            parser.parse(_DISALLOW_ALL)
            return parser
        if location is not None or response.status >= 500 or response.status in (401, 403):
            parser.parse(_DISALLOW_ALL)
        elif response.status >= 400:
            parser.parse([])
        else:
            parser.parse(response.text().splitlines())
        return parser

    def _pause(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.host_delay - (time.monotonic() - last)
            if wait > 0 and self.stop.wait(wait):
                raise StoppedError
        if self.stop.is_set():
            raise StoppedError

    def _request(self, url: str, *, headers: dict[str, str]) -> tuple[Response, str | None]:
        """One GET without following redirects: the response, and where it redirects to if it does."""
        host = urlsplit(url).netloc.lower()
        self._pause(host)
        limit = self.settings.max_bytes
        deadline = time.monotonic() + self.settings.total_timeout
        try:
            with self._client.stream("GET", url, headers=headers) as raw:
                self._last_request[host] = time.monotonic()
                location = raw.headers.get("location")
                if raw.status_code in _REDIRECTS and location:
                    return Response(url=url, status=raw.status_code), urljoin(url, location)
                declared = raw.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise EventwatchError("E1103", url=url, limit=limit)
                chunks: list[bytes] = []
                size = 0
                for chunk in raw.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise EventwatchError("E1103", url=url, limit=limit)
                    if time.monotonic() > deadline:
                        reason = f"no complete answer within {self.settings.total_timeout:g} seconds"
                        raise EventwatchError("E1101", url=url, reason=reason)
                    if self.stop.is_set():
                        raise StoppedError
                    chunks.append(chunk)
                return Response(
                    url=url,
                    status=raw.status_code,
                    content=b"".join(chunks),
                    content_type=raw.headers.get("content-type", ""),
                    etag=raw.headers.get("etag"),
                    last_modified=raw.headers.get("last-modified"),
                ), None
        except httpx.TimeoutException:
            self._last_request[host] = time.monotonic()
            reason = f"no answer within {self.settings.timeout:g} seconds"
            raise EventwatchError("E1101", url=url, reason=reason) from None
        except httpx.HTTPError as exc:
            self._last_request[host] = time.monotonic()
            raise EventwatchError("E1101", url=url, reason=str(exc) or type(exc).__name__) from None
