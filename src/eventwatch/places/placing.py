"""Where a resolved or unknown toponym is put: the document's towns, its main place, strays.

Shared by the resolver: the choice record, distances, and the kinds of place that count as towns.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import PlaceMention, Span
from .gazetteer import Candidate
from .mentions import Mention

__all__ = [
    "FINE",
    "NEARBY_KM",
    "STRAY_KM",
    "TOWNS",
    "Choice",
    "drop_strays",
    "km",
    "main_place",
    "near_town",
    "place_mention",
    "town_in_name",
]

NEARBY_KM = 250.0
FINE = {
    "city": 0,
    "landmark": 0,
    "airport": 0,
    "admin2": 1,
    "admin1": 2,
    "region": 3,
    "sea": 3,
    "country": 4,
    "continent": 5,
}


@dataclass(slots=True)
class Choice:
    """A mention's chosen gazetteer entry (None: unresolved), its score, why, and its lead over the next."""

    candidate: Candidate | None
    score: float
    reason: str
    margin: float


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


_STRAY_POPULATION = 10_000
# A name inside a longer name or a building's name is a stray up to this size.
_STRAY_IN_NAME_POPULATION = 200_000
STRAY_KM = 1_000.0


def drop_strays(choices: list[Choice], beside: Sequence[object | None], mentions: Sequence[Mention]) -> None:
    """Unresolve villages far from all of the document's other towns.

    "Washington Square" in a report about New Orleans is a square there, not the hamlet of
    that name 1,500 km away: with two or more other towns in the text and none within
    ``STRAY_KM``, a village with nothing named beside it is better placed by the towns around
    it. A town's name inside a longer name ("the Marigny Plantation", "a Carnegie Library")
    or a building's is a stray up to a town of 200,000: such names are so often a person's
    or a word's. Not a body named after a famous town ("Cambridge Analytica").
    """
    towns = [
        (i, c.candidate)
        for i, c in enumerate(choices)
        if c.candidate is not None and c.candidate.feature in TOWNS
    ]
    in_name = [m.source in ("embedded", "facility") and not m.named_after for m in mentions]
    for i, found in towns:
        limit = _STRAY_IN_NAME_POPULATION if in_name[i] else _STRAY_POPULATION
        if found.feature != "city" or found.population >= limit or beside[i] is not None:
            continue
        # Two strays do not vouch for each other ("Carnegie" and "Washington Square" in New
        # Orleans): a small town inside a longer name does not count as a neighbour.
        others = {
            (o.lat, o.lon)
            for j, o in towns
            if j != i and o.id != found.id and not (in_name[j] and o.population < _STRAY_IN_NAME_POPULATION)
        }
        if len(others) >= 2 and all(km(found.lat, found.lon, lat, lon) > STRAY_KM for lat, lon in others):
            choices[i] = Choice(None, 0.0, "a village far from the document's other places", 0.0)


def near_town(
    mention: Mention,
    mentions: list[Mention],
    choices: list[Choice],
    sentences: list[Span],
    anchor: Candidate | None,
) -> Candidate | None:
    """The closest town (else province) resolved in the sentence of an unresolved ``mention``.

    Not a town far from the place the document is about (``anchor``): in a report on New
    Orleans, "Royal Street at Washington Square" is a street there, not by the hamlet called
    Washington Square 1,700 km away that the name happened to resolve to.
    """
    sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
    if sentence is None:
        return None
    best: tuple[int, Candidate] | None = None
    for other, choice in zip(mentions, choices, strict=True):
        found = choice.candidate
        if found is None or other.source == "demonym" or not (sentence.start <= other.start < sentence.end):
            continue
        if FINE.get(found.feature, 3) > 2:
            continue
        if (
            anchor is not None
            and anchor.feature in TOWNS
            and km(found.lat, found.lon, anchor.lat, anchor.lon) > STRAY_KM
        ):
            continue
        distance = abs(other.start - mention.start) + 1000 * FINE.get(found.feature, 3)
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def town_in_name(mention: Mention, mentions: list[Mention], choices: list[Choice]) -> Candidate | None:
    """The town the document names elsewhere that an unknown name contains: "Old Town Manassas",
    "Cavan Town Hall", "Lake Whitney" in a report that names Manassas, Cavan or Whitney.

    Only towns resolved in the same document: the text itself says which Manassas it is.
    """
    words = f" {mention.text} "
    best: Candidate | None = None
    longest = 0
    for other, choice in zip(mentions, choices, strict=True):
        found = choice.candidate
        if found is None or other is mention or other.source == "demonym" or found.feature not in TOWNS:
            continue
        if f" {other.text} " in words and len(other.text) > longest:
            best, longest = found, len(other.text)
    return best


def main_place(chosen: list[Candidate]) -> Candidate | None:
    """The place the document is mostly about: the most mentioned, the finest on ties.

    A town counts the mentions of the towns around it too: a report naming New Orleans,
    Lafayette and Franklin is about Louisiana even if a namesake far away is named twice.
    """
    if not chosen:
        return None
    counts = Counter(c.id for c in chosen)
    by_id = {c.id: c for c in chosen}
    towns = [c for c in by_id.values() if c.feature in TOWNS]

    def support(place: Candidate) -> int:
        if place.feature not in TOWNS:
            return counts[place.id]
        return sum(counts[t.id] for t in towns if km(place.lat, place.lon, t.lat, t.lon) < NEARBY_KM)

    return min(by_id.values(), key=lambda c: (-support(c), FINE.get(c.feature, 3), -c.population))


TOWNS = frozenset({"city", "admin2", "landmark", "airport"})


_FOUND_BY = {
    "entity": "named entity",
    "demonym": "demonym",
    "embedded": "name inside a name",
    "gazetteer": "gazetteer name",
    "abbreviation": "state abbreviation",
}


def place_mention(mention: Mention, choice: Choice, anchor: Candidate | None, how: str) -> PlaceMention:
    """The ``PlaceMention`` for a choice; an unresolved one is put at ``anchor`` ("placed at X {how}")."""
    best = choice.candidate
    choice.reason = f"{_FOUND_BY.get(mention.source, mention.source)}: {choice.reason}"
    if best is None:
        if anchor is None:
            return PlaceMention(
                mention.text, mention.start, mention.end, None, None, None, None, reason=choice.reason
            )
        return PlaceMention(
            mention.text,
            mention.start,
            mention.end,
            name=None,
            country=anchor.country,
            lat=anchor.lat,
            lon=anchor.lon,
            admin1=anchor.admin1,
            feature=mention.feature if mention.feature not in (None, "container") else "local",
            reason=f"{_FOUND_BY.get(mention.source, mention.source)}: not in the gazetteer; "
            f"placed at {anchor.name} {how}",
        )
    feature = best.feature if mention.feature in (None, "container") else mention.feature
    return PlaceMention(
        mention.text,
        mention.start,
        mention.end,
        name=best.name,
        country=best.country,
        lat=best.lat,
        lon=best.lon,
        admin1=best.admin1,
        geonameid=best.geonameid,
        feature=feature if feature == "border" else best.feature,
        reason=choice.reason,
        population=best.population,
    )
