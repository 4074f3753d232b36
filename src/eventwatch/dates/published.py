"""Publication dates from metadata: feed ``pubDate``, HTML ``<meta>`` values, URL paths.

Pure helpers used by the readers: ``parse_published("Thu, 14 Mar 2024 09:30:00 +0000")``
and ``date_from_url("https://example.org/2024/03/14/story")`` both give ``"2024-03-14"``.
A timestamp keeps the publisher's local calendar day (no conversion to UTC): that is the
day the report's "today" refers to.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from urllib.parse import urlsplit

from .finder import find

__all__ = ["date_from_url", "parse_published"]

_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?=$|[T\s_])|(\d{4})(\d\d)(\d\d)(?=$|T)")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?=$|[T\s])")
_URL_PARTS = (
    re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$|[-_.])"),
    re.compile(r"[/_-]((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?=/|$|[-_.])"),
    re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/|$|[-_.])"),
)
_MAX_LENGTH = 80


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_published(value: str) -> str | None:
    """Normalise a date-ish metadata string to ``YYYY-MM-DD``; None when it names no full date."""
    text = value.strip()
    if not text or len(text) > _MAX_LENGTH:
        return None
    for pattern in (_ISO, _SLASHED):
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups() if part is not None)
            return _iso(year, month, day)
    try:
        stamp = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None:
        return stamp.date().isoformat()
    days = [m for m in find(text) if m.precision == "day" and m.value and m.kind in ("date", "time")]
    if days:
        return days[0].first
    # Only a string that writes its year is a publication date; "yesterday" would be read
    # against the clock of the machine, which is not the day of publication.
    return _dateparser(text) if re.search(r"\b\d{4}\b", text) else None


def _dateparser(text: str) -> str | None:
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


def date_from_url(url: str) -> str | None:
    """The publication day written in a URL path (``/2024/03/14/``, ``-2024-03-14``, ``/20240314/``)."""
    path = urlsplit(url).path
    for pattern in _URL_PARTS:
        match = pattern.search(path)
        if match:
            day = _iso(int(match[1]), int(match[2]), int(match[3]))
            if day:
                return day
    return None
