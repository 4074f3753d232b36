"""Choosing among gazetteer candidates: population, names beside, the document's countries."""

from __future__ import annotations

import dataclasses

import pytest

from eventwatch.places.gazetteer import Candidate, Gazetteer, build_index
from eventwatch.places.mentions import Mention
from eventwatch.places.resolve import Resolver
from eventwatch.places.scoring import same_place
from eventwatch.places.sources import PlaceRecord


def _city(name: str, country: str, admin1: str, population: int, lat: float, lon: float) -> PlaceRecord:
    return PlaceRecord(
        name=name,
        country=country,
        lat=lat,
        lon=lon,
        feature="city",
        population=population,
        admin1=admin1,
        names=[name],
    )


def _area(
    name: str,
    country: str | None,
    feature: str,
    population: int,
    lat: float,
    lon: float,
    *,
    admin1: str | None = None,
) -> PlaceRecord:
    return PlaceRecord(
        name=name,
        country=country,
        lat=lat,
        lon=lon,
        feature=feature,
        population=population,
        admin1=admin1,
        names=[name],
    )


RECORDS = [
    _city("Springfield", "USA", "Missouri", 170_000, 37.2, -93.3),
    _city("Springfield", "USA", "Illinois", 114_000, 39.8, -89.6),
    _city("Paris", "FRA", "Ile-de-France", 2_100_000, 48.85, 2.35),
    _city("Paris", "USA", "Texas", 25_000, 33.66, -95.55),
    _city("Dallas", "USA", "Texas", 1_300_000, 32.78, -96.8),
    _city("Georgetown", "GUY", "Demerara-Mahaica", 235_000, 6.8, -58.16),
    _city("Georgetown", "MYS", "Penang", 300_000, 5.41, 100.33),
    _area("Illinois", "USA", "admin1", 12_000_000, 40.0, -89.0, admin1="Illinois"),
    _area("Texas", "USA", "admin1", 29_000_000, 31.0, -100.0, admin1="Texas"),
    _area("Guyana", "GUY", "country", 780_000, 5.0, -59.0),
    _city("Leeds", "GBR", "England", 450_000, 53.8, -1.55),
    _city("Sheffield", "GBR", "England", 520_000, 53.38, -1.47),
    _city("Wakefield", "GBR", "England", 100_000, 53.68, -1.5),
    _city("Boston", "USA", "Massachusetts", 620_000, 42.36, -71.06),
    _city("Hartford", "GBR", "England", 20_000, 53.24, -2.55),
    _city("Hartford", "USA", "Connecticut", 60_000, 41.76, -72.68),
    _city("Salem", "USA", "Oregon", 170_000, 44.94, -123.03),
    _city("Wing", "GBR", "England", 1_000, 51.9, -0.7),
    _city("Harrow", "GBR", "England", 150_000, 51.58, -0.34),
    _city("Hampton", "USA", "Virginia", 135_000, 37.03, -76.35),
    _city("Valley", "USA", "Alabama", 9_000, 32.8, -85.2),
    _area("Northern", "GHA", "admin1", 2_500_000, 9.5, -1.0, admin1="Northern"),
    _city("Tyler", "USA", "Texas", 100_000, 32.35, -95.3),
    _city("Marion", "USA", "Ohio", 36_000, 40.59, -83.13),
    _city("Washington", "USA", "District of Columbia", 690_000, 38.9, -77.04),
    _city("Washington", "USA", "New York", 4_000, 42.7, -73.7),
    dataclasses.replace(
        _city("New York City", "USA", "New York", 8_300_000, 40.71, -74.01),
        names=["New York City", "New York"],
    ),
    _city("Thirsk", "GBR", "England", 4_900, 54.23, -1.34),
    _city("Thirsk", "USA", "Ohio", 9_000, 41.0, -81.0),
    _area("New York", "USA", "admin1", 19_000_000, 43.0, -75.5, admin1="New York"),
    _area("Yorkshire", "GBR", "region", 5_000_000, 54.0, -1.5),
    _area("Dallas County", "USA", "admin2", 2_600_000, 32.77, -96.78, admin1="Texas"),
    _area("Marion County", "USA", "admin2", 300_000, 44.9, -122.6, admin1="Oregon"),
    _area("Marion County", "USA", "admin2", 900_000, 39.8, -86.1, admin1="Indiana"),
    _area("Georgia", "GEO", "country", 3_700_000, 42.0, 43.5),
    _area("Georgia", "USA", "admin1", 10_000_000, 32.75, -83.5, admin1="Georgia"),
    _area("Lithuania", "LTU", "country", 2_800_000, 56.0, 24.0),
]


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    return Resolver(Gazetteer(build_index(path, RECORDS)), preferred={})


