"""Airports for the gazetteer: the names news text uses for them, from ``airportsdata``.

``airportsdata`` (MIT, Mike Borsetti; includes data from mwgg/Airports, MIT) lists the
world's airfields with ICAO and IATA codes, official names, cities and points. Only airports
with an IATA code are read: the code marks a field with scheduled or notable traffic, and
leaves out thousands of private strips whose names would rival real places (a ranch strip
called "Heathrow Airport").

An official name is rarely the one the news uses: "London Heathrow Airport" is "Heathrow
Airport" or "Heathrow", "Amsterdam Airport Schiphol" is "Schiphol". The rules below derive
those forms; they are pure functions of the name and the place names it may start with.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import airportsdata

from ..countries import fold

if TYPE_CHECKING:
    from .sources import PlaceRecord

__all__ = ["AirportNames", "airport_names", "airport_records", "bare_name_allowed", "expand_name"]

# Abbreviations in official names ("Ronald Reagan Washington Ntl Airport").
_ABBREVIATIONS = {"Intl": "International", "Int'l": "International", "Ntl": "National", "Apt": "Airport"}
# Words between a name and "Airport" that say what kind of airport it is, not which.
_QUALIFIERS = frozenset(
    {"International", "National", "Regional", "Municipal", "Domestic", "Intercontinental", "Metropolitan"}
)
# Other kinds of airfield: their names are kept whole, and their bare name found as for airports.
_KINDS = ("Air Force Base", "Air Base", "Airbase", "Airfield", "Aerodrome", "Air Station")
# Words that alone name no particular airport: "London City Airport" must not make "City" one.
_GENERIC = frozenset(
    {
        "air",
        "airport",
        "base",
        "capital",
        "central",
        "city",
        "county",
        "downtown",
        "east",
        "executive",
        "field",
        "international",
        "island",
        "lake",
        "memorial",
        "metropolitan",
        "municipal",
        "national",
        "new",
        "north",
        "regional",
        "river",
        "south",
        "state",
        "valley",
        "west",
        "bay",
        "community",
        "range",
        "mine",
        "park",
        "station",
        "the",
    }
)
_SEPARATORS = re.compile(r"^(?:\s*[-–/]\s*|\s+)")
_PARENTHESES = re.compile(r"\s*\(([^()]*)\)")
# A city field that is one plain name ("Mogadishu"), not "Arnavutköy, Istanbul" or "Metz/Frescaty".
_CITY = re.compile(r"[^\W\d_](?:[^\W\d_]|[' .-])*")


@dataclass(slots=True)
class AirportNames:
    """The names derived from an official airport name: full forms and bare distinctive words."""

    names: list[str] = field(default_factory=list)
    bare: list[str] = field(default_factory=list)


def expand_name(name: str) -> tuple[str, list[str]]:
    """The name with abbreviations spelled out and bracketed parts removed, and those parts.

    ``"Leonardo Da Vinci (Fiumicino) International Airport"`` gives
    ``("Leonardo Da Vinci International Airport", ["Fiumicino"])``.
    """
    inner = [part.strip() for part in _PARENTHESES.findall(name)]
    plain = _PARENTHESES.sub("", name)
    words = [_ABBREVIATIONS.get(word, word) for word in plain.split()]
    # Only a bracketed word or two of letters is another name of the airport ("(Deurne)"),
    # not "(BA 128)" or "(coordinates)".
    others = [p for p in inner if p and p[0].isupper() and len(p.split()) <= 2 and not re.search(r"\d", p)]
    return " ".join(words), others


def _strip_place(head: str, places: Container[str]) -> tuple[str, str]:
    """Split a leading place name off ``head``: ``("London", "Heathrow")``; ``("", head)`` if none."""
    if fold(head) in places:
        return head, ""
    words = head.split()
    for size in range(min(4, len(words)), 0, -1):
        prefix = " ".join(words[:size])
        # A hyphen or slash may glue the place to the rest: "Stockholm-Arlanda", "Dhaka / Shahjalal".
        for piece in (prefix, *re.split(r"[-–/]", prefix)[:1]):
            if piece and piece != head and fold(piece) in places:
                rest = _SEPARATORS.sub("", head[len(piece) :], count=1).strip(" -–/")
                return piece, rest
    return "", head


def airport_names(
    name: str, *, places: Container[str], nearby: Container[str] = (), city: str = ""
) -> AirportNames:
    """The forms of an airport's official ``name`` that news text uses.

    ``places`` holds the folded names of the places the name may start with (the airport's
    city, the large towns and provinces of its country); ``nearby`` those of the towns
    around the airport, which may name it ("London Luton Airport" is "Luton Airport", but
    "Manchester-Boston Regional Airport" is no "Boston Airport"). Full forms: the official name,
    without a leading place name ("Heathrow Airport"), with and without "International".
    Bare forms (``bare``): the distinctive words ("Heathrow", "Schiphol"), for the caller to
    admit as alternates only where they name no town. An airport named after a place only
    ("Manchester Airport", "Kharkiv International Airport") gets no bare form. The ``city``
    it serves names it too ("Mogadishu Airport" for Aden Adde International Airport): the
    caller drops such a name where two airports serve the city.
    """
    plain, others = expand_name(name)
    result = AirportNames(names=list(dict.fromkeys([name, plain])))
    kind = next((k for k in _KINDS if plain.endswith(" " + k)), None)
    if kind is not None:
        head, tail = plain[: -len(kind) - 1], ""
    elif plain.endswith(" Airport"):
        kind, head, tail = "Airport", plain[: -len(" Airport")], ""
    elif " Airport " in plain:
        # "Amsterdam Airport Schiphol", "Tirana International Airport Mother Teresa".
        kind = "Airport"
        head, _, tail = plain.partition(" Airport ")
    else:
        return result
    words = head.split()
    qualifier = ""
    while words and words[-1] in _QUALIFIERS:
        last = words.pop()
        qualifier = qualifier or last
    head = " ".join([*words, tail]).strip()
    if not head:
        return result
    _, core = _strip_place(head, places)
    forms = [f"{head} {kind}"]
    if kind == "Airport" and qualifier in ("", "International"):
        forms.append(f"{head} International Airport")
    generic = all(fold(word) in _GENERIC for word in core.split())
    if core and not generic and (fold(core) not in places or fold(core) in nearby):
        forms.append(f"{core} {kind}")
        if kind == "Airport" and qualifier == "International":
            forms.append(f"{core} International Airport")
        result.bare.append(core)
    if kind == "Airport" and _CITY.fullmatch(city):
        forms.append(f"{city} Airport")
        if qualifier == "International":
            forms.append(f"{city} International Airport")
    for other in others:
        forms.append(f"{other} {kind}")
        result.bare.append(other)
    result.names = list(dict.fromkeys([*result.names, *forms]))
    return result


def bare_name_allowed(bare: str, *, towns: Container[str]) -> bool:
    """Whether a bare airport name ("Heathrow") may be an alternate name of the airport.

    Not when it is a town's or an area's name (``towns`` holds their folded names: "Luton"
    stays the town), a generic word ("Capital", "City"), a code, or too long to be one name.
    """
    words = bare.split()
    key = fold(bare)
    if not 1 <= len(words) <= 3 or len(key) < 4 or re.search(r"[\d/&]", bare) or "Airport" in words:
        return False
    if not all(word[0].isupper() or word in ("de", "da", "del", "al", "el") for word in words):
        return False
    if key in _GENERIC or all(fold(word) in _GENERIC for word in words):
        return False
    return key not in towns and not bare.isupper()


# A town this large anywhere keeps its name from airports' bare names; smaller namesakes
# abroad (Heathrow, Florida) do not, the resolver's priors settle them.
_TOWN_POPULATION = 15_000
# Towns this large, and provinces, may open an airport's name: "Toronto Pearson".
_PREFIX_POPULATION = 50_000
# Towns this close may name the airport ("London Luton Airport" lies at Luton).
_NEARBY_KM = 30.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


class _Towns:
    """The gazetteer's towns, by name and by one-degree cell, for the airport name rules."""

    def __init__(self, cities: Iterable[dict[str, Any]], admin1_names: dict[tuple[str, str], str]) -> None:
        self.large: set[str] = set()
        self.by_country: dict[str, set[str]] = defaultdict(set)
        self.prefixes: dict[str, set[str]] = defaultdict(set)
        self.cells: dict[tuple[int, int], list[tuple[float, float, str, str | None]]] = defaultdict(list)
        for (cc, _), name in admin1_names.items():
            self.prefixes[cc].add(fold(name))
        for city in cities:
            key, cc, population = fold(city["name"]), city["countrycode"], int(city.get("population") or 0)
            lat, lon = float(city["latitude"]), float(city["longitude"])
            self.by_country[cc].add(key)
            if population >= _TOWN_POPULATION:
                # Their other names too: "Klagenfurt" is Klagenfurt am Wörthersee.
                self.large.add(key)
                # (Latin-script ones only: bare airport names are.)
                self.large.update(fold(n) for n in city.get("alternatenames") or [] if n.isascii())
            if population >= _PREFIX_POPULATION:
                self.prefixes[cc].add(key)
            admin1 = admin1_names.get((cc, city.get("admin1code") or ""))
            self.cells[(math.floor(lat), math.floor(lon))].append((lat, lon, key, admin1))

    def near(self, lat: float, lon: float) -> list[tuple[float, str, str | None]]:
        """(km, folded name, admin1) of the towns within ``_NEARBY_KM``, nearest first."""
        found = []
        # A box first: the great-circle distance of every town in nine cells is the slow part.
        box_lat = _NEARBY_KM / 111.0
        box_lon = box_lat / max(0.01, math.cos(math.radians(lat)))
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for tlat, tlon, key, admin1 in self.cells.get(
                    (math.floor(lat) + dlat, math.floor(lon) + dlon), []
                ):
                    if abs(tlat - lat) > box_lat or abs(tlon - lon) > box_lon:
                        continue
                    km = _km(lat, lon, tlat, tlon)
                    if km <= _NEARBY_KM:
                        found.append((km, key, admin1))
        return sorted(found)


