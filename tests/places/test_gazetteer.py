"""The gazetteer index: built from a tiny hand-made source, looked up without the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwatch.errors import EventwatchError
from eventwatch.places.gazetteer import Gazetteer, build_index, default_path
from eventwatch.places.sources import PlaceRecord

RECORDS = [
    PlaceRecord(
        name="Kraków",
        country="POL",
        lat=50.06,
        lon=19.94,
        feature="city",
        population=800_000,
        admin1="Lesser Poland",
        geonameid=3094802,
        names=["Kraków"],
        alternates=["Cracow", "Krakau"],
    ),
    PlaceRecord(
        name="Poland",
        country="POL",
        lat=52.0,
        lon=20.0,
        feature="country",
        population=38_000_000,
        geonameid=798544,
        names=["Poland", "Republic of Poland"],
    ),
    PlaceRecord(
        name="Springfield",
        country="USA",
        lat=39.8,
        lon=-89.64,
        feature="city",
        population=114_000,
        admin1="Illinois",
        names=["Springfield"],
    ),
    PlaceRecord(
        name="Springfield",
        country="USA",
        lat=37.2,
        lon=-93.3,
        feature="city",
        population=170_000,
        admin1="Missouri",
        names=["Springfield"],
    ),
]


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    return Gazetteer(build_index(path, RECORDS))


@pytest.mark.parametrize("name", ["Kraków", "krakow", "KRAKOW", "Cracow", "krakau"])
def test_lookup_is_case_and_accent_insensitive_with_alternates(gazetteer: Gazetteer, name: str) -> None:
    found = gazetteer.lookup(name)
    assert [c.geonameid for c in found] == [3094802]
    assert found[0].main == (name.lower() in ("kraków", "krakow"))


def test_ambiguous_names_give_every_candidate(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Springfield")
    assert sorted(c.admin1 or "" for c in found) == ["Illinois", "Missouri"]


def test_unknown_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Atlantis") == ()


def test_country_and_stats(gazetteer: Gazetteer) -> None:
    country = gazetteer.country("POL")
    assert country is not None and country.name == "Poland" and country.feature == "country"
    assert gazetteer.country("XXX") is None
    assert gazetteer.lookup("republic of poland")[0].name == "Poland"
    stats = gazetteer.stats()
    assert stats["places"] == 4
    assert stats["names"] == 7
    assert stats["bytes"] > 0


def test_missing_index_is_a_catalogue_error(tmp_path: Path) -> None:
    with pytest.raises(EventwatchError) as caught:
        Gazetteer(tmp_path / "none.sqlite")
    assert caught.value.code == "E502"


def test_build_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    build_index(path, RECORDS[:1])
    build_index(path, RECORDS)
    assert Gazetteer(path).stats()["places"] == 4
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_default_path_honours_the_cache_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTWATCH_CACHE", str(tmp_path))
    path = default_path()
    assert path.parent == tmp_path
    assert path.name.startswith("gazetteer-") and path.suffix == ".sqlite"


def test_middle_keeps_a_thinly_settled_north() -> None:
    from eventwatch.places.sources import _middle

    # 97 southern towns between 42 and 45 degrees, three northern ones: the north still counts.
    south = [42.0 + 3.0 * i / 96 for i in range(97)]
    # Trimming 2% of each end left the middle at 46.0; the last northern town alone goes now.
    assert _middle([*south, 50.0, 52.0, 54.0]) == pytest.approx((42.03125 + 52.0) / 2)
    # One bad point in a hundred and fifty is dropped.
    many = [42.0 + 3.0 * i / 148 for i in range(149)]
    assert _middle([*many, 80.0]) == pytest.approx((42.0 + 45.0) / 2, abs=0.1)


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Province of Batangas", ["Batangas"]),
        ("County of Powys", ["Powys"]),
        ("Provincia di Torino", []),  # would rival the city of Turin as "Torino"
        ("Kent", []),
    ],
)
def test_bare_name_of_a_province(name: str, short: list[str]) -> None:
    from eventwatch.places.sources import _short_admin_name

    assert _short_admin_name(name) == short
