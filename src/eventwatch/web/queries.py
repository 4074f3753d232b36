"""Read-only queries the web service needs beyond ``Store.mentions``: counts, stats, map points, documents.

All of them take the store's own filter conditions, so the list, the chart, the map and the
exports always agree on what a filter selects. SQL is built with SQLAlchemy Core only (bound
parameters throughout).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from ..dates.calendar import period_start
from ..store import EventFilter, Store
from ..store.schema import documents, mentions

__all__ = ["count_mentions", "document_rows", "facets", "map_points", "stats", "week_of"]


def _version(store: Store) -> tuple[int, int]:
    """What the mentions table looks like now: (highest id, row count); cheap on both databases."""
    with store.engine.connect() as connection:
        row = connection.execute(select(func.max(mentions.c.id), func.count()).select_from(mentions)).one()
    return int(row[0] or 0), int(row[1] or 0)


def _filter_key(flt: EventFilter) -> tuple[Any, ...]:
    return (tuple(flt.types), flt.since, flt.until, flt.country, flt.status, flt.q, flt.document_id)


class _Cache:
    """Results of the aggregate queries, valid while the mentions table is unchanged.

    A dashboard asks the same counts again and again between ingests; the key includes the
    table's (highest id, row count), so any insert or delete makes old entries unreachable.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.entries: dict[tuple[Any, ...], Any] = {}

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        if key in self.entries:
            return self.entries[key]
        value = compute()
        if len(self.entries) >= self.size:
            self.entries.pop(next(iter(self.entries)))
        self.entries[key] = value
        return value


_cache = _Cache()


def count_mentions(store: Store, flt: EventFilter) -> int:
    """How many mentions match ``flt`` (ignoring its limit and offset)."""

    def compute() -> int:
        query = select(func.count()).select_from(mentions).where(*store._conditions(flt))
        with store.engine.connect() as connection:
            return int(connection.execute(query).scalar() or 0)

    count: int = _cache.get(("count", store.url, _version(store), _filter_key(flt)), compute)
    return count


def week_of(day: str) -> str:
    """The Monday starting the ISO week of ``day`` (YYYY-MM-DD)."""
    return period_start(dt.date.fromisoformat(day), "week").isoformat()


def stats(store: Store, flt: EventFilter) -> dict[str, Any]:
    """Counts of matching mentions by type, by day, by week (and type), by country and by status.

    Each dimension is its own GROUP BY, answered from an index where one covers it, rather than
    one GROUP BY over every combination (which returns a row per type, day, country and status).
    """
    dict_result: dict[str, Any] = _cache.get(
        ("stats", store.url, _version(store), _filter_key(flt)), lambda: _stats(store, flt)
    )
    return dict_result


def _stats(store: Store, flt: EventFilter) -> dict[str, Any]:
    conditions = store._conditions(flt)

    def grouped(*columns: Any) -> list[Any]:
        query = select(*columns, func.count()).where(*conditions).group_by(*columns)
        with store.engine.connect() as connection:
            return list(connection.execute(query))

    by_type = Counter({kind: n for kind, n in grouped(mentions.c.type)})
    by_status = Counter({status: n for status, n in grouped(mentions.c.status)})
    by_country: Counter[str] = Counter()
    for country, n in grouped(mentions.c.country):
        by_country[country or "unknown"] += n
    by_day: Counter[str] = Counter()
    by_week: Counter[str] = Counter()
    by_week_type: Counter[tuple[str, str]] = Counter()
    by_day_type: dict[tuple[str, str], int] = {}
    undated = 0
    weeks: dict[str, str] = {}
    for kind, day, n in grouped(mentions.c.type, mentions.c.date_start):
        if not day:
            undated += n
            continue
        week = weeks.get(day) or weeks.setdefault(day, week_of(day))
        by_day[day] += n
        by_week[week] += n
        by_week_type[(week, kind)] += n
        by_day_type[(day, kind)] = n
    return {
        "total": sum(by_type.values()),
        "undated": undated,
        "by_type": dict(by_type.most_common()),
        "by_status": dict(by_status.most_common()),
        "by_country": dict(by_country.most_common()),
        "by_day": dict(sorted(by_day.items())),
        "by_week": dict(sorted(by_week.items())),
        "by_week_type": [
            {"week": week, "type": kind, "count": n} for (week, kind), n in sorted(by_week_type.items())
        ],
        "by_day_type": [
            {"day": day, "type": kind, "count": n} for (day, kind), n in sorted(by_day_type.items())
        ],
    }


def facets(store: Store) -> dict[str, list[str]]:
    """The event types, countries and statuses present: the choices the filter form offers."""
    out: dict[str, list[str]] = {}
    with store.engine.connect() as connection:
        for name, column in (
            ("types", mentions.c.type),
            ("countries", mentions.c.country),
            ("statuses", mentions.c.status),
        ):
            rows = connection.execute(select(column).where(column.is_not(None)).distinct().order_by(column))
            out[name] = [str(value) for (value,) in rows]
    return out


def map_points(store: Store, flt: EventFilter, *, limit: int = 5000) -> list[dict[str, Any]]:
    """Mentions with coordinates, grouped by place: one point per (lat, lon) with its counts."""
    query = (
        select(
            mentions.c.lat,
            mentions.c.lon,
            mentions.c.place,
            mentions.c.country,
            mentions.c.type,
            func.count(),
            func.min(mentions.c.id),
        )
        .where(*store._conditions(flt), mentions.c.lat.is_not(None), mentions.c.lon.is_not(None))
        .group_by(mentions.c.lat, mentions.c.lon, mentions.c.place, mentions.c.country, mentions.c.type)
        .limit(limit)
    )
    points: dict[tuple[float, float], dict[str, Any]] = {}
    with store.engine.connect() as connection:
        for lat, lon, place, country, kind, n, first in connection.execute(query):
            point = points.setdefault(
                (lat, lon),
                {
                    "lat": lat,
                    "lon": lon,
                    "place": place,
                    "country": country,
                    "reports": 0,
                    "types": {},
                    "first_id": first,
                },
            )
            point["reports"] += n
            point["types"][kind] = point["types"].get(kind, 0) + n
    return sorted(points.values(), key=lambda p: -int(p["reports"]))


def document_rows(
    store: Store, *, limit: int = 50, offset: int = 0, q: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Stored documents, newest first, with how many mentions each has; and the total count."""
    counts = (
        select(mentions.c.document_id, func.count().label("n")).group_by(mentions.c.document_id).subquery()
    )
    conditions = [documents.c.title.ilike(f"%{q}%")] if q else []
    query = (
        select(
            documents.c.id,
            documents.c.doc_id,
            documents.c.title,
            documents.c.url,
            documents.c.source,
            documents.c.published,
            documents.c.ingested_at,
            func.coalesce(counts.c.n, 0).label("mentions"),
        )
        .outerjoin(counts, counts.c.document_id == documents.c.id)
        .where(*conditions)
        .order_by(documents.c.published.desc(), documents.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    total_query = select(func.count()).select_from(documents).where(*conditions)
    with store.engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(query)]
        total = int(connection.execute(total_query).scalar() or 0)
    return rows, total
