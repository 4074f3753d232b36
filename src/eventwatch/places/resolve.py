"""Resolving toponym mentions to gazetteer entries, with the reason for each choice.

Two passes: the first scores each mention's candidates (``scoring.py``) without context and
finds the document's countries, towns and provinces from the choices that need none; the
second scores again with them. A mention the gazetteer does not know (a street, a building)
is placed at a town its name contains, the place named right after it ("in X"), a town of
its sentence, or the place the document is mostly about, and says which.
"""

from __future__ import annotations

from collections import Counter

from ..countries import fold
from ..document import PlaceMention, Span
from .candidates import CandidateFinder
from .gazetteer import Candidate, Gazetteer
from .mentions import Mention
from .neighbours import after_direction, continues_town_list, listed_with, short_forms
from .placing import (
    TOWNS,
    Choice,
    drop_strays,
    km,
    main_place,
    near_town,
    place_mention,
    town_in_name,
)
from .scoring import Area, Context, choose
from .short_forms import choose_readings

__all__ = ["Resolver"]

# How large a city must be for an unknown name containing its name to be placed there.
_CITY_IN_NAME_POPULATION = 500_000
# "Washington Township", "Washington Square", "Berlin Street": named after the city, not in it.
_NAMESAKE_AREA_WORDS = frozenset(
    {"township", "county", "parish", "borough", "district", "heights", "park"}
    | {"square", "street", "avenue", "road", "boulevard", "place"}
)
_ENVOY_WORDS = frozenset({"embassy", "consulate", "mission", "delegation", "ambassador"})

# How far from a county's or a region's point a town in it may lie.
_AREA_RADIUS_KM = {"admin2": 80.0, "region": 250.0}


