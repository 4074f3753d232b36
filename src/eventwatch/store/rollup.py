"""Keeping the mention counts rollup in step with ``mentions``.

Every change to a mention's counted dimensions (type, status, dates, country) goes through
``add_rows``/``remove_rows`` in the transaction that changes the mention, so the rollup is always
the GROUP BY of ``mentions`` at each grain; ``rebuild`` recomputes it from ``mentions`` through
the same key function, and the tests compare stats read both ways. ``rollup_read`` reads it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..dates.calendar import period_start
from .rollup_schema import (
    ALL,
    ALL_TIME,
    ANY_COUNTRY,
    ANY_COUNTRY_STATUS,
    COUNTRY_DAYS,
    DAYS,
    EXACT,
    KEY,
    MISSING,
    MONTHS,
    WEEKS,
    mention_counts,
)
from .schema import documents, mentions

__all__ = ["add_rows", "delete_documents", "period", "rebuild", "remove_rows", "set_status"]

Row = Mapping[str, Any]
Key = tuple[int, str, str, str, str, str]
_DIMENSIONS = (
    mentions.c.type,
    mentions.c.status,
    mentions.c.date_start,
    mentions.c.date_end,
    mentions.c.country,
)
_CHUNK = 5000


@lru_cache(maxsize=8192)
def period(day: str, unit: str) -> str:
    """The first day of the week (Monday) or month ``day`` falls in; '' for no day.

    A value that is not an ISO date is its own period (the extractor writes ISO dates only).
    """
    if not day:
        return MISSING
    try:
        return period_start(dt.date.fromisoformat(day), unit).isoformat()
    except ValueError:
        return day


def _keys(rows: Iterable[Row]) -> Counter[Key]:
    """The rollup keys of mention rows (type, status, date_start, date_end, country; ``n`` if grouped)."""
    keys: Counter[Key] = Counter()
    for row in rows:
        n = int(row.get("n", 1))
        kind, status = str(row["type"]), str(row["status"])
        country = row["country"] or MISSING
        day, end = row["date_start"] or MISSING, row["date_end"] or MISSING
        keys[(EXACT, country, status, kind, day, end)] += n
        keys[(ANY_COUNTRY, ALL, status, kind, day, end)] += n
        keys[(ANY_COUNTRY_STATUS, ALL, ALL, kind, day, end)] += n
        keys[(ALL_TIME, country, status, kind, ALL, ALL)] += n
        keys[(DAYS, ALL, status, ALL, day, end)] += n
        keys[(WEEKS, ALL, status, kind, period(day, "week"), ALL)] += n
        keys[(MONTHS, ALL, status, kind, period(day, "month"), ALL)] += n
        keys[(COUNTRY_DAYS, country, status, ALL, day, end)] += n
    return keys


def _params(keys: Counter[Key], sign: int) -> list[dict[str, Any]]:
    return [{**dict(zip(KEY, key, strict=True)), "n": sign * n} for key, n in sorted(keys.items()) if n]


def _apply(connection: Connection, rows: Iterable[Row], sign: int) -> None:
    params = _params(_keys(rows), sign)
    if not params:
        return
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(mention_counts)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=list(KEY), set_={"n": mention_counts.c.n + statement.excluded.n}
        ),
        params,
    )
    if sign < 0:
        # A combination no mention has any more must not show up as a zero count.
        gone = delete(mention_counts).where(
            *(mention_counts.c[name] == bindparam(f"k_{name}") for name in KEY), mention_counts.c.n <= 0
        )
        connection.execute(gone, [{f"k_{name}": p[name] for name in KEY} for p in params])


def add_rows(connection: Connection, rows: Iterable[Row]) -> None:
    """Count mention rows (as inserted into ``mentions``) in the rollup."""
    _apply(connection, rows, 1)


def remove_rows(connection: Connection, rows: Iterable[Row]) -> None:
    """Take mention rows (as they are stored now) out of the rollup."""
    _apply(connection, rows, -1)


def _stored(connection: Connection, condition: Any) -> list[Row]:
    return [dict(row._mapping) for row in connection.execute(select(*_DIMENSIONS).where(condition))]


def delete_documents(connection: Connection, document_ids: Sequence[int]) -> None:
    """Delete documents and their mentions, taking the mentions out of the rollup first.

    Cluster memberships go with the mentions (ON DELETE CASCADE); the canonical events' stored
    report counts are refreshed by the next ``recluster``.
    """
    condition = mentions.c.document_id.in_(list(document_ids))
    remove_rows(connection, _stored(connection, condition))
    connection.execute(delete(mentions).where(condition))
    connection.execute(delete(documents).where(documents.c.id.in_(list(document_ids))))


def set_status(connection: Connection, mention_ids: Sequence[int], status: str) -> None:
    """Change the status of mentions (an analyst's correction), moving their counts with them."""
    condition = mentions.c.id.in_(list(mention_ids))
    before = _stored(connection, condition)
    remove_rows(connection, before)
    connection.execute(update(mentions).where(condition).values(status=status))
    add_rows(connection, [{**row, "status": status} for row in before])


def rebuild(connection: Connection) -> None:
    """Recompute the rollup from ``mentions`` (the migration's backfill; a repair after raw SQL writes)."""
    connection.execute(delete(mention_counts))
    grouped = select(*_DIMENSIONS, func.count().label("n")).group_by(*_DIMENSIONS)
    params = _params(_keys(dict(row._mapping) for row in connection.execute(grouped)), 1)
    for start in range(0, len(params), _CHUNK):
        connection.execute(insert(mention_counts), params[start : start + _CHUNK])