def _mentions(text: str, *names: str) -> list[Mention]:
    found, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        found.append(Mention(start, start + len(name), name, "entity"))
        cursor = start + len(name)
    return found


def test_population_prior_without_context(resolver: Resolver) -> None:
    text = "Protesters gathered in Paris."
    [place] = resolver.resolve(_mentions(text, "Paris"), text)
    assert (place.country, place.admin1) == ("FRA", "Ile-de-France")
    assert "population" in (place.reason or "")


def test_admin1_named_beside_it(resolver: Resolver) -> None:
    text = "A storm hit Springfield, Illinois on Monday."
    city, state = resolver.resolve(_mentions(text, "Springfield", "Illinois"), text)
    assert city.admin1 == "Illinois"
    assert "'Illinois' named beside it" in (city.reason or "")
    assert state.feature == "admin1"


def test_town_named_with_its_region(resolver: Resolver) -> None:
    # A region is matched by distance: the gazetteer records Thirsk's admin1, not its county.
    text = "Floods closed roads around Thirsk, Yorkshire."
    town, _ = resolver.resolve(_mentions(text, "Thirsk", "Yorkshire"), text)
    assert (town.country, town.admin1) == ("GBR", "England")
    assert "'Yorkshire' named beside it" in (town.reason or "")


@pytest.mark.parametrize(
    ("text", "names", "country", "admin1"),
    [
        # A list of cities: New York is the third city, not Washington's state.
        (
            "Stops in Washington, New York and Boston.",
            ("Washington", "New York", "Boston"),
            "USA",
            "District of Columbia",
        ),
        # No big city is called Texas: Paris is in Texas, whatever follows.
        ("Stops in Paris, Texas and Boston.", ("Paris", "Texas", "Boston"), "USA", "Texas"),
    ],
)
def test_town_list_or_town_with_its_state(
    resolver: Resolver, text: str, names: tuple[str, ...], country: str, admin1: str
) -> None:
    first = resolver.resolve(_mentions(text, *names), text)[0]
    assert (first.country, first.admin1) == (country, admin1)


def test_document_country_decides(resolver: Resolver) -> None:
    text = "Officials in Dallas said the fire in Paris was out. Texas sent help."
    places = resolver.resolve(_mentions(text, "Dallas", "Paris", "Texas"), text)
    assert places[1].country == "USA" and places[1].admin1 == "Texas"
    assert "same country" in (places[1].reason or "")


def test_country_context_for_a_capital(resolver: Resolver) -> None:
    text = "Guyana said talks in Georgetown went well."
    _, city = resolver.resolve(_mentions(text, "Guyana", "Georgetown"), text)
    assert city.country == "GUY"


def test_demonym_resolves_to_its_country(resolver: Resolver) -> None:
    text = "He headed for the Lithuanian border."
    mention = Mention(18, 28, "Lithuanian", "demonym", feature="border", country="LTU")
    [place] = resolver.resolve([mention], text)
    assert (place.name, place.country, place.feature) == ("Lithuania", "LTU", "border")
    assert (place.reason or "").startswith("demonym")


def test_unknown_name_is_placed_near_a_town_of_its_sentence(resolver: Resolver) -> None:
    text = "He was taken to Mercy Hospital in Dallas."
    mentions = [Mention(16, 29, "Mercy Hospital", "facility", feature="facility"), *_mentions(text, "Dallas")]
    from eventwatch.document import Span

    hospital, _ = resolver.resolve(mentions, text, sentences=[Span.of(text, 0, len(text))])
    assert hospital.name is None and hospital.geonameid is None
    assert (hospital.lat, hospital.lon) == (32.78, -96.8)
    assert "not in the gazetteer" in (hospital.reason or "")


def test_country_bonus_follows_the_countrys_share_of_the_document(resolver: Resolver) -> None:
    # Three English towns and one American city: a same-named town goes with the majority.
    text = "Fans came from Leeds, Sheffield and Wakefield, and one from Boston, to the fair in Hartford."
    places = resolver.resolve(_mentions(text, "Leeds", "Sheffield", "Wakefield", "Boston", "Hartford"), text)
    assert (places[-1].country, places[-1].admin1) == ("GBR", "England")


