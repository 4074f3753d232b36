"""Pairwise decisions: hard conflicts and evidence scores, on hand-built mentions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwatch.dedup import ActorKey, Mention, compare, features, load_rules, text_similarity, tokens

RULES = load_rules()
BASE = Mention(
    key="a",
    type="shelling",
    date_start="2024-03-12",
    date_end="2024-03-12",
    precision="day",
    country="UKR",
    place="Kupiansk",
    lat=49.711,
    lon=37.616,
    feature="city",
    text="Russian artillery hit Kupiansk, killing three.",
    actors=(ActorKey(role="agent", country="RUS", sector="MIL"),),
)


def decide(a: Mention, b: Mention):  # type: ignore[no-untyped-def]
    return compare(features(a, RULES), features(b, RULES), RULES)


@pytest.mark.parametrize(
    ("change", "compatible", "reason"),
    [
        ({}, True, None),
        ({"type": "air_strike"}, False, "different types"),
        ({"type": "armed_clash"}, False, "different types"),
        ({"status": "planned"}, False, "different status"),
        ({"date_start": "2024-03-13", "date_end": "2024-03-13"}, True, None),  # one day: tolerance
        ({"date_start": "2024-03-15", "date_end": "2024-03-15"}, False, "dates 3 days apart"),
        ({"date_start": "2024-03-01", "date_end": "2024-03-31", "precision": "month"}, True, None),
        ({"place": "Izium", "lat": 49.209, "lon": 37.257}, False, "places 62 km apart"),
        ({"place": "Kharkiv Oblast", "lat": 49.5, "lon": 36.5, "feature": "admin1"}, True, None),
        ({"country": "RUS", "place": "Belgorod", "lat": 50.6, "lon": 36.6}, False, "different countries"),
        ({"country": None, "place": None, "lat": None, "lon": None, "feature": None}, True, None),
        (
            {"actors": (ActorKey(role="agent", country="UKR", sector="MIL"),)},
            False,
            "agents of different countries",
        ),
        (
            {"actors": (ActorKey(role="agent", country="RUS", sector="REB"),)},
            False,
            "agents of different sectors",
        ),
        ({"actors": (ActorKey(role="agent", country="RUS", sector="GOV"),)}, True, None),
    ],
)
def test_hard_conflicts(change: dict[str, object], compatible: bool, reason: str | None) -> None:
    other = replace(BASE, key="b", **change)  # type: ignore[arg-type]
    decision = decide(BASE, other)
    assert decision.compatible is compatible
    assert decision.reason == reason


def test_declared_compatible_types_merge_only_on_stronger_evidence() -> None:
    attack = replace(BASE, key="b", type="attack", actors=())
    clash = replace(BASE, type="armed_clash", actors=())
    decision = decide(clash, attack)
    assert decision.compatible
    assert decision.parts["type"] == -RULES.compatible_penalty


def test_same_day_same_place_links_even_in_other_words() -> None:
    other = replace(BASE, key="b", text="Shells fell on the town of Kupiansk.", lat=49.712)
    decision = decide(BASE, other)
    assert decision.link
    assert decision.parts["date"] == RULES.weights["date_same_day"]
    assert decision.parts["place"] == RULES.weights["place_same"]


def test_nearby_towns_need_close_wording() -> None:
    nearby = replace(
        BASE, key="b", place="Kivsharivka", lat=49.62, lon=37.78, text="Kivsharivka was also shelled."
    )
    assert decide(BASE, nearby).reason == "different towns, wording not close enough"
    echoed = replace(nearby, text="Russian artillery hit Kupiansk and Kivsharivka, killing three.")
    assert decide(BASE, echoed).link


def test_missing_place_is_weak_evidence() -> None:
    unplaced = replace(BASE, key="b", country=None, place=None, lat=None, lon=None, feature=None)
    decision = decide(BASE, unplaced)
    assert decision.parts["place"] == 0.0


def test_undated_mentions_use_the_days_before_publication() -> None:
    undated = replace(
        BASE, key="b", date_start=None, date_end=None, precision="unknown", published="2024-03-14"
    )
    assert decide(BASE, undated).compatible
    late = replace(undated, published="2024-04-30")
    assert not decide(BASE, late).compatible
    assert decide(BASE, replace(undated, published=None)).reason == "no date"


def test_decisions_are_symmetric() -> None:
    other = replace(
        BASE,
        key="b",
        date_start="2024-03-01",
        date_end="2024-03-31",
        precision="month",
        lat=49.5,
        lon=36.5,
        feature="admin1",
        text="Kupiansk shelled this month",
    )
    assert decide(BASE, other) == decide(other, BASE)


def test_names_and_numbers_weigh_double_and_function_words_drop() -> None:
    words = tokens("On Tuesday the army shelled Kupiansk, killing 3 people.")
    assert words["kupiansk"] == 2.0 and words["3"] == 2.0
    assert words["tuesday"] == 1.0 and words["shell"] == 1.0
    assert "the" not in words and "on" not in words
    assert text_similarity(words, words) == pytest.approx(1.0)
    assert text_similarity(words, tokens("Protest in Belgrade")) == 0.0
