"""Time for the watcher: an injectable clock and the one way times are written to the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

__all__ = ["Clock", "iso", "later", "system_clock"]

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """``moment`` as the ISO 8601 UTC string stored in the database (sortable as text)."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def later(moment: dt.datetime, seconds: float) -> str:
    """``iso`` of ``seconds`` after ``moment``."""
    return iso(moment + dt.timedelta(seconds=seconds))
