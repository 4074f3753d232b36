"""Stats of the filtered event mentions: counts by type, status, country, day, week and a timeline.

``compute`` reads the mention counts rollup (``store/rollup_read.py``) whenever the filters are
ones it has dimensions for, each answer from the smallest grain that holds it; free-text and
one-document filters fall back to ``direct_stats``, GROUP BYs over ``mentions``. Both give the
same result (tests/store/test_rollup.py). ``queries.stats`` caches it between writes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select

from ..store import EventFilter, Store, rollup_read
from ..store.rollup import period
from ..store.schema import mentions
from . import text_stats
from .charts import timeline, unit_for

__all__ = ["compute", "direct_stats", "week_of"]


def week_of(day: str) -> str:
    """The Monday starting the ISO week of ``day`` (YYYY-MM-DD); remembered, as the rollup's weeks are."""
    return period(day, "week")


def compute(store: Store, flt: EventFilter, *, by_day_type: bool = False) -> dict[str, Any]:
    """The stats ``queries.stats`` returns (and caches): from the rollup, or ``direct_stats``."""
    if flt.q:
        return _text(store, flt, by_day_type=by_day_type)
    if not rollup_read.answers(flt):
        return direct_stats(store, flt, by_day_type=by_day_type)
    with store.engine.connect() as connection:
        if not rollup_read.undated_worldwide(flt):
            return _from_rows(
                rollup_read.by_type_and_day(connection, flt),
                rollup_read.by_country(connection, flt),
                rollup_read.by_status(connection, flt),
                by_day_type=by_day_type,
            )
        # No date or country filter: each answer from its own coarse grain, not a row per day and type.
        by_type: Counter[str] = Counter()
        by_status: Counter[str] = Counter()
        by_country: Counter[str] = Counter()
        for country, status, kind, n in rollup_read.all_time(connection, flt):
            by_type[kind] += n
            by_status[status] += n
            by_country[country or "unknown"] += n
        by_day: Counter[str] = Counter()
        undated = 0
        for day, n in rollup_read.by_day(connection, flt):
            if day:
                by_day[day] += n
            else:
                undated += n
        by_week_type = Counter(
            {
                (week, kind): n
                for kind, week, n in rollup_read.by_period_and_type(connection, flt, "week")
                if week
            }
        )
        days = (
            _dated_rows(rollup_read.by_type_and_day(connection, flt))
            if by_day_type or (by_day and _unit(by_day) == "day")
            else []
        )
        if not by_day or _unit(by_day) == "day":
            chosen = timeline(days)
        elif _unit(by_day) == "week":
            chosen = _weekly(by_week_type)
        else:
            months = rollup_read.by_period_and_type(connection, flt, "month")
            chosen = timeline([(month, kind, n) for kind, month, n in months if month], unit="month")
    return _assemble(
        by_type=by_type,
        by_status=by_status,
        by_country=by_country,
        by_day=by_day,
        undated=undated,
        by_week_type=by_week_type,
        chosen=chosen,
        days=days if by_day_type else None,
    )


def _text(store: Store, flt: EventFilter, *, by_day_type: bool) -> dict[str, Any]:
    """Stats of a free-text filter: of every match, or of the newest ``STATS_CAP`` (``text_stats``)."""
    with store.engine.connect() as connection:
        matched = text_stats.matching(store, connection, flt, cap=text_stats.COUNT_CAP)
        capped = matched > text_stats.STATS_CAP
        type_day, countries, statuses = text_stats.groups(
            store, connection, flt, newest=text_stats.STATS_CAP if capped else None
        )
    return _from_rows(type_day, countries, statuses, by_day_type=by_day_type, matched=matched)


def _unit(by_day: Mapping[str, int]) -> str:
    return unit_for(dt.date.fromisoformat(min(by_day)), dt.date.fromisoformat(max(by_day)))


def _dated_rows(rows: Iterable[Sequence[Any]]) -> list[tuple[str, str, int]]:
    """(day, type, count) of the dated (type, day, count) rows."""
    return [(day, kind, n) for kind, day, n in rows if day]


