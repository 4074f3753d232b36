"""Free-text (``q``) queries select the same rows whichever side drives them, and stats say what they count.

A seeded store of short sentences over a small vocabulary (some words common, some rare, some
FTS5 operators as plain words) is searched with ``q`` alone and combined with every other filter:
the list (order and pages), the count and the stats must be those of the unoptimised query
(the FTS matches looked up one by one; ``direct_stats``), and on SQLite also those of a reference
written in Python. Stats of more than ``STATS_CAP`` matches cover the newest stored ones, flagged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from typing import Any

import pytest
from sqlalchemy import select

from eventwatch.document import Document, Event, EventDate, Place, Span
from eventwatch.store import EventFilter, Store, text_plan
from eventwatch.store.schema import mentions
from eventwatch.web import queries, stats, text_stats

TYPES = ["protest", "arrest", "armed_clash"]
STATUSES = ["occurred", "planned"]
COUNTRIES = [None, "UKR", "BLR"]
# Common words, rarer words, and words that are FTS5 (or websearch) operators elsewhere.
WORDS = ["convoy"] * 6 + ["drone"] * 4 + ["bridge", "river", "market", "or", "near", "and", "not", "e-mail"]
FIRST = dt.date(2024, 1, 1)


def _document(rng: random.Random, index: int) -> Document:
    sentences = [
        f"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))} {index}."
        for _ in range(rng.randint(1, 4))
    ]
    text = " ".join(sentences)
    doc = Document(id=f"doc-{index}", text=text, published="2024-06-01", language="en")
    offset = 0
    for sentence in sentences:
        day = (FIRST + dt.timedelta(days=rng.randrange(20))).isoformat() if rng.random() < 0.9 else None
        country = rng.choice(COUNTRIES)
        doc.events.append(
            Event(
                type=rng.choice(TYPES),
                evidence=[Span.of(text, offset, offset + len(sentence))],
                status=rng.choice(STATUSES),  # type: ignore[arg-type]
                date=EventDate(start=day, end=day, precision="day") if day else EventDate(),
                location=Place(name="Somewhere", country=country, lat=50.0, lon=30.0) if country else None,
            )
        )
        offset += len(sentence) + 1
    return doc


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def filled(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    pg_schemas: Callable[[], AbstractContextManager[str]],
) -> Iterator[Store]:
    """A store with 60 seeded documents (about 150 mentions, many on the same days); read only."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'store.db'}"
        else:
            url = stack.enter_context(pg_schemas())
        store = Store(url, cluster=False)
        stack.callback(store.close)
        rng = random.Random(5)
        for index in range(60):
            store.add(_document(rng, index))
        queries._cache.entries.clear()
        yield store
        queries._cache.entries.clear()


FILTERS = [
    EventFilter(q="convoy"),
    EventFilter(q="CONVOY drone"),
    EventFilter(q="bridge"),
    EventFilter(q="river market"),
    EventFilter(q="nowhere"),
    EventFilter(q="convoy", types=["arrest"]),
    EventFilter(q="drone", types=["arrest", "protest"], status="planned"),
    EventFilter(q="convoy", since="2024-01-08"),
    EventFilter(q="convoy", until="2024-01-10", country="ukr"),
    EventFilter(q="drone", since="2024-01-05", until="2024-01-12", country="BLR", status="occurred"),
    EventFilter(q="convoy", document_id=3),
]


def _ids(store: Store, flt: EventFilter) -> list[int]:
    return [int(row["id"]) for row in store.mentions(flt)]


