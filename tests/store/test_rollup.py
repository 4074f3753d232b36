"""The mention counts rollup gives exactly the stats of the GROUP BY over ``mentions``.

A seeded generator fills a store (SQLite, and PostgreSQL when configured) with events of several
types, statuses and countries (some none), dated by a day, a range, a start only or not at all,
then deletes, re-ingests and corrects statuses; every filter's stats and count must then be the
same read from the rollup and from ``mentions``, in the same order.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from sqlalchemy import func, select

from eventwatch.document import Document, Event, EventDate, Place, Span
from eventwatch.store import EventFilter, Store, rollup, rollup_read
from eventwatch.store.rollup_schema import mention_counts
from eventwatch.store.schema import mentions
from eventwatch.web import queries, stats

TYPES = ["protest", "arrest", "armed_clash", "desertion", "diplomacy"]
STATUSES = ["occurred", "planned", "threatened", "negated"]
COUNTRIES = [None, "UKR", "BLR", "LTU"]
FIRST = dt.date(2022, 11, 20)


def _day(rng: random.Random, *, within: int) -> dt.date:
    return FIRST + dt.timedelta(days=rng.randrange(within))


def _date(rng: random.Random) -> EventDate:
    """A day, a range (sometimes over a week or month end), a start only, an end before the start, or none."""
    kind = rng.choice(["day", "day", "day", "range", "start", "none", "backwards"])
    # Most events in a 70-day stretch, some over two years, so filters meet all three chart units.
    start = _day(rng, within=70 if rng.random() < 0.6 else 800)
    if kind == "none":
        return EventDate()
    if kind == "start":
        return EventDate(start=start.isoformat(), precision="day")
    if kind == "range":
        end = start + dt.timedelta(days=rng.randrange(1, 45))
        return EventDate(start=start.isoformat(), end=end.isoformat(), precision="range")
    if kind == "backwards":
        return EventDate(
            start=start.isoformat(), end=(start - dt.timedelta(days=3)).isoformat(), precision="range"
        )
    return EventDate(start=start.isoformat(), end=start.isoformat(), precision="day")


def _document(rng: random.Random, index: int) -> Document:
    sentences = [f"Report {index} sentence {n} about the events." for n in range(rng.randint(1, 5))]
    text = " ".join(sentences)
    doc = Document(id=f"doc-{index}", text=text, published="2024-01-01", language="en")
    offset = 0
    for sentence in sentences:
        country = rng.choice(COUNTRIES)
        doc.events.append(
            Event(
                type=rng.choice(TYPES),
                evidence=[Span.of(text, offset, offset + len(sentence))],
                status=rng.choice(STATUSES),  # type: ignore[arg-type]
                date=_date(rng),
                location=Place(name="Somewhere", country=country, lat=50.0, lon=30.0)
                if country or rng.random() < 0.5
                else None,
            )
        )
        offset += len(sentence) + 1
    return doc


def _fill(store: Store, seed: int) -> None:
    """Add, delete, re-ingest and correct, as a store's life does."""
    rng = random.Random(seed)
    store.cluster = False  # clustering does not touch the counted dimensions; it only slows the test
    docs = [_document(rng, index) for index in range(70)]
    ids = [store.add(doc)[0] for doc in docs]
    gone = rng.sample(range(len(ids)), 15)
    with store.engine.begin() as connection:
        rollup.delete_documents(connection, [ids[i] for i in gone])
    for i in gone[:6]:  # re-ingest some of them
        store.add(docs[i])
    with store.engine.begin() as connection:
        all_ids = list(connection.execute(select(mentions.c.id)).scalars())
        for status in ("planned", "occurred"):
            rollup.set_status(connection, rng.sample(all_ids, 20), status)


