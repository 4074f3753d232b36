"""The merged record of one canonical event, with disagreements between reports kept visible.

Counts follow ACLED's convention: when reports disagree the lowest figure is used, and every
reported figure stays listed under ``conflicts``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .model import Mention

__all__ = ["summarise"]

_DATE_RANK = {"day": 0, "week": 1, "range": 2, "month": 3, "year": 4, "unknown": 5}
_PLACE_RANK = {"point": 0, "city": 1, "border": 2, "admin2": 3, "admin1": 4, "region": 5, "country": 6}


def _most_common(values: Sequence[Any]) -> Any:
    """The most frequent value; ties go to the smallest (so the result never depends on order)."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], repr(v)))


def _dates(members: Sequence[Mention]) -> tuple[dict[str, Any], list[str]]:
    dated = [m for m in members if m.date_start]
    if not dated:
        return {"start": None, "end": None, "precision": "unknown"}, []
    best = min(_DATE_RANK.get(m.precision, 5) for m in dated)
    finest = [m for m in dated if _DATE_RANK.get(m.precision, 5) == best]
    windows = [(m.date_start, m.date_end or m.date_start, m.precision) for m in finest]
    start, end, precision = _most_common(windows)
    seen = sorted({_show_date(m.date_start, m.date_end) for m in finest})
    return {"start": start, "end": end, "precision": precision}, seen if len(seen) > 1 else []


def _show_date(start: str | None, end: str | None) -> str:
    return str(start) if end in (None, start) else f"{start}..{end}"


def _place(members: Sequence[Mention]) -> tuple[dict[str, Any] | None, list[str]]:
    placed = [m for m in members if m.place or m.country]
    if not placed:
        return None, []

    def rank(m: Mention) -> int:
        if m.place is None:
            return 7
        return _PLACE_RANK.get(m.feature or ("city" if m.lat is not None else "country"), 1)

    best = min(rank(m) for m in placed)
    finest = [m for m in placed if rank(m) == best]
    chosen = _most_common([(m.place, m.country, m.admin1, m.lat, m.lon, m.feature) for m in finest])
    names = sorted({f"{m.place or '?'} ({m.country or '?'})" for m in finest})
    place = dict(zip(("name", "country", "admin1", "lat", "lon", "feature"), chosen, strict=True))
    return place, names if len(names) > 1 else []


def _actors(members: Sequence[Mention]) -> list[dict[str, Any]]:
    counts = Counter(
        (a.role, a.name, a.country, a.sector)
        for m in members
        for a in m.actors
        if a.name or a.country or a.sector
    )
    return [
        {"role": role, "name": name, "country": country, "sector": sector, "reports": n}
        for (role, name, country, sector), n in sorted(counts.items(), key=lambda kv: (-kv[1], repr(kv[0])))
    ]


def summarise(members: Sequence[Mention]) -> dict[str, Any]:
    """Merged fields of the mentions of one event: type, date, place, counts, actors, reporting.

    ``conflicts`` maps each field on which reports disagree to every value reported.
    """
    if not members:
        raise ValueError("an event needs at least one mention")
    conflicts: dict[str, list[Any]] = {}
    types = sorted({m.type for m in members})
    if len(types) > 1:
        conflicts["type"] = types
    date, seen_dates = _dates(members)
    if seen_dates:
        conflicts["date"] = seen_dates
    place, seen_places = _place(members)
    if seen_places:
        conflicts["place"] = seen_places
    counts: dict[str, int | None] = {}
    for name in ("fatalities", "injured", "participants"):
        values = sorted({v for m in members if (v := getattr(m, name)) is not None})
        counts[name] = values[0] if values else None
        if len(values) > 1:
            conflicts[name] = values
    published = sorted(m.published for m in members if m.published)
    return {
        "type": _most_common([m.type for m in members]),
        "status": _most_common([m.status for m in members]),
        "date": date,
        "place": place,
        **counts,
        "actors": _actors(members),
        "reports": len(members),
        "documents": len({m.document or m.key for m in members}),
        "sources": len({m.source or m.document or m.key for m in members}),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "conflicts": conflicts,
    }
