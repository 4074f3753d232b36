"""The mention counts rollup: how many event mentions share each combination of the stats dimensions.

Migration ``0007_mention_counts`` creates and fills it; ``store/rollup.py`` keeps it in step with
``mentions`` in the same transaction as every write. The stats and counts the web service shows
read it instead of grouping 200,000 mentions per request.

Each mention is counted at several grains (the ``grain`` column), so that a query reads only the
rows of its own slice: a dashboard with no country filter should not scan a row per country, and
a three-year chart should not read a row per day and type.

- ``EXACT`` (0): every dimension as stored;
- ``ANY_COUNTRY`` (1): ``country`` is ``*`` (all countries together);
- ``ANY_COUNTRY_STATUS`` (2): ``country`` and ``status`` are ``*``;
- ``ALL_TIME`` (3): ``day`` and ``day_end`` are ``*`` (all dates together);
- ``DAYS`` (4): ``country`` and ``type`` are ``*``;
- ``WEEKS`` (5) and ``MONTHS`` (6): ``country`` is ``*``, ``day`` is the first day (Monday, the 1st)
  of the week or month the mention starts in, ``day_end`` is ``*``. Without ``day_end`` these
  answer only queries with no date filter;
- ``COUNTRY_DAYS`` (7): ``type`` is ``*`` (counts by country and day when no type is asked for).

Missing values are ``''`` (the key columns are NOT NULL so that the upsert's conflict target is
a plain primary key on both SQLite and PostgreSQL); the store never writes an empty date.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, PrimaryKeyConstraint, SmallInteger, String, Table

from .schema import metadata

__all__ = [
    "ALL",
    "ALL_TIME",
    "ANY_COUNTRY",
    "ANY_COUNTRY_STATUS",
    "COUNTRY_DAYS",
    "DAYS",
    "EXACT",
    "KEY",
    "MISSING",
    "MONTHS",
    "WEEKS",
    "mention_counts",
]

EXACT, ANY_COUNTRY, ANY_COUNTRY_STATUS, ALL_TIME, DAYS, WEEKS, MONTHS, COUNTRY_DAYS = range(8)
ALL = "*"  # the dimension is summed over at this grain
MISSING = ""  # the mention has no value (NULL in ``mentions``)
KEY = ("grain", "country", "status", "type", "day", "day_end")

mention_counts = Table(
    "mention_counts",
    metadata,
    Column("grain", SmallInteger, nullable=False),
    Column("country", String(3), nullable=False),
    Column("status", String(16), nullable=False),
    Column("type", String(64), nullable=False),
    # the mention's date_start and date_end: a mention is counted on the day it starts
    Column("day", String(10), nullable=False),
    Column("day_end", String(10), nullable=False),
    Column("n", Integer, nullable=False),
    PrimaryKeyConstraint(*KEY, name="pk_mention_counts"),
    # SQLite: the rows live in the primary key's b-tree, so a slice is one range read with its counts.
    sqlite_with_rowid=False,
)