def test_county_near_the_documents_towns(resolver: Resolver) -> None:
    text = "Flooding in Salem closed roads across Marion County on Sunday."
    _, county = resolver.resolve(_mentions(text, "Salem", "Marion County"), text)
    assert (county.admin1, county.feature) == ("Oregon", "admin2")
    assert "near the document's other places" in (county.reason or "")


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    records = [
        dataclasses.replace(
            _city("Washington", "USA", "District of Columbia", 700_000, 38.9, -77.04), geonameid=1
        ),
        PlaceRecord(
            name="Washington",
            country="USA",
            lat=47.5,
            lon=-120.5,
            feature="admin1",
            population=7_000_000,
            admin1="Washington",
            names=["Washington"],
        ),
        PlaceRecord(
            name="District of Columbia",
            country="USA",
            lat=38.9,
            lon=-77.0,
            feature="admin1",
            population=700_000,
            admin1="District of Columbia",
            names=["District of Columbia", "D.C."],
        ),
        *(
            PlaceRecord(
                name=name,
                country="USA",
                lat=lat,
                lon=lon,
                feature="admin1",
                population=4_000_000,
                names=[name],
            )
            for name, lat, lon in (
                ("Oregon", 44.0, -120.5),
                ("Idaho", 44.5, -114.0),
                ("Montana", 47.0, -109.5),
            )
        ),
    ]
    path = tmp_path_factory.mktemp("states") / "states.sqlite"
    return Resolver(Gazetteer(build_index(path, records)), preferred={"Washington": 1})


@pytest.mark.parametrize(
    ("text", "names", "feature"),
    [
        (
            "Wildfires burned in Idaho, Montana and Washington this week.",
            ("Idaho", "Montana", "Washington"),
            "admin1",
        ),
        ("Growers in Oregon or Washington expect a poor harvest.", ("Oregon", "Washington"), "admin1"),
        ("Senators met in Washington on Tuesday.", ("Washington",), "city"),
        ("Fires spread across central Washington overnight.", ("Washington",), "admin1"),
        # A place followed by the area it lies in is not a list.
        ("Fans flew from Idaho and Washington, D.C. to the final.", ("Idaho", "Washington", "D.C."), "city"),
    ],
)
def test_a_name_listed_with_states_is_a_state(
    states: Resolver, text: str, names: tuple[str, ...], feature: str
) -> None:
    places = states.resolve(_mentions(text, *names), text)
    washington = next(p for p in places if p.text == "Washington")
    assert washington.feature == feature


@pytest.mark.parametrize(
    ("text", "names", "country"),
    [
        ("Crews from Dallas and Boston joined the Georgia team.", ("Dallas", "Boston", "Georgia"), "USA"),
        ("Lithuania and Georgia signed a trade pact.", ("Lithuania", "Georgia"), "GEO"),
        ("Georgia held elections.", ("Georgia",), "GEO"),
    ],
)
def test_a_country_name_that_is_also_a_state(
    resolver: Resolver, text: str, names: tuple[str, ...], country: str
) -> None:
    mentions = _mentions(text, *names)
    mentions[-1].country = "GEO"  # as the mention finder sets it for a country's name
    assert resolver.resolve(mentions, text)[-1].country == country


@pytest.mark.parametrize(
    ("name", "resolved"),
    [("Northern Illinois", "Illinois"), ("East Dallas", "Dallas"), ("West Wing", None)],
)
def test_a_directional_part_of_a_known_area(resolver: Resolver, name: str, resolved: str | None) -> None:
    text = f"Volunteers cleared debris in {name} on Monday."
    [place] = resolver.resolve(_mentions(text, name), text)
    assert place.name == resolved


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("Teams from Dallas and Boston met at Wing on Sunday.", None),
        ("Teams from Leeds and Sheffield met at Wing on Sunday.", "Wing"),
    ],
)
def test_a_village_far_from_every_other_town_is_not_taken(
    resolver: Resolver, text: str, resolved: str | None
) -> None:
    names = [n for n in ("Dallas", "Boston", "Leeds", "Sheffield") if n in text]
    places = resolver.resolve(_mentions(text, *names, "Wing"), text)
    assert places[-1].name == resolved


@pytest.mark.parametrize(
    ("source", "resolved"),
    [
        # A town of 150,000 inside a longer name, far from the report's towns: a namesake.
        ("embedded", None),
        ("facility", None),
        # Named in its own right, a town of that size stands.
        ("entity", "Harrow"),
    ],
)
def test_a_town_inside_a_longer_name_far_from_every_other_town_is_not_taken(
    resolver: Resolver, source: str, resolved: str | None
) -> None:
    text = "Fans from Dallas and Tyler filled the Harrow Hall on Sunday."
    mentions = [*_mentions(text, "Dallas", "Tyler"), Mention(38, 44, "Harrow", source)]
    places = resolver.resolve(mentions, text)
    assert places[-1].name == resolved


