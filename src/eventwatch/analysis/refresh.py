"""After new events arrive: board rules rate them, indicator thresholds are checked."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import Store
from . import boards, indicators

__all__ = ["RefreshReport", "refresh"]


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """How many default ratings rules gave and how many indicator alarms were queued."""

    ratings: int
    alarms: int


def refresh(store: Store, *, today: str | None = None) -> RefreshReport:
    """Apply every board's rules and check every indicator's threshold (idempotent)."""
    ratings = sum(boards.apply_rules(store, board) for board in boards.list_boards(store))
    alarms = len(indicators.check_thresholds(store, today=today))
    return RefreshReport(ratings, alarms)
