"""Clustering: quality on the corpus, independence from input order, complete link, constraints."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwatch.dedup import Mention, cluster, compare, features, load_rules
from eventwatch.dedup.evaluate import mention_from_record, score_partition

from .conftest import CORPUS_DIR, load_corpus

RECORDS = load_corpus()
MENTIONS = [mention_from_record(record) for record in RECORDS]
GOLD = {record["id"]: record["event"] for record in RECORDS}


def partition(mentions: list[Mention], **options: Any) -> list[tuple[str, ...]]:
    return sorted(tuple(found.keys) for found in cluster(mentions, **options))


def test_corpus_has_enough_events_reports_and_near_misses() -> None:
    events = {r["event"] for r in RECORDS}
    repeated = [e for e in events if e.startswith("e") and 2 <= sum(r["event"] == e for r in RECORDS) <= 5]
    assert len(repeated) >= 30
    assert len({r["event"] for r in RECORDS if r["near"]}) >= 30
    assert {r["near"] for r in RECORDS if r["near"]} <= events


@pytest.mark.parametrize("name", ["corpus.jsonl", "holdout.jsonl"])
def test_corpus_quality_gate(name: str) -> None:
    records = load_corpus(CORPUS_DIR / name)
    mentions = [mention_from_record(record) for record in records]
    found = {key: n for n, keys in enumerate(partition(mentions)) for key in keys}
    score = score_partition({r["id"]: r["event"] for r in records}, found)
    assert score.false_merges == 0
    assert score.records_per_event <= 1.1


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_same_partition_whatever_the_order(rng: random.Random) -> None:
    shuffled = list(MENTIONS)
    rng.shuffle(shuffled)
    assert partition(shuffled) == partition(MENTIONS)


def test_a_closed_neighbourhood_clusters_as_in_the_whole() -> None:
    # What the incremental store update relies on: a connected group alone gives the same result.
    whole = partition(MENTIONS)
    kupiansk = [m for m in MENTIONS if m.key.startswith(("e01", "n01", "n02", "n03"))]
    assert partition(kupiansk) == [keys for keys in whole if keys[0][:3] in ("e01", "n01", "n02", "n03")]


def _chain() -> list[Mention]:
    # a-b and b-c are close; a and c are 40 km apart, so a and c can never be one event.
    base = Mention(
        key="a",
        type="protest",
        date_start="2024-05-01",
        date_end="2024-05-01",
        precision="day",
        country="XXX",
        place="North",
        lat=50.0,
        lon=30.0,
        feature="city",
        text="March on the square",
    )
    return [
        base,
        replace(
            base, key="b", place="Middle", lat=50.0, lon=30.28, feature="admin2", text="March on the square"
        ),
        replace(base, key="c", place="South", lat=50.0, lon=30.56, text="March on the square"),
    ]


def test_complete_link_stops_chains() -> None:
    found = partition(_chain())
    assert ("a", "c") not in {tuple(sorted(k for k in keys if k != "b")) for keys in found if len(keys) == 3}
    assert len(found) == 2


def test_analyst_constraints_override_the_scores() -> None:
    mentions = _chain()
    assert partition(mentions, must=[("a", "c"), ("a", "b")]) == [("a", "b", "c")]
    assert partition(mentions, cannot=[("a", "b"), ("b", "c")]) == [("a",), ("b",), ("c",)]
    # Constraints on keys that are not there are ignored.
    assert partition(mentions, must=[("a", "zzz")]) == partition(mentions)


def test_each_member_says_why() -> None:
    found = cluster(MENTIONS)
    event = next(c for c in found if c.keys[0] == "e11-1")
    assert event.keys == ["e11-1", "e11-2", "e11-3"]
    why = event.why["e11-1"]
    assert why.rule == "linked" and why.partner in ("e11-2", "e11-3")
    assert why.score >= 0.6 and why.parts["date"] > 0
    single = next(c for c in found if c.keys == ["n15-1"])
    assert single.why["n15-1"].rule == "single report"
    forced = cluster(_chain(), must=[("a", "c")])
    assert any(c.why.get("c") and c.why["c"].rule in ("analyst merge", "linked") for c in forced)


PLACES = [("Alpha", 50.0, 30.0), ("Beta", 50.1, 30.1), ("Gamma", 50.5, 30.5), (None, None, None)]
WORDS = ["shelled", "market", "school", "killed", "bridge", "Alpha", "Beta", "convoy", "two", "three"]


@st.composite
def crowded_mentions(draw: st.DrawFn) -> list[Mention]:
    """Many mentions in a small space of types, days, places and words, so that decisions interact."""
    count = draw(st.integers(min_value=2, max_value=25))
    found = []
    for n in range(count):
        day = draw(st.integers(min_value=1, max_value=6))
        month = draw(st.booleans())
        name, lat, lon = draw(st.sampled_from(PLACES))
        found.append(
            Mention(
                key=f"k{n:02d}",
                type=draw(st.sampled_from(["armed_clash", "attack", "air_strike"])),
                date_start="2024-05-01" if month else f"2024-05-{day:02d}",
                date_end="2024-05-31" if month else f"2024-05-{day:02d}",
                precision="month" if month else "day",
                country=None if name is None else "XXX",
                place=name,
                lat=lat,
                lon=lon,
                feature=None if name is None else "city",
                text=" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))),
                fatalities=draw(st.sampled_from([None, 2, 3])),
            )
        )
    return found


@settings(max_examples=40, deadline=None)
@given(crowded_mentions(), st.randoms(use_true_random=False))
def test_order_independence_on_crowded_random_mentions(mentions: list[Mention], rng: random.Random) -> None:
    shuffled = list(mentions)
    rng.shuffle(shuffled)
    assert partition(shuffled) == partition(mentions)
    # Every pair inside one event is compatible (complete link), whatever the order.
    rules = load_rules()
    prepared = {m.key: features(m, rules) for m in mentions}
    for found in cluster(shuffled):
        for a in found.keys:
            for b in found.keys:
                if a < b:
                    assert compare(prepared[a], prepared[b], rules).compatible, (a, b)