def test_two_strays_in_names_do_not_vouch_for_each_other(resolver: Resolver) -> None:
    # Harrow and Wing lie close together but far from the report's two Texan towns; each is
    # only part of a longer name, so neither makes the other a neighbour.
    text = "In Dallas and Tyler, the Harrow Library and the Wing Chapel reopened."
    mentions = [
        *_mentions(text, "Dallas", "Tyler"),
        Mention(25, 31, "Harrow", "embedded"),
        Mention(48, 52, "Wing", "embedded"),
    ]
    places = resolver.resolve(mentions, text)
    assert [p.name for p in places[2:]] == [None, None]


def test_a_body_named_after_a_town_is_no_stray(resolver: Resolver) -> None:
    text = "Dallas and Tyler firms hired Harrow Analytics."
    mentions = [*_mentions(text, "Dallas", "Tyler"), Mention(29, 35, "Harrow", "embedded", named_after=True)]
    assert resolver.resolve(mentions, text)[-1].name == "Harrow"


def test_unknown_place_goes_to_the_cluster_of_towns_not_the_most_named_one(resolver: Resolver) -> None:
    from eventwatch.document import Span

    text = "Boston fans cheered. Boston won. Leeds, Sheffield and Wakefield shut early. Stalls in Kirkgate Market sold out."
    mentions = [
        *_mentions(text, "Boston", "Boston", "Leeds", "Sheffield", "Wakefield"),
        Mention(
            text.index("Kirkgate"),
            text.index("Kirkgate") + 15,
            "Kirkgate Market",
            "facility",
            feature="facility",
        ),
    ]
    sentences = [
        Span.of(text, 0, 20),
        Span.of(text, 21, 32),
        Span.of(text, 33, 75),
        Span.of(text, 76, len(text)),
    ]
    market = resolver.resolve(mentions, text, sentences=sentences)[-1]
    assert market.name is None and market.country == "GBR"


@pytest.mark.parametrize(
    ("text", "names", "resolved"),
    [
        (
            "Flooding in Salem closed roads across Marion County. Marion officials asked for help.",
            ("Salem", "Marion County", "Marion"),
            ("Marion County", "Oregon"),
        ),
        # A namesake town inside the county keeps the short form.
        (
            "Dallas County voted on Tuesday. Dallas will host the count.",
            ("Dallas County", "Dallas"),
            ("Dallas", "Texas"),
        ),
    ],
)
def test_a_short_form_of_a_county_named_in_the_text(
    resolver: Resolver, text: str, names: tuple[str, ...], resolved: tuple[str, str]
) -> None:
    place = resolver.resolve(_mentions(text, *names), text)[-1]
    assert (place.name, place.admin1) == resolved


def test_more_neighbours_outweigh_a_countrys_share(resolver: Resolver) -> None:
    # Paris, Texas is small and England holds most of the document's other places; the two
    # Texan towns around it still win (one neighbour alone would not).
    text = "Buses left Leeds, Sheffield, Wakefield, Dallas and Tyler; fans went on to Paris."
    mentions = _mentions(text, "Leeds", "Sheffield", "Wakefield", "Dallas", "Tyler", "Paris")
    assert resolver.resolve(mentions, text)[-1].admin1 == "Texas"


@pytest.mark.parametrize(
    ("name", "resolved"), [("Dallas-based", "Dallas"), ("Salem-born", "Salem"), ("Dallas-style", None)]
)
def test_a_place_before_a_hyphenated_suffix(resolver: Resolver, name: str, resolved: str | None) -> None:
    text = f"The {name} writer spoke on Monday."
    [place] = resolver.resolve(_mentions(text, name), text)
    assert place.name == resolved


def test_unknown_name_placed_at_the_town_it_contains(resolver: Resolver) -> None:
    from eventwatch.document import Span

    text = "Crowds filled Old Town Tyler. Dallas police and Tyler officials said all was calm."
    mentions = [
        Mention(14, 28, "Old Town Tyler", "facility", feature="facility"),
        *_mentions(text[29:], "Dallas", "Tyler"),
    ]
    for mention in mentions[1:]:
        mention.start += 29
        mention.end += 29
    sentences = [Span.of(text, 0, 29), Span.of(text, 30, len(text))]
    square, *_ = resolver.resolve(mentions, text, sentences=sentences)
    assert (square.lat, square.lon) == (32.35, -95.3)
    assert "placed at Tyler named in it" in (square.reason or "")