def direct_stats(store: Store, flt: EventFilter, *, by_day_type: bool = False) -> dict[str, Any]:
    """``stats`` computed by grouping the matching rows of ``mentions`` (no rollup, no cache).

    Each dimension is its own GROUP BY, answered from an index where one covers it.
    """
    with store.engine.connect() as connection:
        conditions = store._conditions(flt, text_first=store.text_first(connection, flt))

    def grouped(*columns: Any) -> list[Any]:
        query = select(*columns, func.count()).where(*conditions).group_by(*columns)
        with store.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(query)]

    return _from_rows(
        grouped(mentions.c.type, mentions.c.date_start),
        grouped(mentions.c.country),
        grouped(mentions.c.status),
        by_day_type=by_day_type,
    )


def _from_rows(
    type_day: Iterable[Sequence[Any]],
    countries: Iterable[tuple[str | None, int]],
    statuses: Iterable[tuple[str, int]],
    *,
    by_day_type: bool,
    matched: int | None = None,
) -> dict[str, Any]:
    """The stats from (type, day, n), (country, n) and (status, n) groups; no day is None or ''.

    ``matched``: how many mentions match (up to ``COUNT_CAP`` + 1), when the groups may cover
    only some of them.
    """
    by_type: dict[str, int] = {}
    by_day: dict[str, int] = {}
    by_week_type: dict[tuple[str, str], int] = {}
    days: list[tuple[str, str, int]] = []
    undated = 0
    weeks: dict[str, str] = {}
    # Plain dicts and one pass: a year of one country is thousands of rows.
    for kind, day, n in type_day:
        by_type[kind] = by_type.get(kind, 0) + n
        if not day:
            undated += n
            continue
        days.append((day, kind, n))
        by_day[day] = by_day.get(day, 0) + n
        key = (weeks.get(day) or weeks.setdefault(day, week_of(day)), kind)
        by_week_type[key] = by_week_type.get(key, 0) + n
    by_country: Counter[str] = Counter()
    for country, n in countries:
        by_country[country or "unknown"] += n
    unit = _unit(by_day) if by_day else "day"
    chosen = _weekly(by_week_type) if unit == "week" else timeline(days, unit=unit)
    return _assemble(
        by_type=Counter(by_type),
        by_status=Counter(dict(statuses)),
        by_country=by_country,
        by_day=Counter(by_day),
        undated=undated,
        by_week_type=Counter(by_week_type),
        chosen=chosen,
        days=days if by_day_type else None,
        matched=matched,
    )


def _weekly(by_week_type: dict[tuple[str, str], int]) -> dict[str, Any]:
    """The timeline per week, from counts by (week, type)."""
    series = [{"start": week, "type": kind, "count": n} for (week, kind), n in sorted(by_week_type.items())]
    return {"unit": "week", "series": series}


def _ranked(counts: Counter[str]) -> dict[str, int]:
    """Largest first; equal counts by name, so the order does not depend on the database's."""
    return dict(sorted(((k, n) for k, n in counts.items() if n), key=lambda item: (-item[1], item[0])))


def _assemble(
    *,
    by_type: Counter[str],
    by_status: Counter[str],
    by_country: Counter[str],
    by_day: Counter[str],
    undated: int,
    by_week_type: Counter[tuple[str, str]],
    chosen: dict[str, Any],
    days: list[tuple[str, str, int]] | None,
    matched: int | None = None,
) -> dict[str, Any]:
    by_week: Counter[str] = Counter()
    for day, n in by_day.items():
        by_week[week_of(day)] += n
    total = sum(by_type.values())
    result: dict[str, Any] = {
        "total": total,
        # Free-text stats of very many matches group only the newest STATS_CAP, and count the
        # matches up to COUNT_CAP, as the list does (web/text_stats.py).
        "matched": total if matched is None else min(matched, text_stats.COUNT_CAP),
        "matched_capped": matched is not None and matched > text_stats.COUNT_CAP,
        "capped": matched is not None and matched > total,
        "undated": undated,
        "by_type": _ranked(by_type),
        "by_status": _ranked(by_status),
        "by_country": _ranked(by_country),
        "by_day": dict(sorted(by_day.items())),
        "by_week": dict(sorted(by_week.items())),
        "by_week_type": [
            {"week": week, "type": kind, "count": n} for (week, kind), n in sorted(by_week_type.items())
        ],
        "timeline": chosen,
    }
    if days is not None:
        result["by_day_type"] = [
            {"day": day, "type": kind, "count": n}
            for day, kind, n in sorted(days, key=lambda r: (r[0], r[1]))
        ]
    return result
