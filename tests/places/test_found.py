"""Roads, streets, sites and towns that only the words around them say are places (findings.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.document import Document, Token
from eventwatch.places.cued_names import _initials
from eventwatch.places.findings import FindingWords, default_words


def _places(doc: Document) -> dict[str, str | None]:
    return {place.text: place.feature for place in doc.places}


@pytest.mark.parametrize(
    ("text", "roads"),
    [
        (
            "A van overturned on the M62 near Leeds and traffic was diverted via the A58, A646 and A629.",
            ["M62", "A58", "A646", "A629"],
        ),
        ("Police closed Interstate 95 in Baltimore after a tanker fire.", ["Interstate 95"]),
        ("A lorry shed its load on the N7 outside Naas, causing long delays for traffic.", ["N7"]),
    ],
)
def test_roads(extract: Callable[..., Document], text: str, roads: list[str]) -> None:
    places = _places(extract(text))
    for road in roads:
        assert places.get(road) == "facility", (road, places)


@pytest.mark.parametrize(
    "text",
    [
        "The A380 landed safely at Heathrow after the storm.",  # an aircraft, not a road
        "Applicants must file an I-130 petition before the interview in Denver.",  # a form
    ],
)
def test_not_roads(extract: Callable[..., Document], text: str) -> None:
    assert not any(any(c.isdigit() for c in place) for place in _places(extract(text)))


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("Two men were arrested on Pine Hollow Drive in Dayton on Friday.", ["Pine Hollow Drive"]),
        ("Deputies found the car on 9th St. Tuesday night in Macon.", ["9th St."]),
        ("Shots were fired in the 300 block of Maple in Flint, Michigan.", ["Maple"]),
        ("The shop at No 14, Merrion Place, in Dublin reopened.", ["Merrion Place"]),
        ("A car hit a wall at the corner of Greene and Tillary in Brooklyn.", ["Greene", "Tillary"]),
        ("The bus stopped at Elm and Oak streets in Dayton.", ["Elm", "Oak"]),
        ("The parade turned into Rue de la Paix in Paris.", ["Rue de la Paix"]),
        ("Water pooled at the Hollinsway roundabout near Bristol.", ["Hollinsway"]),
    ],
)
def test_streets_are_found_and_kept_local(
    extract: Callable[..., Document], text: str, streets: list[str]
) -> None:
    doc = extract(text)
    for street in streets:
        place = next((p for p in doc.places if p.text == street), None)
        assert place is not None, (street, _places(doc))
        # Placed by the town beside it, never at a namesake town ("Elm", "Greene").
        assert place.name is None and place.lat is not None, place


def test_saint_is_not_a_street(extract: Callable[..., Document]) -> None:
    assert _places(extract("Fans in St. Louis cheered on Sunday.")) == {"St. Louis": "city"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Residents of the Faubourg Tremé in New Orleans rebuilt quickly.", "Faubourg Tremé"),
        ("Marines at Camp Lejeune in North Carolina were evacuated.", "Camp Lejeune"),
        ("Families fled to the Umbrakh area after shelling near Hama.", "Umbrakh"),
        ("Two boys displaced from Ugbokolo village were treated in Makurdi.", "Ugbokolo"),
        ("3 May: Thruxton Circuitry, Hampshire. 4 May: Brayfield, Kent.", "Brayfield"),
    ],
)
def test_quarters_camps_and_unknown_settlements(
    extract: Callable[..., Document], text: str, name: str
) -> None:
    assert name in _places(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "“This is the Sikh area,” the guide said in Amritsar.",
        "Critics said the Obama area of policy was neglected in Chicago.",
    ],
)
def test_peoples_and_persons_before_area_are_not_places(extract: Callable[..., Document], text: str) -> None:
    places = _places(extract(text))
    assert "Sikh" not in places and "Obama" not in places


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("The gala was held at St Mary's Church, Kinsale; guests came from Cork.", "Kinsale"),
        ("Dresses by Rose Boutique (Bellmore) were shown in New York.", "Bellmore"),
        ("Jane and Paul Dwyer of Wantagh won the raffle in New York.", "Wantagh"),
    ],
)
def test_towns_an_address_names(extract: Callable[..., Document], text: str, town: str) -> None:
    place = next((p for p in extract(text).places if p.text == town), None)
    assert place is not None and place.name is not None, town


@pytest.mark.parametrize(
    "text",
    [
        "She was questioned by Dozhd (Rain) TV on Monday in Moscow.",  # a translation, not a town
        "Cadets marched at the Passing out Parade (PoP) in Kakul.",  # an abbreviation
    ],
)
def test_parentheses_that_are_not_towns(extract: Callable[..., Document], text: str) -> None:
    places = _places(extract(text))
    assert "Rain" not in places and "PoP" not in places


def test_sentence_initial_at(extract: Callable[..., Document]) -> None:
    assert "Wanzarai" in _places(extract("At Wanzarai the minister met tribal elders on Sunday."))


def _tokens(text: str) -> list[Token]:
    tokens, cursor = [], 0
    for piece in text.split():
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        tokens.append(Token(start, cursor, piece.lower(), "PROPN", "", "", 0))
    return tokens


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("the Passing out Parade", "PoP", True),
        ("the World Health Organization", "WHO", True),
        ("the Fig Leaf Boutique", "Maywood", False),
        ("a Parade", "PoP", False),
    ],
)
def test_initials(text: str, name: str, expected: bool) -> None:
    tokens = _tokens(text)
    assert _initials(tokens, text, len(tokens) - 1, name) is expected


def test_word_lists_load() -> None:
    words = default_words()
    assert "Drive" in words.street_words and "roundabout" in words.junction_words
    assert FindingWords.from_data({}) == FindingWords()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Flares were thrown inside Ibrox during the derby in Glasgow.", "Ibrox"),
        ("The tram ran through what is now present-day Mitte in Berlin.", "Mitte"),
        ("Guests stayed two nights at the Riverside Inn, a guesthouse in Galway.", "Riverside Inn"),
        ("Lambs were stolen from Hollow Oak Farm near Ludlow overnight.", "Hollow Oak Farm"),
        ("Pupils at Larkspur Elementary in Phoenix were sent home.", "Larkspur Elementary"),
    ],
)
def test_sites_by_their_words(extract: Callable[..., Document], text: str, name: str) -> None:
    places = _places(extract(text))
    assert name in places, places


def test_inside_a_persons_possessive_is_no_site(extract: Callable[..., Document]) -> None:
    assert "Kowalczyk" not in _places(extract("Doubts grew inside Kowalczyk's campaign in Warsaw."))


def test_known_towns_split_by_a_slash_before_area(extract: Callable[..., Document]) -> None:
    doc = extract("She later moved to the Wantagh/Bellmore area on Long Island.")
    places = {p.text: p.name for p in doc.places}
    assert places.get("Wantagh") and places.get("Bellmore"), places


def test_a_junction_named_after_a_people_word(extract: Callable[..., Document]) -> None:
    places = _places(extract("Traffic backed up at the Elysian Fields intersection in New Orleans."))
    assert "Elysian Fields" in places, places


def test_a_street_name_repeats_through_the_report(extract: Callable[..., Document]) -> None:
    doc = extract(
        "Crews closed the Cold Harbour roundabout near Swindon on Monday. "
        "Drivers were told to avoid Cold Harbour until Friday."
    )
    assert [p.text for p in doc.places].count("Cold Harbour") == 2, _places(doc)


def test_a_town_after_a_hotel_whose_name_has_a_demonym(extract: Callable[..., Document]) -> None:
    doc = extract(
        "The talks were held at the Percy French Hotel, Ballyjamesduff; delegates came from Dublin."
    )
    assert "Ballyjamesduff" in _places(doc)


@pytest.mark.parametrize(
    ("text", "seats"),
    [
        ("The MP for Hartlepool visited the port on Friday.", ["Hartlepool"]),
        ("Jane Hill, MLA for Kamloops-Merritt, announced the grant in Victoria.", ["Kamloops", "Merritt"]),
        ("Grants go to residents of the Upper Kilnmoor constituency near Nassau.", ["Upper Kilnmoor"]),
    ],
)
def test_seats_members_sit_for(extract: Callable[..., Document], text: str, seats: list[str]) -> None:
    places = _places(extract(text))
    for seat in seats:
        # The tagger may keep the hyphen with the first town ("Kamloops-"): the span is still it.
        assert any(place.rstrip("-") == seat for place in places), (seat, places)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The band will play in Copenhagen, Hamburg, Vlorsk and Mannheim this month.", "Vlorsk"),
        ("Crews from New Quay and Trelwyn were called out.", "Trelwyn"),
    ],
)
def test_unknown_names_listed_with_places(extract: Callable[..., Document], text: str, name: str) -> None:
    assert name in _places(extract(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Storms named Harvey, Irma and Maria hit the coast.", "Irma"),
        ("Helicopters from St Athan and Coastguard teams joined the search.", "Coastguard"),
        ("He raced in Monaco, DTM and Le Mans last year.", "DTM"),
    ],
)
def test_listed_names_that_are_not_places(extract: Callable[..., Document], text: str, name: str) -> None:
    assert name not in _places(extract(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The season opens at Oulton Park, where the champion won last year.", "Oulton Park"),
        ("They bought the derelict Hotel Kyiv in Prague last year.", "Hotel Kyiv"),
    ],
)
def test_where_clause_and_hotel_prefix(extract: Callable[..., Document], text: str, name: str) -> None:
    assert name in _places(extract(text))


def test_an_event_before_where_is_no_place(extract: Callable[..., Document]) -> None:
    places = _places(extract("Fans flew to the World Cup, where England lost in the semi-final."))
    assert "World Cup" not in places


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Doctors handed medicine to the Red Crescent in Bam, Iran.", "Red Crescent"),
        ("Slides: 1 of 40 Full Screen Autoplay Close Skip Ad in Boston.", "Full Screen Autoplay Close"),
        (
            "shock as toddler finds SPIDERS inside Crumbwell chocolate reindeer The paper said it.",
            "Crumbwell",
        ),
    ],
)
def test_names_that_only_look_like_streets_or_sites(
    extract: Callable[..., Document], text: str, name: str
) -> None:
    assert name not in _places(extract(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It gives the Kent-based outfit three drivers this year.", "Kent"),
        ("A Ramallah-based rights group said two men were held.", "Ramallah"),
    ],
)
def test_place_before_based_or_born(extract: Callable[..., Document], text: str, name: str) -> None:
    place = next((p for p in extract(text).places if p.text == name), None)
    assert place is not None and place.name is not None, name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We had our first date at the Roxy cinema in Dewsbury.", "Roxy"),
        ("Shells fell near the Bab Tuma graveyard in Damascus.", "Bab Tuma"),
        ("The new office, at 12 Lincoln St., opened in Nelson.", "Lincoln St."),
    ],
)
def test_sites_before_a_site_noun(extract: Callable[..., Document], text: str, name: str) -> None:
    place = next((p for p in extract(text).places if p.text == name), None)
    assert place is not None and place.name is None, (name, _places(extract(text)))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The festival handed out its MIFF cinema awards in Mumbai.", "MIFF"),
        ("Local church leaders met the mayor in Leeds.", "Local"),
        ("Families were turned away from the Sunni mosque in Mosul.", "Sunni"),
    ],
)
def test_site_nouns_that_name_no_site(extract: Callable[..., Document], text: str, name: str) -> None:
    assert name not in _places(extract(text))