class Resolver:
    """Resolves the mentions of one document against a gazetteer."""

    def __init__(
        self, gazetteer: Gazetteer, *, preferred: dict[str, int], abbreviations: dict[str, str] | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self.preferred = {fold(name): geonameid for name, geonameid in preferred.items()}
        self.finder = CandidateFinder(gazetteer, abbreviations)

    def _choose(
        self, mention: Mention, pool: tuple[Candidate, ...], beside: Area | None, context: Context
    ) -> Choice:
        return choose(mention, pool, beside, context, preferred=self.preferred, within=self._within)

    def resolve(
        self, mentions: list[Mention], text: str, *, sentences: list[Span] | None = None
    ) -> list[PlaceMention]:
        """A ``PlaceMention`` for every mention, resolved where the gazetteer knows it."""
        pools = [self.finder.find(m, text) for m in mentions]
        beside = [self._beside(i, mentions, pools, text) for i in range(len(mentions))]
        for i in range(1, len(mentions)):
            # "Tacoma, Washington": the second of "place, place" is the area the first lies in.
            if beside[i - 1] is not None and mentions[i].feature is None:
                mentions[i].feature = "container"
        first = [
            self._choose(m, pool, b, Context(Counter(), []))
            for m, pool, b in zip(mentions, pools, beside, strict=True)
        ]
        countries: Counter[str] = Counter()
        for choice in first:
            if choice.candidate and choice.candidate.country and choice.margin >= 1.0:
                countries[choice.candidate.country] += 1
        points = [
            (c.candidate.lat, c.candidate.lon)
            for c in first
            if c.candidate and c.margin >= 1.0 and c.candidate.feature in TOWNS
        ]
        # "Shelby" in a report that names Montana is the Shelby in Montana.
        named_by: dict[str, set[str]] = {}  # admin1 -> the words that named it
        for m, c in zip(mentions, first, strict=True):
            if c.candidate and c.candidate.feature == "admin1" and c.margin >= 1.0:
                named_by.setdefault(fold(c.candidate.name), set()).add(fold(m.text))
        final = []
        for index, (mention, pool, near, choice) in enumerate(
            zip(mentions, pools, beside, first, strict=True)
        ):
            # A mention's own first guess does not vote for itself.
            others = countries.copy()
            own = choice.candidate
            if own is not None and own.country and choice.margin >= 1.0:
                others[own.country] -= 1
            mine = (own.lat, own.lon) if own is not None else None
            # The area named after it ("..., D.C.") says more than the list it stands in.
            listed = frozenset() if near else listed_with(index, mentions, first, text)
            if after_direction(text, mention.start):
                # "central Washington", "northern Georgia": a part of an area, not of a town.
                listed |= {"admin1", "country"}
            # Provinces named by other words than this mention's: "Santa Barbara" does not
            # vote for the province of that name by being read so once.
            admin1s = frozenset(name for name, words in named_by.items() if words - {fold(mention.text)})
            context = Context(+others, [p for p in points if p != mine], listed, admin1s)
            final.append(self._choose(mention, pool, near, context))
        for i in short_forms(mentions, pools, final):
            final[i] = self._choose(mentions[i], pools[i], beside[i], Context(Counter(), []))
            final[i].reason += "; short for an area the text names in full"
        choose_readings(mentions, pools, final)
        drop_strays(final, beside, mentions)
        # Demonyms ("French engineers") say little about where the text is: not anchors.
        literal = [
            c.candidate for m, c in zip(mentions, final, strict=True) if c.candidate and m.source != "demonym"
        ]
        anchor = main_place(literal or [c.candidate for c in final if c.candidate])
        places = []
        for index, (mention, choice) in enumerate(zip(mentions, final, strict=True)):
            local, how = None, "nearby in the text"
            area = self._outside(choice, beside[index], final[index + 1] if index + 1 < len(final) else None)
            if area is not None:
                # "Rockingham, Northamptonshire" where the gazetteer has only namesakes
                # elsewhere: the text says where it is, the namesake is wrong.
                choice = Choice(None, 0.0, f"no {mention.text} in {area.name} in the gazetteer", 0.0)
                local, how = area, "named beside it"
            if choice.candidate is None and local is None:
                local = town_in_name(mention, mentions, final) or self._city_in_name(mention.text)
                if local is not None:
                    how = "named in it"
                elif (local := _in_place_after(index, mentions, final, text)) is not None:
                    how = "named after it"
                else:
                    local = near_town(mention, mentions, final, sentences or [], anchor) or anchor
            places.append(place_mention(mention, choice, local, how))
        return places

    def _city_in_name(self, name: str) -> Candidate | None:
        """A large city or a country that an unknown name contains: "British Embassy Tokyo",
        "Aleppo Central Prison", "Nazi Germany". Large cities only: a village's name is too
        often an ordinary word. Not the country an embassy speaks for ("the Embassy of
        Armenia" stands in another country)."""
        words = name.split()
        envoy = any(word.lower() in _ENVOY_WORDS for word in words)
        found: list[Candidate] = []
        for size in range(min(3, len(words) - 1), 0, -1):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i : i + size])
                after = words[i + size].lower() if i + size < len(words) else ""
                # "Washington Township" is a township named after, not in, Washington.
                if part[:1].isupper() and after not in _NAMESAKE_AREA_WORDS:
                    found.extend(
                        c
                        for c in self.gazetteer.lookup(part)
                        if c.main
                        and (
                            (c.feature == "city" and c.population >= _CITY_IN_NAME_POPULATION)
                            or (c.feature == "country" and fold(c.name) == fold(part) and not envoy)
                        )
                    )
            if found:
                return max(found, key=lambda c: c.population)
        return None

    def _beside(
        self, index: int, mentions: list[Mention], pools: list[tuple[Candidate, ...]], text: str
    ) -> Area | None:
        """The area (admin1, country, county, region) right after ``mentions[index]`` and a comma.

        Not when the pair stands in a list of towns: in "Washington, New York and Boston"
        New York is the third city, not the state Washington lies in.
        """
        if index + 1 >= len(mentions):
            return None
        nxt = mentions[index + 1]
        if text[mentions[index].end : nxt.start].strip() != ",":
            return None
        if nxt.region is not None and nxt.source == "abbreviation":
            return Area(nxt.region)
        if continues_town_list(index + 1, mentions, pools, text):
            return None
        areas = [c for c in pools[index + 1] if c.main and c.feature in ("admin1", "country")]
        if areas:
            return Area(areas[0].name)
        for candidate in pools[index + 1]:
            if candidate.main and candidate.feature in _AREA_RADIUS_KM:
                return Area(
                    candidate.name, (candidate.lat, candidate.lon), _AREA_RADIUS_KM[candidate.feature]
                )
        return None

    def _outside(self, choice: Choice, area: Area | None, next_choice: Choice | None) -> Candidate | None:
        """The area named beside a place when the place chosen for it lies outside that area."""
        # Counties and regions only, matched by distance: a state or a country named beside
        # a town may be a list ("Saipan, Guam, Alaska") or spelt apart from the town's admin1
        # ("Washington, D.C.").
        if area is None or area.point is None or choice.candidate is None or next_choice is None:
            return None
        container = next_choice.candidate
        if container is None or container.feature not in ("admin2", "region"):
            return None
        if self._within(choice.candidate, area) or choice.candidate.feature not in TOWNS:
            return None
        return container

    def _within(self, candidate: Candidate, area: Area) -> bool:
        """Whether ``candidate`` lies in ``area``: by its admin1 or country name, else by distance."""
        folded = fold(area.name)
        if fold(candidate.admin1 or "") == folded or fold(self._country_name(candidate)) == folded:
            return True
        return (
            area.point is not None
            and candidate.feature in TOWNS
            and km(candidate.lat, candidate.lon, *area.point) <= area.radius_km
        )

    def _country_name(self, candidate: Candidate) -> str:
        if candidate.country is None:
            return ""
        country = self.gazetteer.country(candidate.country)
        return country.name if country else ""


def _in_place_after(
    index: int, mentions: list[Mention], choices: list[Choice], text: str
) -> Candidate | None:
    """The place right after an unknown name and "in": "Le Bernardin in New York", "the Museum
    of Ice Cream on Collins Avenue in Miami Beach". The text says where it is, whatever the
    document is mostly about."""
    if index + 1 >= len(mentions):
        return None
    between = text[mentions[index].end : mentions[index + 1].start]
    found = choices[index + 1].candidate
    if between not in (" in ", ", in ") or found is None or mentions[index + 1].source == "demonym":
        return None
    return found