def _filters(seed: int) -> list[EventFilter]:
    rng = random.Random(seed)
    found = [
        EventFilter(),
        EventFilter(types=["arrest"]),
        EventFilter(types=["arrest", "protest", "no_such_type"]),
        EventFilter(status="planned"),
        EventFilter(types=["desertion"], status="occurred"),
        EventFilter(country="ukr"),
        EventFilter(country="XXX"),
        EventFilter(since="2022-12-01"),
        EventFilter(until="2022-12-31"),
        EventFilter(since="2022-12-01", until="2023-01-15", country="BLR", status="threatened"),
    ]
    for _ in range(30):
        since = _day(rng, within=800).isoformat() if rng.random() < 0.5 else None
        until = _day(rng, within=800).isoformat() if rng.random() < 0.5 else None
        found.append(
            EventFilter(
                types=rng.sample(TYPES, rng.randint(0, 2)),
                since=since,
                until=until,
                country=rng.choice([None, None, "UKR", "BLR", "LTU"]),
                status=rng.choice([None, None, *STATUSES]),
            )
        )
    return found


@pytest.mark.parametrize("seed", [1, 2])
def test_rollup_stats_equal_the_group_by_over_mentions(store: Store, seed: int) -> None:
    _fill(store, seed)
    units = set()
    for flt in _filters(seed):
        from_rollup = stats.compute(store, flt, by_day_type=True)
        direct = stats.direct_stats(store, flt, by_day_type=True)
        # Same keys, same numbers, same order (the JSON the API sends is byte for byte the same).
        assert json.dumps(from_rollup) == json.dumps(direct), flt
        assert stats.compute(store, flt) == {k: v for k, v in direct.items() if k != "by_day_type"}, flt
        with store.engine.connect() as connection:
            counted = rollup_read.matching(connection, flt)
            grouped = connection.execute(
                select(func.count()).select_from(mentions).where(*store._conditions(flt))
            ).scalar()
        assert counted == grouped == direct["total"], flt
        units.add(direct["timeline"]["unit"])
    # The filters reached every chart unit, and the store had undated and unknown-country events.
    assert units == {"day", "week", "month"}
    everything = stats.direct_stats(store, EventFilter())
    assert everything["undated"] > 0 and everything["by_country"]["unknown"] > 0
    assert len(everything["by_status"]) == len(STATUSES)


def test_rollup_after_changes_equals_a_rebuild(store: Store) -> None:
    _fill(store, 3)
    columns = [
        mention_counts.c[name] for name in ("grain", "country", "status", "type", "day", "day_end", "n")
    ]
    with store.engine.begin() as connection:
        kept = sorted(connection.execute(select(*columns)).all())
        rollup.rebuild(connection)
        rebuilt = sorted(connection.execute(select(*columns)).all())
    assert kept == rebuilt
    assert all(row.n > 0 for row in kept)


def test_deleting_every_document_empties_the_rollup(store: Store) -> None:
    _fill(store, 4)
    with store.engine.begin() as connection:
        document_ids = list(connection.execute(select(mentions.c.document_id).distinct()).scalars())
        rollup.delete_documents(connection, document_ids)
        assert connection.execute(select(func.count()).select_from(mention_counts)).scalar() == 0
    assert queries.count_mentions(store, EventFilter()) == 0
    assert stats.compute(store, EventFilter())["total"] == 0


def test_an_empty_date_is_stored_as_none(store: Store) -> None:
    text = "Protesters gathered in the square."
    doc = Document(id="empty-date", text=text, language="en")
    doc.events = [
        Event(type="protest", evidence=[Span.of(text, 0, len(text))], date=EventDate(start="", end=""))
    ]
    store.add(doc)
    row = store.mentions()[0]
    assert (row["date_start"], row["date_end"]) == (None, None)
    assert stats.compute(store, EventFilter(since="2024-01-01"))["undated"] == 1


def test_upgrading_an_existing_database_fills_the_rollup(store: Store) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    _fill(store, 5)
    config = Config()
    config.set_main_option("script_location", str(resources.files("eventwatch.store") / "migrations"))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        # A row an older version wrote with an empty date: after the upgrade it has none.
        connection.execute(
            mentions.update()
            .where(mentions.c.id == select(func.min(mentions.c.id)).scalar_subquery())
            .values(date_end="")
        )
    before = [stats.direct_stats(store, flt) for flt in _filters(5)]
    store.migrate()
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).where(mentions.c.date_end == "")).scalar() == 0
    for flt, expected in zip(_filters(5), before, strict=True):
        if flt.since is None:  # the empty end date became NULL, which only a since filter tells apart
            assert stats.compute(store, flt) == expected, flt
    for flt in _filters(5):
        assert stats.compute(store, flt) == stats.direct_stats(store, flt), flt
