"""Counts and stats of a free-text (``q``) filter, which the counts rollup cannot answer.

Counts stop past ``COUNT_CAP`` matches, as search engines' do: the list says ``total`` 10000 and
``total_capped`` true ("10000+" on the page). They are counted in the FTS index alone when ``q``
is the only filter, else with the cheaper plan (``store/text_plan.py``). Stats group at most
``STATS_CAP`` mentions: when more match, the groupings cover the ``STATS_CAP`` most recently
stored of them (highest ids; in a live store, the latest reports) and say so: ``capped`` true,
``total`` the number grouped, ``matched`` (and ``matched_capped``) what the list's total says.
Grouping every match of a common word costs a row lookup each (0.6 s for 140,000 matches); the
newest ones come straight from the FTS index, which walks its rowids backwards.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, column, func, literal_column, select, table

from ..store import EventFilter, Store, rollup_read, text_plan
from ..store.schema import mentions

__all__ = ["COUNT_CAP", "STATS_CAP", "groups", "matching"]

# Free-text counts stop past this many matches ("10000+"): counting 140,000 costs 10-20 ms.
COUNT_CAP = 10_000
# At most this many mentions are grouped per free-text stats request (~20 ms on SQLite).
STATS_CAP = 5_000

_fts = table("mentions_fts", column("rowid"))


def matching(store: Store, connection: Connection, flt: EventFilter, *, cap: int | None = None) -> int:
    """How many mentions match ``flt`` (which has ``q``): exactly, or at most ``cap + 1``.

    Counting stops one past ``cap``, so ``> cap`` says there are more without counting them all.
    """
    if store.dialect == "sqlite" and text_plan.only_text(flt):
        # The FTS index alone, no join.
        return text_plan.text_count(connection, flt.q or "", cap=None if cap is None else cap + 1)
    first = store.text_first(connection, flt, wanted=None if cap is None else cap + 1)
    matches = select(mentions.c.id).where(*store._conditions(flt, text_first=first))
    if cap is not None:
        matches = matches.limit(cap + 1)
    counted = select(func.count()).select_from(matches.subquery())
    return int(connection.execute(counted).scalar() or 0)


def groups(
    store: Store, connection: Connection, flt: EventFilter, *, newest: int | None = None
) -> tuple[list[tuple[str, str | None, int]], list[tuple[str | None, int]], list[tuple[str, int]]]:
    """(type, day, n), (country, n) and (status, n) of the mentions matching ``flt`` (which has ``q``).

    Of every match, or of the ``newest`` most recently stored ones.
    """
    if newest is None:
        matches = select(mentions.c.id).where(
            *store._conditions(flt, text_first=store.text_first(connection, flt))
        )
    elif store.dialect == "sqlite" and _filters_drive(connection, flt):
        # A type, country or status index lists its rows by rowid: walked backwards, each entry
        # tested against the matches, it meets the newest far sooner than the FTS walk would.
        matches = (
            select(mentions.c.id)
            .where(*store._conditions(flt, text_first=False))
            .order_by(mentions.c.id.desc())
            .limit(newest)
        )
    elif store.dialect == "sqlite":
        # FTS5 gives its matches in descending rowid order itself, cheaply (2 ms for 10,000).
        terms = literal_column("mentions_fts").op("MATCH")(text_plan.fts_terms(flt.q or ""))
        others = store._conditions(dataclasses.replace(flt, q=None))
        matches = select(_fts.c.rowid).where(terms)
        if others:
            matches = matches.join_from(_fts, mentions, mentions.c.id == _fts.c.rowid).where(*others)
        matches = matches.order_by(_fts.c.rowid.desc()).limit(newest)
    else:
        matches = (
            select(mentions.c.id).where(*store._conditions(flt)).order_by(mentions.c.id.desc()).limit(newest)
        )
    # The rows themselves, counted here: one lookup per row, and no GROUP BY sorter, which took
    # SQLite twice as long as the lookups (30 ms for 10,000 rows).
    query = select(mentions.c.type, mentions.c.date_start, mentions.c.country, mentions.c.status).where(
        mentions.c.id.in_(matches)
    )
    return _fold(connection.execute(query).all())


def _filters_drive(connection: Connection, flt: EventFilter) -> bool:
    """Whether the newest matches of ``flt`` are met sooner from its type, country or status index.

    Walking the FTS matches backwards, each row looked up and tested against the other filters,
    finds one in ``total / others``; so the filters' index drives once they keep under half the
    rows. Dates have no index in rowid order, so they never drive.
    """
    if not (flt.types or flt.country or flt.status or flt.document_id is not None):
        return False
    if flt.document_id is not None:
        return True
    others = rollup_read.matching(connection, dataclasses.replace(flt, q=None))
    return others * 2 < rollup_read.total(connection)


def _fold(
    rows: Iterable[Sequence[Any]],
) -> tuple[list[tuple[str, str | None, int]], list[tuple[str | None, int]], list[tuple[str, int]]]:
    """Count (type, day, country, status) rows into the three groupings ``stats`` assembles."""
    type_day: dict[tuple[str, str | None], int] = {}
    countries: dict[str | None, int] = {}
    statuses: dict[str, int] = {}
    # Plain dicts: Counter's += is three times slower here.
    for kind, day, country, status in rows:
        type_day[(kind, day)] = type_day.get((kind, day), 0) + 1
        countries[country] = countries.get(country, 0) + 1
        statuses[status] = statuses.get(status, 0) + 1
    return (
        [(kind, day, n) for (kind, day), n in type_day.items()],
        list(countries.items()),
        list(statuses.items()),
    )
