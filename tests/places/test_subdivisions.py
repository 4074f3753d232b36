"""ISO 3166-2 names for admin1 areas: matching on hand-built areas, names, and the pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.document import Document
from eventwatch.places.subdivisions import (
    Area,
    Match,
    Subdivision,
    better_point,
    english_names,
    match_country,
    name_key,
    names_for,
    point_shares,
    usable_names,
)


def _grid(lat: float, lon: float, n: int = 6) -> tuple[tuple[float, float], ...]:
    """Towns spread 0.1 degree apart around a point."""
    return tuple((lat + 0.1 * (i % 3), lon + 0.1 * (i // 3)) for i in range(n))


# Two made-up provinces side by side, 3 degrees apart.
NORTH = Area("01", "Nord Alpha", _grid(10.0, 20.0))
SOUTH = Area("02", "Betaland", _grid(7.0, 20.0))


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ("Луганщина (ukr), Luhansk (eng), Luhan (eng)", ["Luhansk", "Luhan"]),
        ("Dawn of Ukraine (eng), Eastern gate of Ukraine (eng)", []),
        ("The Power State (eng), Northwest (eng), YGN (eng)", []),
        ("Benadir (ita), Middle Juba (eng)", ["Middle Juba"]),
        (None, []),
    ],
)
def test_english_names_keep_names_not_slogans(other: str | None, expected: list[str]) -> None:
    assert english_names(other) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Donetska oblast", "donetska"),
        ("Sokoto State", "sokoto"),
        ("Région", "region"),
        ("Nord-Kivu", "nord kivu"),
    ],
)
def test_name_key_drops_kind_words(name: str, key: str) -> None:
    assert name_key(name) == key


def test_point_shares_vote_for_the_area_around_the_centre() -> None:
    sub = Subdivision("XX-N", "North Alpha", "Province", 10.05, 20.05)
    shares = point_shares(sub, [NORTH, SOUTH])
    # Six of North's towns vote; the seventh nearest is South's, too far to vote.
    assert shares["01"] == pytest.approx(sum(1 / r for r in range(1, 7)) / sum(1 / r for r in range(1, 8)))
    assert "02" not in shares
    far = Subdivision("XX-F", "Far", "Province", 40.0, 60.0)
    assert point_shares(far, [NORTH, SOUTH]) == {}


def test_match_by_name_and_by_point_one_to_one() -> None:
    subs = [
        Subdivision("XX-B", "Betaland", "Province", 7.1, 20.1),
        # Spelt alike and lying in the area: matched though the names differ.
        Subdivision("XX-N", "Nord-Alfa", "Province", 10.1, 20.1, ("North Alpha",)),
    ]
    matches = {m.subdivision.code: m for m in match_country(subs, [NORTH, SOUTH])}
    assert matches["XX-B"].area.key == "02" and matches["XX-B"].how == "name and point"
    assert matches["XX-N"].area.key == "01" and matches["XX-N"].how == "point"


def test_a_point_in_another_area_does_not_match_by_point_alone() -> None:
    # The centre lies among South's towns, the name is nothing like either area's.
    sub = Subdivision("XX-Z", "Zeta", "Province", 7.05, 20.05)
    only_south = [SOUTH, Area("03", "Gamma", _grid(0.0, 0.0))]
    matches = match_country([sub], only_south)
    # 100% of the towns around it are South's and South's towns lie nearest it: a match.
    assert [m.area.key for m in matches] == ["02"]
    # With a weaker point (half the towns) and no likeness of names: none.
    half = Area("04", "Delta", _grid(7.0, 20.3))
    assert match_country([Subdivision("XX-Z", "Zeta", "Province", 7.1, 20.2)], [SOUTH, half]) == []


def test_a_centre_among_no_towns_matches_a_name_spelt_alike() -> None:
    northern = Area("55", "Northern Zeta", _grid(0.0, 0.0))
    western = Area("47", "Western Zeta", _grid(5.0, 5.0))
    subs = [Subdivision("XX-N", "North Zeta", "State", 40.0, 40.0)]
    assert [(m.area.key, m.how) for m in match_country(subs, [northern, western])] == [("55", "name")]


def test_names_for_adds_iso_english_and_kind_forms() -> None:
    sub = Subdivision("UA-14", "Donetska oblast", "Region", 48.0, 37.8, ("Donetsk", "Donechchyna"))
    area = Area("05", "Donetsk", _grid(48.0, 37.8))
    names = names_for(Match(sub, area, "name and point"))
    assert names[0] == "Donetsk"
    for expected in ("Donetska oblast", "Donetska", "Donetsk Oblast", "Donetsk Region"):
        assert expected in names


def test_names_for_leaves_town_names_to_towns() -> None:
    sub = Subdivision("XX-K", "Kyivska oblast", "Region", 50.2, 30.5, ("Kyiv",))
    area = Area("13", "Kiev", _grid(50.2, 30.5))
    names = names_for(Match(sub, area, "point"), towns={"kyiv": frozenset({"12"})})
    assert "Kyiv" not in names
    assert "Kyiv Oblast" in names and "Kyiv Region" in names


def test_display_name_of_a_shared_area_is_the_iso_name() -> None:
    sub = Subdivision("CD-HK", "Haut-Katanga", "Province", -10.6, 27.6, ("Upper Katanga",))
    area = Area("14", "Katanga", _grid(-10.6, 27.6))
    assert names_for(Match(sub, area, "point"), shared=True)[0] == "Haut-Katanga"
    assert names_for(Match(sub, area, "point"), shared=False)[0] == "Katanga"


def test_generic_and_translated_names_are_not_bare_names() -> None:
    sub = Subdivision("XX-C", "Centre-Sud", "Region", 11.6, -1.3, ("South Central",))
    area = Area("07", "Centre-Sud", _grid(11.6, -1.3))
    assert "South Central" not in english_names("South Central (eng)")
    white = Subdivision("RO-AB", "Alba", "Department", 46.1, 23.5, ("White",))
    assert usable_names(white, "Alba") == []
    assert "Centre-Sud Region" in names_for(Match(sub, area, "name"))


@pytest.mark.parametrize(
    ("text", "name", "feature", "country"),
    [
        ("Fighting spread across Sagaing Region last week.", "Sagaing Region", "admin1", "MMR"),
        ("Rebels overran a camp in North Kivu province on Tuesday.", "North Kivu", "admin1", "COD"),
        ("Artillery hit several villages in Donetsk Oblast overnight.", "Donetsk Oblast", "admin1", "UKR"),
        ("Gunmen abducted farmers in Sokoto State, police said.", "Sokoto State", "admin1", "NGA"),
        ("Traders protested in the city of Sokoto on Friday.", "Sokoto", "city", "NGA"),
        ("Officials in Kyiv said the talks had stalled.", "Kyiv", "city", "UKR"),
    ],
)
def test_pipeline_reads_modern_province_names(
    extract: Callable[..., Document], text: str, name: str, feature: str, country: str
) -> None:
    places = extract(text).to_contract()["places"]
    found = [p for p in places if p["text"].startswith(name.split()[0])]
    assert found, places
    assert (found[0]["feature"], found[0]["country"]) == (feature, country)


@pytest.mark.parametrize(
    ("ours", "iso", "expected"),
    [
        # A middle thrown 1,800 km out to sea by an island: the ISO centre.
        ((-30.4, -90.0), (-32.6, -70.9), (-32.6, -70.9)),
        # A province whose towns crowd into one corner, 360 km from its centre: the centre.
        ((51.0, -122.5), (53.7, -124.9), (53.7, -124.9)),
        # An archipelago's middle 225 km from the ISO centre on its largest island: the middle stays.
        ((20.6, -157.3), (19.6, -155.4), (20.6, -157.3)),
        ((48.0, 37.7), None, (48.0, 37.7)),
    ],
)
def test_better_point_only_replaces_a_middle_far_off(
    ours: tuple[float, float], iso: tuple[float, float] | None, expected: tuple[float, float]
) -> None:
    assert better_point(ours, iso) == expected