@pytest.mark.parametrize(
    ("name", "placed"),
    [
        ("Washington Central Prison", "Washington"),
        # A square, a street or a township named after a city is not in it.
        ("Washington Square", None),
        ("Washington Street", None),
        ("Washington Township", None),
    ],
)
def test_an_unknown_name_containing_a_large_city(resolver: Resolver, name: str, placed: str | None) -> None:
    text = f"They gathered at {name} on Monday."
    [place] = resolver.resolve([Mention(17, 17 + len(name), name, "facility", feature="facility")], text)
    assert ("named in it" in (place.reason or "")) == (placed is not None)
    if placed is not None:
        assert f"placed at {placed} named in it" in (place.reason or "")


def test_unknown_name_not_placed_by_a_town_far_from_the_documents_place(resolver: Resolver) -> None:
    from eventwatch.document import Span

    # The report is about Leeds, Sheffield and Wakefield; "Salem" resolves only to Oregon, so
    # a street named beside it is placed in Yorkshire, not 7,000 km away.
    text = "Leeds, Sheffield and Wakefield fans met. They marched down Chapel Lane to Salem."
    mentions = [
        *_mentions(text, "Leeds", "Sheffield", "Wakefield"),
        Mention(59, 70, "Chapel Lane", "facility"),
    ]
    mentions += _mentions(text[74:], "Salem")
    mentions[-1].start += 74
    mentions[-1].end += 74
    sentences = [Span.of(text, 0, 40), Span.of(text, 41, len(text))]
    places = resolver.resolve(mentions, text, sentences=sentences)
    lane = next(p for p in places if p.text == "Chapel Lane")
    assert lane.country == "GBR"


def test_town_in_a_province_the_document_names(resolver: Resolver) -> None:
    text = "Illinois lawmakers met on Monday. Later a storm hit Springfield."
    _, city = resolver.resolve(_mentions(text, "Illinois", "Springfield"), text)
    assert city.admin1 == "Illinois"
    assert "in Illinois, named in the document" in (city.reason or "")


def test_one_area_listed_twice_is_no_rival_of_itself() -> None:
    wales = Candidate(1, "Wales", "GBR", "Wales", 52.5, -3.5, 3_100_000, "admin1", 2634895, True)
    also_wales = Candidate(2, "Wales", "GBR", "Wales", 52.4, -3.9, 3_136_534, "admin1", None, True)
    town = Candidate(3, "Wales", "GBR", "England", 53.3, -1.3, 5956, "city", None, True)
    assert same_place(wales, also_wales)
    assert not same_place(wales, town)


def test_an_unknown_name_in_the_place_named_after_it(resolver: Resolver) -> None:
    from eventwatch.document import Span

    # A report about Leeds and Sheffield names a restaurant "in Boston": the text says where.
    text = "Leeds and Sheffield chefs cooked at Le Pavillon in Boston and at Chez Rose near Leeds."
    mentions = [
        *_mentions(text, "Leeds", "Sheffield"),
        Mention(36, 47, "Le Pavillon", "facility", feature="facility"),
        *_mentions(text[47:], "Boston"),
    ]
    mentions[-1].start += 47
    mentions[-1].end += 47
    places = resolver.resolve(mentions, text, sentences=[Span.of(text, 0, len(text))])
    restaurant = places[2]
    assert (restaurant.lat, restaurant.lon) == (42.36, -71.06)
    assert "placed at Boston named after it" in (restaurant.reason or "")


@pytest.mark.parametrize(
    ("name", "placed"),
    [
        ("Soviet Lithuania", True),
        # An embassy stands in another country than the one it speaks for.
        ("Embassy of Lithuania", False),
    ],
)
def test_an_unknown_name_containing_a_country(resolver: Resolver, name: str, placed: bool) -> None:
    text = f"Historians wrote about {name} at length."
    [place] = resolver.resolve([Mention(23, 23 + len(name), name, "entity")], text)
    assert ("placed at Lithuania named in it" in (place.reason or "")) == placed


@pytest.mark.parametrize(("before", "resolved"), [("in the ", None), ("in ", "Valley")])
def test_a_landform_word_after_the_is_the_reports_own(
    resolver: Resolver, before: str, resolved: str | None
) -> None:
    # "here in the Valley" is the valley the report is about, not a town called Valley.
    text = f"Shops in Boston did well, and so did those {before}Valley."
    mentions = _mentions(text, "Boston", "Valley")
    places = resolver.resolve(mentions, text)
    assert places[-1].name == resolved


def test_a_name_before_a_feature_word_keeps_its_last_word(resolver: Resolver) -> None:
    # "the Northern Trust area": the area of the Northern Trust, not a province called Northern.
    text = "Patients from the Northern Trust area were seen."
    mention = Mention(18, 32, "Northern Trust", "gazetteer", feature="region", feature_word="area")
    [place] = resolver.resolve([mention], text)
    assert place.name is None
