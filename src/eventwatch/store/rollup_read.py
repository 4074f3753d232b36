"""Counts of event mentions read from the rollup (``rollup_schema``) instead of ``mentions``.

Each function returns what the matching GROUP BY over ``mentions`` with ``Store._conditions``
would: the same groups, the same numbers (tests/store/test_rollup.py holds them to it). The
rollup has dimensions for types, dates, country and status; ``answers`` says whether a filter
uses only those (a free-text or one-document filter must query ``mentions``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, or_, select

from .rollup_schema import (
    ALL,
    ALL_TIME,
    ANY_COUNTRY,
    ANY_COUNTRY_STATUS,
    COUNTRY_DAYS,
    DAYS,
    EXACT,
    MISSING,
    MONTHS,
    WEEKS,
    mention_counts,
)

if TYPE_CHECKING:
    from .store import EventFilter

__all__ = [
    "all_time",
    "answers",
    "by_country",
    "by_day",
    "by_period_and_type",
    "by_status",
    "by_type_and_day",
    "matching",
    "total",
    "undated_worldwide",
]

_c = mention_counts.c


def answers(flt: EventFilter) -> bool:
    """Whether the rollup has the dimensions ``flt`` filters on (not free text, not one document)."""
    return not flt.q and flt.document_id is None


def undated_worldwide(flt: EventFilter) -> bool:
    """Whether ``flt`` has no date and no country filter (the coarse grains can answer it)."""
    return not (flt.since or flt.until or flt.country)


def _country(flt: EventFilter) -> str | None:
    return flt.country.upper() if flt.country else None


def _where(
    flt: EventFilter, grain: int, *, country: str | None = None, status: str | None = None
) -> list[Any]:
    """The conditions selecting ``flt``'s rows at one grain; mirrors ``Store._conditions``."""
    conditions: list[Any] = [_c.grain == grain]
    if country is not None:
        conditions.append(_c.country == country)
    if status is not None:
        conditions.append(_c.status == status)
    if flt.types:
        conditions.append(_c.type.in_(list(flt.types)))
    if flt.since:
        # mentions: date_end >= since OR date_end IS NULL
        conditions.append(or_(_c.day_end >= flt.since, _c.day_end == MISSING))
    if flt.until:
        # mentions: date_start <= until (a NULL start never matches)
        conditions.append(and_(_c.day != MISSING, _c.day <= flt.until))
    return conditions


def _days(flt: EventFilter, *, by_type: bool) -> list[Any]:
    """The smallest day-level slice holding ``flt``'s mentions (with their type if ``by_type``)."""
    country, status = _country(flt), flt.status or None
    typed = by_type or bool(flt.types)
    if country is not None:
        return _where(flt, EXACT if typed else COUNTRY_DAYS, country=country, status=status)
    if not typed:
        return _where(flt, DAYS, country=ALL, status=status)
    if status is not None:
        return _where(flt, ANY_COUNTRY, country=ALL, status=status)
    return _where(flt, ANY_COUNTRY_STATUS, country=ALL, status=ALL)


def matching(connection: Connection, flt: EventFilter) -> int:
    """How many mentions match ``flt``."""
    query = select(func.coalesce(func.sum(_c.n), 0)).where(*_days(flt, by_type=False))
    return int(connection.execute(query).scalar() or 0)


def total(connection: Connection) -> int:
    """How many mentions are counted (read from the small all-time grain)."""
    query = select(func.coalesce(func.sum(_c.n), 0)).where(_c.grain == ALL_TIME)
    return int(connection.execute(query).scalar() or 0)


def by_type_and_day(connection: Connection, flt: EventFilter) -> Sequence[tuple[str, str, int]]:
    """(type, start day or '', mentions): ``GROUP BY type, date_start``.

    The rows as the driver gives them: thousands for a year of events, so no copying.
    """
    query = select(_c.type, _c.day, func.sum(_c.n)).where(*_days(flt, by_type=True)).group_by(_c.type, _c.day)
    rows: Sequence[tuple[str, str, int]] = connection.execute(query).all()
    return rows


def by_day(connection: Connection, flt: EventFilter) -> list[tuple[str | None, int]]:
    """(start day or None, mentions): ``GROUP BY date_start``."""
    query = select(_c.day, func.sum(_c.n)).where(*_days(flt, by_type=False)).group_by(_c.day)
    return [(day or None, int(n)) for day, n in connection.execute(query).all()]


def by_period_and_type(
    connection: Connection, flt: EventFilter, unit: str
) -> list[tuple[str, str | None, int]]:
    """(type, first day of the week or month or None, mentions); only for ``undated_worldwide`` filters."""
    if not undated_worldwide(flt):
        raise ValueError("the week and month grains have no country and no end date")
    grain = WEEKS if unit == "week" else MONTHS
    query = (
        select(_c.type, _c.day, func.sum(_c.n))
        .where(*_where(flt, grain, country=ALL, status=flt.status or None))
        .group_by(_c.type, _c.day)
    )
    return [(kind, day or None, int(n)) for kind, day, n in connection.execute(query).all()]


def all_time(connection: Connection, flt: EventFilter) -> list[tuple[str | None, str, str, int]]:
    """(country or None, status, type, mentions) over all dates; only for filters without dates."""
    if flt.since or flt.until:
        raise ValueError("the all-time grain has no dates")
    query = select(_c.country, _c.status, _c.type, _c.n).where(
        *_where(flt, ALL_TIME, country=_country(flt), status=flt.status or None)
    )
    return [
        (country or None, status, kind, int(n))
        for country, status, kind, n in connection.execute(query).all()
    ]


def by_country(connection: Connection, flt: EventFilter) -> list[tuple[str | None, int]]:
    """(country or None, mentions): ``GROUP BY country``."""
    country, status = _country(flt), flt.status or None
    if country is not None:
        n = matching(connection, flt)
        return [(country, n)] if n else []
    # All dates: one row per (country, status, type); else per day, with the type only if filtered on.
    grain = ALL_TIME if not (flt.since or flt.until) else EXACT if flt.types else COUNTRY_DAYS
    query = select(_c.country, func.sum(_c.n)).where(*_where(flt, grain, status=status)).group_by(_c.country)
    return [(value or None, int(n)) for value, n in connection.execute(query).all()]


def by_status(connection: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(status, mentions): ``GROUP BY status``."""
    country = _country(flt)
    if flt.status:
        n = matching(connection, flt)
        return [(flt.status, n)] if n else []
    if not (flt.since or flt.until):
        conditions = _where(flt, ALL_TIME, country=country)
    elif country is not None:
        conditions = _where(flt, EXACT if flt.types else COUNTRY_DAYS, country=country)
    else:
        conditions = _where(flt, ANY_COUNTRY if flt.types else DAYS, country=ALL)
    query = select(_c.status, func.sum(_c.n)).where(*conditions).group_by(_c.status)
    return [(status, int(n)) for status, n in connection.execute(query).all()]
