"""The places stages on real text (spaCy model and the packaged gazetteer)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.document import Document, Event, PlaceMention, Span
from eventwatch.places.locate import locate_events

pytestmark = pytest.mark.slow


def _place(doc: Document, text: str) -> PlaceMention:
    found = [p for p in doc.places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in doc.places]}"
    return found[0]


def test_demonym_as_place_adjective(extract: Callable[..., Document]) -> None:
    doc = extract("A conscript left his unit near Minsk and headed for the Lithuanian border.")
    border = _place(doc, "Lithuanian")
    assert (border.country, border.feature) == ("LTU", "border")
    assert _place(doc, "Minsk").country == "BLR"


def test_city_with_its_state(extract: Callable[..., Document]) -> None:
    doc = extract("A tornado damaged homes in Springfield, Illinois, on Tuesday night.")
    city = _place(doc, "Springfield")
    assert (city.country, city.admin1) == ("USA", "Illinois")
    assert city.lat is not None and abs(city.lat - 39.8) < 0.5


def test_regions_and_continents(extract: Callable[..., Document]) -> None:
    doc = extract("Oil prices rose as tension in the Middle East worried traders across Europe.")
    assert _place(doc, "Middle East").feature == "region"
    assert _place(doc, "Europe").feature == "continent"


def test_province_named_with_its_feature_word(extract: Callable[..., Document]) -> None:
    doc = extract("Shelling was reported overnight in the Kharkiv region, officials said.")
    region = next(p for p in doc.places if p.text.startswith("Kharkiv"))
    assert region.country == "UKR"


def test_accented_and_unaccented_names(extract: Callable[..., Document]) -> None:
    doc = extract("Flights from Kraków and from Sao Paulo were cancelled.")
    assert _place(doc, "Kraków").country == "POL"
    assert _place(doc, "Sao Paulo").country == "BRA"


def _event(doc: Document, trigger: str, sentence: int = 0) -> Event:
    start = doc.text.index(trigger)
    evidence = doc.sentences[sentence]
    return Event(type="test", evidence=[evidence], trigger=Span.of(doc.text, start, start + len(trigger)))


def test_event_located_by_its_preposition(extract: Callable[..., Document]) -> None:
    doc = extract("Russian officials said protesters clashed with police in Vilnius on Friday.")
    doc.events = [_event(doc, "clashed")]
    locate_events(doc)
    location = doc.events[0].location
    assert location is not None and location.name == "Vilnius"
    assert "'in Vilnius' attached to 'clashed'" in (location.reason or "")


def test_event_falls_back_to_the_document_place(extract: Callable[..., Document]) -> None:
    doc = extract("Floods hit Dhaka in July. Hundreds of homes were destroyed.")
    doc.events = [_event(doc, "destroyed", sentence=1)]
    locate_events(doc)
    location = doc.events[0].location
    assert location is not None and location.country == "BGD"
    assert "document" in (location.reason or "")


def test_event_without_any_place(extract: Callable[..., Document]) -> None:
    doc = extract("The committee met and approved the budget.")
    doc.events = [_event(doc, "approved")]
    locate_events(doc)
    assert doc.events[0].location is None


def test_country_narrowed_to_the_main_town_there(extract: Callable[..., Document]) -> None:
    doc = extract(
        "A bomb exploded outside a market in Kunduz on Friday. "
        "Officials in Kunduz said the blast in Afghanistan killed four people."
    )
    doc.events = [_event(doc, "killed", sentence=1)]
    locate_events(doc)
    location = doc.events[0].location
    assert location is not None and location.name == "Kunduz"
    assert "narrowed" in (location.reason or "")


def test_hyphenated_name_and_facility(extract: Callable[..., Document]) -> None:
    doc = extract("Gunmen attacked the consulate in Mazar-i-Sharif. The wounded were taken to Kabul.")
    city = _place(doc, "Mazar-i-Sharif")
    assert city.country == "AFG" and city.feature == "city"


def test_building_placed_by_its_town(extract: Callable[..., Document]) -> None:
    doc = extract("The injured were taken to St Vincent's Hospital in Dublin, police said.")
    hospital = next(p for p in doc.places if "Hospital" in p.text)
    assert hospital.geonameid is None and hospital.country == "IRL"
    assert "not in the gazetteer" in (hospital.reason or "")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Mobile phones were banned at the meeting.", "Mobile"),
        ("Officials said Hammadou's goals inspired the team.", "Hammadou"),
    ],
)
def test_words_that_are_not_places(extract: Callable[..., Document], text: str, absent: str) -> None:
    doc = extract(text)
    assert absent not in [p.text for p in doc.places]


def test_small_town_named_before_its_police(extract: Callable[..., Document]) -> None:
    # A small town with no "in X" cue: the body after it ("Police") says it is a town.
    doc = extract("Officers from the Tullamore Police recovered the stolen van late on Friday.")
    town = _place(doc, "Tullamore")
    assert town.country == "IRL"


@pytest.mark.parametrize(
    ("text", "abbreviation", "state"),
    [
        ("CAMP MURRAY, Wash. - Soldiers trained on Monday.", "Wash.", "Washington"),
        ("The Walker County (Ga.) Sheriff said on Monday that two men escaped.", "Ga.", "Georgia"),
    ],
)
def test_state_abbreviation_the_ner_tags(
    extract: Callable[..., Document], text: str, abbreviation: str, state: str
) -> None:
    place = _place(extract(text), abbreviation)
    assert (place.name, place.country, place.feature) == (state, "USA", "admin1")


def test_each_name_in_a_run_of_names_gives_its_town(extract: Callable[..., Document]) -> None:
    doc = extract(
        "Leaders of Bristol Public Schools and Bath Community Schools said buses would run on Monday."
    )
    assert [(p.text, p.country) for p in doc.places] == [("Bristol", "GBR"), ("Bath", "GBR")]


def test_name_the_ner_cut_short(extract: Callable[..., Document]) -> None:
    # The model tags only "Boa": the gazetteer knows the two-word name.
    place = _place(extract("Many migrants are living in Boa Vista, the state capital."), "Boa Vista")
    assert (place.country, place.feature) == ("BRA", "city")


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck Kupiansk on Monday, officials said.",
        "Troops captured Kupiansk after a week of fighting.",
    ],
)
def test_object_of_a_strike_or_capture_is_a_place(extract: Callable[..., Document], text: str) -> None:
    # The model tags the town as an organisation; the verb says it is a place.
    place = _place(extract(text), "Kupiansk")
    assert (place.country, place.feature) == ("UKR", "city")


def test_city_name_before_the_word_airport_is_the_airport(extract: Callable[..., Document]) -> None:
    doc = extract("A drone hit Kharkiv airport overnight. Later, sirens sounded across Kharkiv.")
    airport, city = [p for p in doc.places if p.text == "Kharkiv"]
    assert (airport.feature, airport.country) == ("airport", "UKR")
    assert "Airport" in (airport.name or "")
    assert city.feature == "city"


def test_town_known_by_another_transliteration(extract: Callable[..., Document]) -> None:
    # GeoNames' main name is "Hulyaypole"; the news writes the Ukrainian form.
    place = _place(extract("Shelling hit Huliaipole overnight, the regional governor said."), "Huliaipole")
    assert (place.country, place.feature) == ("UKR", "city")


def test_event_located_at_what_its_verb_acts_on(extract: Callable[..., Document]) -> None:
    # The place "spread to" names belongs to the clause of "spread", not to the shelling.
    doc = extract("Paramilitaries shelled El Fasher again on Tuesday, and fighting spread to Nyala.")
    shelling = [
        e
        for e in doc.events
        if e.trigger is not None and doc.text[e.trigger.start : e.trigger.end] == "shelled"
    ]
    assert shelling and shelling[0].location is not None
    assert shelling[0].location.name == "El Fasher"


def test_town_that_was_shelled_is_the_place(extract: Callable[..., Document]) -> None:
    doc = extract("Kupiansk was shelled on Monday.")
    assert _place(doc, "Kupiansk").country == "UKR"
    assert [e.location.country for e in doc.events if e.location] == ["UKR"]


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        # The demonym names who struck; the place hangs on the verb the trigger is subject of.
        (
            "An Israeli airstrike hit a house in Khan Younis overnight, killing four people.",
            "airstrike",
            "PSE",
        ),
        # A border is a place, demonym or not.
        ("A conscript from Minsk deserted near the Lithuanian border.", "deserted", "LTU"),
    ],
)
def test_event_location_over_a_demonym(
    extract: Callable[..., Document], text: str, trigger: str, country: str
) -> None:
    doc = extract(text)
    [event] = [e for e in doc.events if e.trigger and doc.text[e.trigger.start : e.trigger.end] == trigger]
    assert event.location is not None and event.location.country == country


def test_settlement_named_before_community(extract: Callable[..., Document]) -> None:
    # The model tags the town as a person; "community" (a hromada) says it is a place.
    doc = extract("Shelling hit the Velykyi Burluk community in Kharkiv oblast on Monday.")
    assert (_place(doc, "Velykyi Burluk").country, _place(doc, "Kharkiv").feature) == ("UKR", "admin1")


def test_region_after_a_name_is_the_province(extract: Callable[..., Document]) -> None:
    doc = extract("Troops entered the Ichnia community of Chernihiv region.")
    assert (_place(doc, "Chernihiv").feature, _place(doc, "Ichnia").feature) == ("admin1", "city")


def test_department_after_a_name_is_the_province(extract: Callable[..., Document]) -> None:
    doc = extract("Colombian troops clashed with ELN guerrillas in Arauca department.")
    assert (_place(doc, "Arauca").country, _place(doc, "Arauca").feature) == ("COL", "admin1")


def test_village_named_with_its_county_is_not_a_namesake_abroad(extract: Callable[..., Document]) -> None:
    # The gazetteer has no Rockingham in Northamptonshire, only larger ones in Australia and
    # New England: the county the text names beside it is where it is.
    doc = extract("The next round is at Rockingham, Northamptonshire, in August.")
    village = _place(doc, "Rockingham")
    assert village.country == "GBR" and village.feature == "local"
    assert village.lat is not None and abs(village.lat - 52.3) < 0.5
    assert "Northamptonshire named beside it" in (village.reason or "")


def test_lone_place_name_the_ner_calls_a_person(extract: Callable[..., Document]) -> None:
    doc = extract(
        "Some 1,700 asylum seekers live in Samos, aid workers say. With Samos's economy in trouble, "
        "islanders protested on Monday."
    )
    assert [p.country for p in doc.places if p.text == "Samos"] == ["GRC", "GRC"]


def test_named_venue_after_at_is_placed_by_its_town(extract: Callable[..., Document]) -> None:
    doc = extract("Protesters gathered at Tobacco Dock in London on Saturday.")
    venue = _place(doc, "Tobacco Dock")
    assert (venue.feature, venue.country) == ("facility", "GBR")


def test_employer_after_at_is_not_a_venue(extract: Callable[..., Document]) -> None:
    doc = extract("Sarah Jones, an economist at Northgate Analytics in Leeds, said prices rose.")
    assert [p.text for p in doc.places if "Northgate" in p.text] == []


def test_city_before_one_of_its_bodies(extract: Callable[..., Document]) -> None:
    # A person shares the city's name, so the name alone would be read as his; the police
    # after it say it is the city.
    doc = extract("Coach Tom Houston thanked Houston Police for their help.")
    assert [p.country for p in doc.places if p.text == "Houston"] == ["USA"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Envoys met at the Palais des Nations in Geneva on Friday.", "Palais des Nations", "CHE"),
        ("A gala was held at the Museum of Flight in Seattle last night.", "Museum of Flight", "USA"),
    ],
)
def test_venue_with_an_article_or_a_head_before_of(
    extract: Callable[..., Document], text: str, name: str, country: str
) -> None:
    venue = _place(extract(text), name)
    assert (venue.feature, venue.country) == ("facility", country)


def test_part_of_a_country_named_inside_a_name(extract: Callable[..., Document]) -> None:
    # "Wales" is also another name of the United Kingdom in the country tables; it names Wales.
    doc = extract("The annual TIDAL ENERGY WALES conference opened in Swansea on Monday.")
    assert (_place(doc, "WALES").name, _place(doc, "WALES").feature) == ("Wales", "admin1")


def test_a_name_before_a_parenthesis_is_no_dateline(extract: Callable[..., Document]) -> None:
    doc = extract("Noma (not her real name) said the police had failed her daughter.")
    assert [p.text for p in doc.places] == []


def test_event_at_a_venue_is_located_at_its_town(extract: Callable[..., Document]) -> None:
    doc = extract("A man was stabbed at Riverside Mall in Leeds on Friday, police said.")
    assert [(e.location.name if e.location else None) for e in doc.events] == ["Leeds"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # A firm named after the English town, in a report full of American places.
        ("Regulators in Boston and Chicago questioned Cambridge Analytica executives on Monday.", "GBR"),
        # The town's own police: the American Cambridge beside Boston.
        ("Cambridge Police said officers from Boston and Somerville helped on Monday.", "USA"),
    ],
)
def test_body_named_after_a_town(extract: Callable[..., Document], text: str, country: str) -> None:
    assert _place(extract(text), "Cambridge").country == country


def test_state_named_by_its_abbreviation_is_the_state_later(extract: Callable[..., Document]) -> None:
    doc = extract(
        "YAKIMA, Wash. (AP) — Firefighters contained a blaze on Sunday. Washington has sent crews "
        "to fires across the region since 2015."
    )
    assert (_place(doc, "Washington").feature, _place(doc, "Washington").admin1) == ("admin1", "Washington")


def test_a_name_that_speaks_is_a_person_throughout(extract: Callable[..., Document]) -> None:
    # NoMa is a Washington neighbourhood; here it is a mother who speaks.
    doc = extract(
        "Noma opened a case at the police station in Cape Town. \u201cNobody called me,\u201d said Noma. "
        "Noma said her daughter was now at a school in Khayelitsha."
    )
    assert [p.text for p in doc.places if p.text == "Noma"] == []
    assert _place(doc, "Cape Town").country == "ZAF"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Inmates rioted at the Aleppo Central Prison on Sunday.", "Aleppo Central Prison", "SYR"),
        # A township named after Washington is not in Washington.
        ("The benefit is at Seasons in Washington Township on April 24.", "Washington Township", None),
    ],
)
def test_unknown_name_containing_a_large_city(
    extract: Callable[..., Document], text: str, name: str, country: str | None
) -> None:
    found = [p for p in extract(text).places if p.text == name]
    if country is None:
        assert all("named in it" not in (p.reason or "") for p in found)
    else:
        assert [p.country for p in found] == [country]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The rally ran at a circuit near Knutsford, Cheshire, on Sunday.", "Cheshire", "GBR"),
        ("Flooding closed roads across Co Mayo and Offaly overnight.", "Co Mayo", "IRL"),
        ("Farmers in County Tyrone counted their losses.", "County Tyrone", "GBR"),
        ("The ministry in Trinidad said the ferry to Tobago would sail.", "Trinidad", "TTO"),
    ],
)
def test_counties_and_islands_the_packages_lack(
    extract: Callable[..., Document], text: str, name: str, country: str
) -> None:
    assert _place(extract(text), name).country == country
