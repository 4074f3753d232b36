"""Read-only queries the web service needs beyond ``Store.mentions``: counts, stats, map points, documents.

All of them take the store's own filter conditions, so the list, the chart, the map and the
exports always agree on what a filter selects. SQL is built with SQLAlchemy Core only (bound
parameters throughout).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import func, select

from ..store import EventFilter, Store
from ..store.schema import documents, mentions

__all__ = ["count_mentions", "document_rows", "facets", "map_points", "stats", "week_of"]


def count_mentions(store: Store, flt: EventFilter) -> int:
    """How many mentions match ``flt`` (ignoring its limit and offset)."""
    query = select(func.count()).select_from(mentions).where(*store._conditions(flt))
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def week_of(day: str) -> str:
    """The Monday starting the ISO week of ``day`` (YYYY-MM-DD)."""
    date = dt.date.fromisoformat(day)
    return (date - dt.timedelta(days=date.weekday())).isoformat()


def stats(store: Store, flt: EventFilter) -> dict[str, Any]:
    """Counts of matching mentions by type, by day, by week (and type), by country and by status."""
    conditions = store._conditions(flt)
    query = (
        select(mentions.c.type, mentions.c.date_start, mentions.c.country, mentions.c.status, func.count())
        .where(*conditions)
        .group_by(mentions.c.type, mentions.c.date_start, mentions.c.country, mentions.c.status)
    )
    by_type: Counter[str] = Counter()
    by_day: Counter[str] = Counter()
    by_week: Counter[str] = Counter()
    by_week_type: Counter[tuple[str, str]] = Counter()
    by_day_type: Counter[tuple[str, str]] = Counter()
    by_country: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    undated = 0
    with store.engine.connect() as connection:
        for kind, day, country, status, n in connection.execute(query):
            by_type[kind] += n
            by_status[status] += n
            by_country[country or "unknown"] += n
            if day:
                by_day[day] += n
                by_week[week_of(day)] += n
                by_week_type[(week_of(day), kind)] += n
                by_day_type[(day, kind)] += n
            else:
                undated += n
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
