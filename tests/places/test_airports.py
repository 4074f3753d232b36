"""Airports in the gazetteer: the name rules, the records read from airportsdata, and real text."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from eventwatch.countries import fold
from eventwatch.document import Document, PlaceMention
from eventwatch.places.airports import airport_names, airport_records, bare_name_allowed, expand_name
from eventwatch.places.gazetteer import Gazetteer, default_gazetteer
from eventwatch.places.sources import PlaceRecord


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


PLACES = {
    fold(name) for name in ("London", "Amsterdam", "Washington", "Chicago", "Lyon", "Manchester", "Boston")
}
PLACES |= {fold(name) for name in ("Oslo", "Frankfurt am Main", "Frankfurt", "Beijing", "Riga")}


@pytest.mark.parametrize(
    ("name", "expected", "others"),
    [
        ("Riga Intl Airport", "Riga International Airport", []),
        ("Ronald Reagan Washington Ntl Airport", "Ronald Reagan Washington National Airport", []),
        ("Galileo Galilei (Pisa) International Airport", "Galileo Galilei International Airport", ["Pisa"]),
        ("Metz-Frescaty (BA 128) Air Base", "Metz-Frescaty Air Base", []),
    ],
)
def test_expand_name(name: str, expected: str, others: list[str]) -> None:
    assert expand_name(name) == (expected, others)


@pytest.mark.parametrize(
    ("name", "must_have", "bare"),
    [
        # A leading city name is dropped: the rest is what the news calls the airport.
        ("London Heathrow Airport", ["London Heathrow Airport", "Heathrow Airport"], ["Heathrow"]),
        (
            "Chicago Midway International Airport",
            ["Midway Airport", "Midway International Airport"],
            ["Midway"],
        ),
        ("Oslo-Gardermoen Airport", ["Gardermoen Airport"], ["Gardermoen"]),
        # "City Airport Name": the name after "Airport" is the distinctive part.
        ("Amsterdam Airport Schiphol", ["Schiphol Airport", "Amsterdam Airport Schiphol"], ["Schiphol"]),
        # Named after its city only: full forms, no bare name.
        ("Manchester Airport", ["Manchester Airport", "Manchester International Airport"], []),
        ("Lyon International Airport", ["Lyon International Airport", "Lyon Airport"], []),
        ("Frankfurt am Main International Airport", ["Frankfurt am Main Airport"], []),
        # A second town after the first is no name of the airport's own.
        ("Manchester-Boston Regional Airport", ["Manchester-Boston Regional Airport"], []),
        # A bracketed other name is one more name.
        ("Galileo Galilei (Pisa) International Airport", ["Pisa Airport"], ["Galileo Galilei", "Pisa"]),
        ("Tamarack Air Base", ["Tamarack Air Base"], ["Tamarack"]),
        ("Wolf Creek Field", ["Wolf Creek Field"], []),
    ],
)
def test_airport_names(name: str, must_have: list[str], bare: list[str]) -> None:
    found = airport_names(name, places=PLACES)
    assert set(must_have) <= set(found.names)
    assert found.bare == bare


def test_city_served_names_the_airport() -> None:
    found = airport_names("Aden Adde International Airport", places={"mogadishu"}, city="Mogadishu")
    assert {"Mogadishu Airport", "Mogadishu International Airport", "Aden Adde Airport"} <= set(found.names)
    assert airport_names("Metz-Frescaty Air Base", places=PLACES, city="Metz").names == [
        "Metz-Frescaty Air Base"
    ]
    assert (
        "Arnavutkoy, Istanbul Airport"
        not in airport_names("Istanbul Airport", places=PLACES, city="Arnavutkoy, Istanbul").names
    )


def test_generic_rest_makes_no_names() -> None:
    found = airport_names("Beijing Capital International Airport", places=PLACES)
    assert "Capital Airport" not in found.names
    assert found.names[0] == "Beijing Capital International Airport"


def test_nearby_town_may_name_the_airport() -> None:
    places = PLACES | {"luton"}
    assert "Luton Airport" not in airport_names("London Luton Airport", places=places).names
    assert "Luton Airport" in airport_names("London Luton Airport", places=places, nearby={"luton"}).names


@pytest.mark.parametrize(
    ("bare", "allowed"),
    [
        ("Heathrow", True),
        ("O'Hare", True),
        ("Charles de Gaulle", True),
        ("Manchester", False),  # a town's name
        ("Capital", False),  # generic
        ("City", False),
        ("Lax", False),  # too short
        ("JFKA", False),  # a code
        ("Renner Field/Goodland", False),
        ("Station 12", False),
        ("A Very Long Airport Name", False),
    ],
)
def test_bare_name_allowed(bare: str, allowed: bool) -> None:
    assert bare_name_allowed(bare, towns={"manchester"}) is allowed


@pytest.fixture(scope="module")
def records() -> list[PlaceRecord]:
    """Airport records from the installed airportsdata, with made-up towns: London is one."""
    cities = {
        "1": {
            "name": "London",
            "countrycode": "GB",
            "population": 8_900_000,
            "latitude": 51.5,
            "longitude": -0.13,
        },
    }
    return list(
        airport_records(
            cities=cities,
            admin1_names={("GB", "ENG"): "England", ("NL", "07"): "North Holland"},
            to_iso3={"GB": "GBR", "NL": "NLD", "US": "USA", "SO": "SOM", "CA": "CAN"},
            areas=set(),
        )
    )


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Heathrow Airport", "GBR", 51.4700, -0.4543),
        ("Schiphol Airport", "NLD", 52.3105, 4.7683),
        ("Dulles International Airport", "USA", 38.9531, -77.4565),
    ],
)
def test_package_airports(
    records: list[PlaceRecord], name: str, country: str, lat: float, lon: float
) -> None:
    found = [r for r in records if name in r.names]
    assert len(found) == 1
    assert found[0].country == country and found[0].feature == "airport"
    assert _km(found[0].lat, found[0].lon, lat, lon) < 5


def test_city_names_only_its_one_airport(records: list[PlaceRecord]) -> None:
    assert [r.country for r in records if "Mogadishu Airport" in r.names] == ["SOM"]
    # London has six airports: "London Airport" names none of them (the one of London, Ontario, is so called).
    assert [r.country for r in records if "London Airport" in r.names] == ["CAN"]


def test_admin1_from_subdivision(records: list[PlaceRecord]) -> None:
    by_name = {r.name: r for r in records}
    assert by_name["London Heathrow Airport"].admin1 == "England"
    assert by_name["Amsterdam Airport Schiphol"].admin1 == "North Holland"


def test_strips_without_iata_left_out(records: list[PlaceRecord]) -> None:
    # A private strip in Texas is also called "Heathrow Airport"; it has no IATA code.
    assert not [r for r in records if _km(r.lat, r.lon, 31.439, -97.147) < 5]
    assert len(records) > 5000


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.slow
def test_gazetteer_keeps_towns(gazetteer: Gazetteer) -> None:
    manchester = gazetteer.lookup("Manchester")
    assert manchester and all(c.feature != "airport" for c in manchester)
    heathrow = [c for c in gazetteer.lookup("Heathrow") if c.feature == "airport"]
    assert [(c.country, c.main) for c in heathrow] == [("GBR", False)]
    assert [c.country for c in gazetteer.lookup("Heathrow Airport")] == ["GBR"]


def _place(doc: Document, needle: str) -> PlaceMention:
    found = [p for p in doc.places if needle in p.text]
    assert found, f"{needle!r} not among {[p.text for p in doc.places]}"
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "needle", "country", "lat", "lon"),
    [
        ("Police searched a cargo plane at Heathrow airport on Tuesday.", "Heathrow", "GBR", 51.47, -0.46),
        (
            "Two men were held at Dulles International Airport after the flight.",
            "Dulles",
            "USA",
            38.95,
            -77.46,
        ),
        ("Staff at Manchester Airport staged a second strike this month.", "Manchester", "GBR", 53.35, -2.27),
        ("Rockets hit Mitiga Airport in Tripoli, halting all flights.", "Mitiga", "LBY", 32.89, 13.28),
        ("Mortar rounds landed inside Mogadishu Airport on Sunday.", "Mogadishu", "SOM", 2.01, 45.30),
    ],
)
def test_airports_in_text(
    extract: Callable[..., Document], text: str, needle: str, country: str, lat: float, lon: float
) -> None:
    place = _place(extract(text), needle)
    assert place.country == country and place.lat is not None and place.lon is not None
    assert _km(place.lat, place.lon, lat, lon) < 5


@pytest.mark.slow
def test_town_named_like_an_airport_in_its_context(extract: Callable[..., Document]) -> None:
    doc = extract("A sinkhole opened on a street in Heathrow, Florida, north of Orlando.")
    place = _place(doc, "Heathrow")
    assert (place.country, place.feature) == ("USA", "city")


@pytest.mark.slow
def test_city_keeps_its_name(extract: Callable[..., Document]) -> None:
    place = _place(extract("Thousands marched through Manchester on Saturday."), "Manchester")
    assert (place.country, place.feature) == ("GBR", "city")