def airport_records(
    *,
    cities: dict[str, dict[str, Any]],
    admin1_names: dict[tuple[str, str], str],
    to_iso3: dict[str, str],
    areas: Container[str],
) -> Iterator[PlaceRecord]:
    """A record for every airport with an IATA code, named as ``airport_names`` says.

    ``areas`` holds the folded names of the gazetteer's countries, provinces and regions.
    A derived name two airports share ("City Airport") is left out: it names neither; so
    is an airport whose every name is a town's ("Kalaburagi"): the town stands for it.
    """
    from .sources import PlaceRecord

    towns = _Towns(cities.values(), admin1_names)
    admin1_by_key: dict[str, dict[str, str]] = defaultdict(dict)
    for (cc, _), name in admin1_names.items():
        admin1_by_key[cc][_loose(name)] = name
    rows = [row for row in airportsdata.load().values() if row["iata"]]
    derived: list[tuple[AirportNames, list[tuple[float, str, str | None]]]] = []
    for row in rows:
        cc, lat, lon = row["country"], float(row["lat"]), float(row["lon"])
        near = towns.near(lat, lon)
        places = _Either(towns.prefixes[cc], {fold(row["city"])})
        nearby = {key for _, key, _ in near}
        derived.append((airport_names(row["name"], places=places, nearby=nearby, city=row["city"]), near))
    shared = Counter(name for names, _ in derived for name in {fold(n) for n in names.names + names.bare})
    for row, (names, near) in zip(rows, derived, strict=True):
        cc = row["country"]
        own = fold(row["name"])
        taken = _Either(towns.large, towns.by_country[cc], areas)
        bare = [b for b in names.bare if shared[fold(b)] == 1 and bare_name_allowed(b, towns=taken)]
        # An official name that is a town's ("Kalaburagi") is left to the town.
        full = [n for n in names.names if (fold(n) == own or shared[fold(n)] == 1) and fold(n) not in taken]
        if not full:
            continue
        yield PlaceRecord(
            name=row["name"],
            country=to_iso3.get(cc),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            feature="airport",
            population=0,
            admin1=admin1_by_key[cc].get(_loose(row["subd"])) or next((a for _, _, a in near if a), None),
            names=full,
            alternates=bare,
        )


def _loose(name: str) -> str:
    """An admin1 name compared loosely: "Lower-Austria" is "Lower Austria"."""
    return fold(name.replace("-", " "))


class _Either:
    """A container holding what any of its parts holds (without copying large sets)."""

    def __init__(self, *parts: Container[str]) -> None:
        self.parts = parts

    def __contains__(self, key: object) -> bool:
        return any(key in part for part in self.parts)