@pytest.fixture(params=[True, False], ids=["text-first", "filters-first"])
def forced(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Every query's plan forced one way, whatever ``text_plan`` would choose."""
    monkeypatch.setattr(Store, "text_first", lambda self, connection, flt, *, wanted=None: request.param)
    return bool(request.param)


def _unoptimised(store: Store, flt: EventFilter) -> list[int]:
    """The ids the plain query selects (the FTS matches looked up by rowid), newest first."""
    query = (
        select(mentions.c.id)
        .where(*store._conditions(flt, text_first=True))
        .order_by(mentions.c.date_start.desc(), mentions.c.id)
    )
    with store.engine.connect() as connection:
        return [int(i) for i in connection.execute(query).scalars()]


@pytest.mark.parametrize("flt", FILTERS, ids=[f.q or "" for f in FILTERS])
def test_list_count_and_stats_are_the_same_whichever_side_drives(
    filled: Store, flt: EventFilter, forced: bool
) -> None:
    expected = _unoptimised(filled, flt)
    assert _ids(filled, dataclasses.replace(flt, limit=1000)) == expected
    # Pages: every page is the slice of the whole ordered list.
    for offset in (0, 5, 17):
        paged = dataclasses.replace(flt, limit=7, offset=offset)
        assert _ids(filled, paged) == expected[offset : offset + 7]
    queries._cache.entries.clear()  # counted with this plan, not read from an earlier test's
    assert queries.count_mentions(filled, flt) == len(expected)
    # A capped count stops one past the cap.
    assert queries.count_mentions(filled, flt, cap=3) == min(len(expected), 4)
    computed = stats.compute(filled, flt, by_day_type=True)
    assert computed == stats.direct_stats(filled, flt, by_day_type=True)
    assert (computed["total"], computed["matched"], computed["capped"]) == (
        len(expected),
        len(expected),
        False,
    )


def test_the_filters_reach_both_plans_and_common_and_rare_words(filled: Store) -> None:
    counts = [queries.count_mentions(filled, flt) for flt in FILTERS]
    assert counts[0] > 60 and 0 < counts[2] < 20 and counts[4] == 0
    with filled.engine.connect() as connection:
        # With the threshold as shipped, a store this small is always searched text first.
        assert filled.text_first(connection, EventFilter(q="convoy"), wanted=10)
        original = text_plan.TEXT_DRIVES
        try:
            text_plan.TEXT_DRIVES = 0
            first = filled.text_first(connection, EventFilter(q="convoy"), wanted=10)
            rare = filled.text_first(connection, EventFilter(q="bridge"), wanted=10)
            typed = filled.text_first(connection, EventFilter(q="convoy", types=["arrest"]))
        finally:
            text_plan.TEXT_DRIVES = original
    # On SQLite a common word walks the order index; a rare one is looked up; PostgreSQL plans itself.
    assert (first, rare, typed) == (
        (False, True, False) if filled.dialect == "sqlite" else (True, True, True)
    )


def _words(text: str) -> list[str]:
    """Words as FTS5's unicode61 tokenizer reads them (ASCII here): runs of letters and digits, lowercased."""
    return re.findall(r"[a-z0-9]+", text.lower())


def _reference(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    """The mentions whose evidence holds every term of ``flt.q`` as a phrase, by the other filters too."""
    phrases = [_words(term) for term in (flt.q or "").split()]
    phrases = [phrase for phrase in phrases if phrase]  # FTS5 ignores empty phrases
    rows = []
    with store.engine.connect() as connection:
        for row in connection.execute(select(mentions)):
            words = _words(row.evidence)
            held = [
                any(words[i : i + len(phrase)] == phrase for i in range(len(words))) for phrase in phrases
            ]
            if phrases and all(held):
                rows.append(dict(row._mapping))
    others = {int(row["id"]) for row in store.mentions(dataclasses.replace(flt, q=None, limit=10**6))}
    return sorted(
        (row for row in rows if row["id"] in others),
        key=lambda row: (
            -dt.date.fromisoformat(row["date_start"]).toordinal() if row["date_start"] else 1,
            row["id"],
        ),
    )


@pytest.mark.parametrize(
    "q",
    [
        "convoy",
        '"convoy',
        'convoy"',
        '"convoy drone"',
        "convoy OR drone",
        "convoy AND bridge",
        "NOT convoy",
        "NEAR(convoy drone)",
        "convoy*",
        "-drone",
        "evidence:convoy",
        "e-mail",
        "(bridge",
        '"',
        "^river",
    ],
)
def test_user_input_is_words_not_fts5_syntax(filled: Store, q: str) -> None:
    if filled.dialect != "sqlite":
        pytest.skip("PostgreSQL reads q as web-search syntax (tests/web/test_postgres.py)")
    expected = [int(row["id"]) for row in _reference(filled, EventFilter(q=q))]
    assert _ids(filled, EventFilter(q=q, limit=1000)) == expected
    assert queries.count_mentions(filled, EventFilter(q=q)) == len(expected)
    assert stats.compute(filled, EventFilter(q=q))["total"] == len(expected)


def test_the_reference_agrees_with_filters_combined(filled: Store) -> None:
    if filled.dialect != "sqlite":
        pytest.skip("the reference reads words as SQLite's FTS5 does")
    for flt in FILTERS:
        assert _unoptimised(filled, flt) == [int(row["id"]) for row in _reference(filled, flt)], flt


@pytest.mark.parametrize(
    "flt",
    [
        EventFilter(q="convoy"),
        EventFilter(q="drone", types=["arrest", "protest"]),  # most rows: the FTS walk drives
        EventFilter(q="convoy", types=["arrest"]),  # a third of the rows: the type index drives
        EventFilter(q="convoy", since="2024-01-08", status="planned"),
    ],
    ids=["q", "q-types", "q-type", "q-since-status"],
)
def test_stats_of_more_than_the_cap_count_the_newest_stored_and_say_so(
    filled: Store, flt: EventFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = _unoptimised(filled, flt)
    cap = len(everything) // 3
    monkeypatch.setattr(text_stats, "STATS_CAP", cap)
    newest = sorted(everything)[-cap:]
    with filled.engine.connect() as connection:
        rows = connection.execute(
            select(mentions.c.type, mentions.c.status, mentions.c.country, mentions.c.date_start).where(
                mentions.c.id.in_(newest)
            )
        ).all()
    computed = stats.compute(filled, flt)
    assert (computed["total"], computed["matched"], computed["capped"]) == (cap, len(everything), True)
    assert computed["by_type"] == _tally(row.type for row in rows)
    assert computed["by_status"] == _tally(row.status for row in rows)
    assert computed["by_country"] == _tally(row.country or "unknown" for row in rows)
    assert computed["by_day"] == dict(
        sorted(_tally(row.date_start for row in rows if row.date_start).items())
    )
    assert computed["undated"] == sum(1 for row in rows if not row.date_start)
    # The list and its total are not capped.
    assert queries.count_mentions(filled, flt) == len(everything)


def _tally(values: Iterator[str] | Any) -> dict[str, int]:
    counted: dict[str, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def test_a_blank_query_matches_nothing_rather_than_failing(filled: Store) -> None:
    if filled.dialect != "sqlite":
        pytest.skip("FTS5 only")
    assert text_plan.fts_terms("   ") == '""'
    assert filled.mentions(EventFilter(q="   ")) == []
