"""Publication dates from metadata strings, feed dates and URLs, normalised to YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

__all__ = ["date_from_url", "parse_published"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_published(value: str) -> str | None:
    """Normalise a metadata or feed date (ISO 8601, RFC 822, or dateparser-readable) to YYYY-MM-DD."""
    if match := _ISO.match(value):
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def date_from_url(url: str) -> str | None:
    """A publication date written into a URL path such as ``/2024/03/14/``."""
    match = _URL_DATE.search(url)
    return _valid(int(match[1]), int(match[2]), int(match[3])) if match else None
