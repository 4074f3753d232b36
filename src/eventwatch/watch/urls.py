"""Pure helpers for addresses and schedules: canonical article URLs and interval strings."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import EventwatchError

__all__ = ["canonical_url", "check_watchable", "format_interval", "is_tracking_param", "parse_interval"]

# Query parameters that say how a reader arrived, not which article it is.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs", "ga_")
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "twclid",
        "ttclid",
        "mkt_tok",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "ocid",
        "smid",
        "sr_share",
        "at_medium",
        "at_campaign",
        "icid",
        "s_cid",
        "s_kwcid",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 60}


def is_tracking_param(name: str) -> bool:
    """Whether the query parameter ``name`` only tracks the reader (``utm_source``, ``fbclid``)."""
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """``url`` reduced to the article it names: lower-case scheme and host, no credentials, no
    default port, no fragment, no tracking parameters, ``/`` for an empty path. Idempotent.

    Parameters that may name the article (``id``, ``p``, ``cid``) are kept: a false split costs a
    second fetch, a false merge loses an article.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def check_watchable(url: str) -> str:
    """``url`` stripped of spaces if it is an absolute http(s) URL with a host, else E1114."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise EventwatchError("E1114", url=url)
    return url


def parse_interval(value: str) -> int:
    """Seconds in an interval like ``15m``, ``2h``, ``1d``, ``90s`` (a bare number is minutes); E1108."""
    found = _INTERVAL.match(value)
    if not found:
        raise EventwatchError("E1108", value=value)
    seconds = int(found.group(1)) * _UNIT_SECONDS[found.group(2)]
    if seconds < 60:
        raise EventwatchError("E1108", value=value)
    return seconds


def format_interval(seconds: int) -> str:
    """The shortest exact spelling of ``seconds``: ``900 -> '15m'``."""
    for unit in ("d", "h", "m"):
        size = _UNIT_SECONDS[unit]
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
