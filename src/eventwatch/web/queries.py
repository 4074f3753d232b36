"""Read-only queries the web service needs beyond ``Store.mentions``: counts, stats, map points, documents.

All of them take the store's own filter conditions, so the list, the chart, the map and the
exports always agree on what a filter selects. SQL is built with SQLAlchemy Core only (bound
parameters throughout).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from ..store import EventFilter, Store, rollup_read
from ..store.schema import documents, mentions
from . import text_stats
from .stats import compute, direct_stats, week_of

__all__ = [
    "count_mentions",
    "direct_stats",
    "document_rows",
    "facets",
    "map_points",
    "stats",
    "total",
    "week_of",
]


def _version(store: Store) -> tuple[int, int]:
    """What the mentions table looks like now: (highest id, mentions counted); cheap on both databases.

    The count comes from the rollup's all-time grain (a row per country, status and type) rather
    than COUNT(*) over every mention.
    """
    with store.engine.connect() as connection:
        highest = connection.execute(select(func.max(mentions.c.id))).scalar()
        return int(highest or 0), rollup_read.total(connection)


def _filter_key(flt: EventFilter) -> tuple[Any, ...]:
    return (tuple(flt.types), flt.since, flt.until, flt.country, flt.status, flt.q, flt.document_id)


class _Cache:
    """Results of the aggregate queries, valid while the mentions table is unchanged.

    A dashboard asks the same counts again and again between ingests; the key includes the
    table's (highest id, mentions counted), so any insert or delete makes old entries unreachable.
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


def count_mentions(store: Store, flt: EventFilter, *, cap: int | None = None) -> int:
    """How many mentions match ``flt`` (ignoring its limit and offset).

    With ``cap``, a free-text filter's count stops at ``cap + 1`` (``text_stats.matching``).
    """

    def counted() -> int:
        with store.engine.connect() as connection:
            if rollup_read.answers(flt):
                return rollup_read.matching(connection, flt)
            if flt.q:
                return text_stats.matching(store, connection, flt, cap=cap)
            query = select(func.count()).select_from(mentions).where(*store._conditions(flt))
            return int(connection.execute(query).scalar() or 0)

    key = ("count", store.url, _version(store), _filter_key(flt), cap if flt.q else None)
    count: int = _cache.get(key, counted)
    return count


def total(store: Store, flt: EventFilter) -> tuple[int, bool]:
    """The list's total and whether it is capped: free text counts up to ``text_stats.COUNT_CAP``."""
    count = count_mentions(store, flt, cap=text_stats.COUNT_CAP)
    return min(count, text_stats.COUNT_CAP), count > text_stats.COUNT_CAP


def stats(store: Store, flt: EventFilter, *, by_day_type: bool = False) -> dict[str, Any]:
    """Counts of matching mentions by type, status, country, day, week, week and type; and a timeline.

    ``timeline`` is ``{"unit", "series"}``: counts per type and day, week or month, the unit
    chosen by the span of the matching days as the chart does (``charts.unit_for``).
    ``by_day_type`` (a row per day and type: thousands over a few years) only on request.
    Filters the rollup has dimensions for are counted from it; free text and one document from
    ``mentions`` (``direct_stats``); both give the same result.
    """
    key = ("stats", store.url, _version(store), _filter_key(flt), by_day_type)
    dict_result: dict[str, Any] = _cache.get(key, lambda: compute(store, flt, by_day_type=by_day_type))
    return dict_result


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
