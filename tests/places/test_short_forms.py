"""Short forms of areas ("NSW", "WA", "Herts") and the areas the packaged data lack ("Mindanao")."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from eventwatch.document import Document, Entity, PlaceMention, Token
from eventwatch.places.gazetteer import Candidate
from eventwatch.places.mentions import Mention
from eventwatch.places.placing import Choice, km
from eventwatch.places.short_forms import (
    ShortForms,
    choose_readings,
    find_short_forms,
    short_form_table,
    shouted,
)
from eventwatch.places.sources import load_places_data

_TABLE = ShortForms(
    readings={
        "NSW": ("AUS New South Wales",),
        "ACT": ("AUS Australian Capital Territory",),
        "WA": ("AUS Western Australia", "USA Washington"),
        "SA": ("ZAF South Africa", "AUS South Australia"),
        "BC": ("CAN British Columbia",),
        "Bucks": ("GBR Buckinghamshire",),
        "T&T": ("TTO Trinidad and Tobago",),
    },
    words=frozenset({"ACT", "WA", "SA", "Bucks"}),
    civic_words=frozenset({"Police", "Fire"}),
)


def _tokens(text: str) -> list[Token]:
    return [
        Token(m.start(), m.end(), m.group().lower(), "PROPN", "", "", 0)
        for m in re.finditer(r"\w+|[^\w\s]", text)
    ]


def _found(
    text: str,
    *,
    places: tuple[str, ...] = (),
    entities: tuple[tuple[str, str], ...] = (),
    headline: bool = False,
) -> list[str]:
    mentions = [Mention(text.index(p), text.index(p) + len(p), p, "entity") for p in places]
    ents = [Entity(t, text.index(t), text.index(t) + len(t), label) for t, label in entities]
    sentences = [(0, len(text))] if headline else []
    found = find_short_forms(_tokens(text), text, ents, _TABLE, mentions=mentions, sentences=sentences)
    return [m.text for m in found]


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("Bushfires spread across NSW on Sunday.", (), ["NSW"]),
        ("The NSW Rural Fire Service said 30 homes burned.", (), ["NSW"]),  # inside a body's name
        ("Roads closed across northern NSW and the ACT.", (), ["NSW", "ACT"]),  # listed with a form
        ("Heavy rain hit Adelaide and regional SA.", ("Adelaide",), ["SA"]),
        ("Storms hit Perth, WA overnight.", ("Perth",), ["WA"]),
        ("The Bucks Fire and Rescue Service attended.", (), ["Bucks"]),  # a town's body after it
        ("Fans of the Milwaukee Bucks cheered.", (), []),  # a word with no cue
        ("The SA team won again.", (), []),
        ("The ACT of 1998 changed that.", (), []),
        ("Temperatures in 300 BC were lower.", (), []),  # a date, not British Columbia
        ("Walls built in the fifth century BC survive.", (), []),
        ("FrontCounter BC issued permits.", (), ["BC"]),
        ("Flights to T&T resumed.", (), ["T&T"]),
        ("Sales of NSWs rose.", (), []),  # whole words only
    ],
)
def test_finds_short_forms_with_their_cues(text: str, places: tuple[str, ...], expected: list[str]) -> None:
    assert _found(text, places=places) == expected


def test_a_place_entity_needs_no_other_cue() -> None:
    assert _found("Voters in Oregon and WA went to the polls.", entities=(("WA", "GPE"),)) == ["WA"]
    assert _found("WA officials said the count was over.", entities=(("WA", "GPE"),)) == ["WA"]
    assert _found("WA officials said the count was over.") == []


def test_a_word_like_form_counts_where_its_area_is_named_in_full() -> None:
    text = "Coal output rose in South Africa last year. SA exports fell in March."
    assert _found(text, places=("South Africa",)) == ["SA"]
    assert _found("Coal output rose last year. SA exports fell in March.") == []


def test_word_like_forms_are_not_read_in_capital_headlines() -> None:
    assert _found("STRIKES SPREAD IN SA AS TALKS FAIL", headline=True) == []
    assert _found("FIRES SPREAD ACROSS NSW AS WINDS RISE", headline=True) == ["NSW"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IT WORKERS IN PA WALK OUT OVER PAY", True),
        ("Bushfires spread across NSW on Sunday.", False),
        ("NSW RFS", False),  # too short to tell
        ("Storms Hit Perth As WA Braces For More", False),
    ],
)
def test_shouted(text: str, expected: bool) -> None:
    assert shouted(text) is expected


def _candidate(ident: int, name: str, country: str) -> Candidate:
    return Candidate(ident, name, country, name, 0.0, 0.0, 1_000_000, "admin1", None, True)


_WA = (_candidate(1, "Western Australia", "AUS"), _candidate(2, "Washington", "USA"))


@pytest.mark.parametrize(
    ("other_country", "expected"),
    [("AUS", "Western Australia"), ("USA", "Washington"), (None, "Western Australia")],
)
def test_the_reading_in_the_documents_country_wins(other_country: str | None, expected: str) -> None:
    mentions = [Mention(0, 2, "WA", "short form", readings=("AUS Western Australia", "USA Washington"))]
    pools = [_WA]
    choices = [Choice(_WA[1], 5.0, "population prior", 0.5)]
    if other_country is not None:
        town = _candidate(3, "Town", other_country)
        mentions.append(Mention(10, 14, "Town", "entity"))
        pools.append((town,))
        choices.append(Choice(town, 5.0, "population prior", 10.0))
    choose_readings(mentions, pools, choices)
    found = choices[0].candidate
    assert found is not None and found.name == expected


def test_short_form_data_is_well_formed() -> None:
    table = short_form_table()
    assert table.words <= set(table.readings), "every word-like form has readings"
    for form, readings in table.readings.items():
        assert readings, form
        for reading in readings:
            iso3, _, name = reading.partition(" ")
            assert len(iso3) == 3 and iso3.isupper() and name, (form, reading)


def test_regions_have_points_and_unique_names() -> None:
    seen: set[str] = set()
    for region in load_places_data()["regions"]:
        assert -90 <= region["lat"] <= 90 and -180 <= region["lon"] <= 180, region["name"]
        assert region.get("feature", "region") in ("region", "sea", "landmark", "admin1", "admin2"), region
        for name in (region["name"], *region.get("names", [])):
            assert name.lower() not in seen or name == "Arab World", name
            seen.add(name.lower())


# End to end: the spaCy model and the packaged gazetteer.


def _place(doc: Document, text: str) -> PlaceMention:
    found = [p for p in doc.places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in doc.places]}"
    return found[0]


@pytest.mark.slow
def test_every_reading_is_in_the_gazetteer() -> None:
    from eventwatch.places.gazetteer import default_gazetteer
    from eventwatch.places.short_forms import reading_candidates

    for form, readings in short_form_table().readings.items():
        assert len(reading_candidates(default_gazetteer(), readings)) == len(readings), form


@pytest.mark.slow
def test_state_short_form_in_an_australian_report(extract: Callable[..., Document]) -> None:
    place = _place(extract("Bushfires forced evacuations across NSW on Sunday."), "NSW")
    assert (place.country, place.name) == ("AUS", "New South Wales")
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, -33.87, 151.21) < 400  # the state's middle, west of Sydney


@pytest.mark.slow
def test_postal_code_after_a_town(extract: Callable[..., Document]) -> None:
    doc = extract("A shooting in Camden, NJ left two people dead.")
    assert (_place(doc, "Camden").country, _place(doc, "Camden").admin1) == ("USA", "New Jersey")
    assert _place(doc, "NJ").name == "New Jersey"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Floods cut roads around Perth and across much of WA on Friday.", "Western Australia"),
        ("Spokane, WA police said the suspect fled toward Idaho.", "Washington"),
        ("Police in Adelaide said the man had driven across SA from Victoria.", "South Australia"),
    ],
)
def test_ambiguous_short_form_follows_the_documents_country(
    extract: Callable[..., Document], text: str, expected: str
) -> None:
    form = "WA" if "WA" in text else "SA"
    assert _place(extract(text), form).name == expected


@pytest.mark.slow
def test_county_short_forms_inside_a_body_name(extract: Callable[..., Document]) -> None:
    doc = extract("The Essex and Herts Air Ambulance flew the injured man to hospital in Cambridge.")
    assert (_place(doc, "Herts").name, _place(doc, "Herts").country) == ("Hertfordshire", "GBR")


@pytest.mark.slow
def test_word_like_short_forms_stay_words(extract: Callable[..., Document]) -> None:
    doc = extract("The Milwaukee Bucks beat Boston on Sunday as DC Comics launched a new title.")
    assert not [p for p in doc.places if p.text in ("Bucks", "DC")]


@pytest.mark.slow
def test_capital_headline_words_are_no_places(extract: Callable[..., Document]) -> None:
    doc = extract("IT STAFF IN PA AND ME WALK OUT AS ACT TALKS FAIL")
    assert not [p for p in doc.places if p.text in ("IT", "IN", "PA", "ME", "ACT", "AS")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country", "point"),
    [
        ("Two villages in Eastern Ghouta were shelled overnight.", "Eastern Ghouta", "SYR", (33.51, 36.29)),
        ("A ferry sank off Mindanao with 40 passengers aboard.", "Mindanao", "PHL", (7.5, 125.0)),
        ("Drone strikes hit North Waziristan on Tuesday.", "North Waziristan", "PAK", (33.0, 70.1)),
        ("Fighting resumed in Nagorno-Karabakh on Monday.", "Nagorno-Karabakh", "AZE", (39.8, 46.75)),
    ],
)
def test_areas_missing_from_the_packaged_data(
    extract: Callable[..., Document], text: str, name: str, country: str, point: tuple[float, float]
) -> None:
    place = _place(extract(text), name)
    assert place.country == country
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, *point) < 100  # Damascus, the island's middle, Miranshah, Stepanakert
