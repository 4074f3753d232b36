"""Pairwise decisions: may two mentions be one event, and how strong is the evidence?

Hard conflicts (type, status, dates, places, agents) make a pair *incompatible*: it can never
share an event. Compatible pairs get a score from dates, places, wording, actors and numbers;
they *link* at the threshold. Every function here is pure and symmetric, which is what makes
the clustering independent of ingest order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from .model import Decision, Mention
from .rules import Rules

__all__ = ["Features", "compare", "distance_km", "features", "norm", "text_similarity", "tokens", "window"]

# Two different named towns within a city radius: compatible only when the pair links outright.
OTHER_TOWN = "different towns, wording not close enough"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUFFIXES = ("ings", "ing", "ed", "es", "s")


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(stop words, capitalised words that are not names) from the built-in rules file."""
    data = yaml.safe_load(resources.files("eventwatch.data").joinpath("dedup.yaml").read_text("utf-8"))
    return frozenset(str(data["stopwords"]).split()), frozenset(str(data["plain_capitalised"]).split())


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # A crude suffix strip so 'shelled', 'shelling' and 'shells' meet; good enough for overlap.
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str, *, name_weight: float = 2.0) -> dict[str, float]:
    """The content words of ``text`` with weights: lower-cased, stop words dropped, suffixes stripped.

    Capitalised words after the first (names) and numbers weigh ``name_weight``: they tell
    events apart far better than common words.
    """
    stop, plain = _word_lists()
    words: dict[str, float] = {}
    for n, raw in enumerate(_WORD.findall(text)):
        word = raw.lower()
        if word in stop or (len(word) < 2 and not word.isdigit()):
            continue
        named = raw.isdigit() or (n > 0 and raw[0].isupper() and word not in plain)
        weight = name_weight if named else 1.0
        stem = _stem(word)
        if words.get(stem, 0.0) < weight:
            words[stem] = weight
    return words


def norm(words: dict[str, float]) -> float:
    """The Euclidean length of a weighted bag of words."""
    return math.sqrt(sum(w * w for w in words.values()))


def text_similarity(
    a: dict[str, float], b: dict[str, float], *, norm_a: float | None = None, norm_b: float | None = None
) -> float:
    """Cosine of two weighted bag-of-words vectors (0 when either is empty)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(w * large[word] for word, w in small.items() if word in large)
    if not shared:
        return 0.0
    return shared / ((norm_a or norm(a)) * (norm_b or norm(b)))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _ordinal(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Features:
    """A mention prepared once for many comparisons."""

    mention: Mention
    group: str
    status_group: int
    lo: int | None
    hi: int | None
    tolerance: int
    exact_day: bool
    radius: float | None
    words: dict[str, float]
    norm: float
    agent_countries: frozenset[str]
    agent_sectors: frozenset[str]
    agents: frozenset[tuple[str | None, str | None]]


def window(mention: Mention, rules: Rules) -> tuple[int | None, int | None, int]:
    """(first day, last day, tolerance in days) of ``mention`` as day ordinals; None when undatable.

    An undated mention gets the days before its publication date, with no tolerance.
    """
    lo, hi = _ordinal(mention.date_start), _ordinal(mention.date_end or mention.date_start)
    tolerance = rules.date_tolerance.get(mention.precision, 0)
    if lo is None:
        published = _ordinal(mention.published)
        if published is not None:
            lo, hi, tolerance = published - rules.undated_days, published, 0
    if lo is not None and (hi is None or hi < lo):
        hi = lo
    return lo, hi, tolerance


def features(mention: Mention, rules: Rules) -> Features:
    """Prepare ``mention``: its day window, place radius, content words and agent codes."""
    lo, hi, tolerance = window(mention, rules)
    radius = None
    vague = mention.feature in rules.country_only_features or not mention.place
    if mention.country and (vague or mention.lat is None):
        radius = math.inf
    elif mention.lat is not None and mention.lon is not None:
        radius = rules.place_radius_km.get(mention.feature or "city", rules.place_radius_km["city"])
    agents = [actor for actor in mention.actors if actor.role == "agent"]
    words = tokens(" ".join(filter(None, (mention.text, mention.place))), name_weight=rules.name_weight)
    return Features(
        mention=mention,
        group=rules.type_group(mention.type),
        status_group=rules.status_groups.get(mention.status, -1),
        lo=lo,
        hi=hi,
        tolerance=tolerance,
        exact_day=mention.precision == "day" and lo == hi and mention.date_start is not None,
        radius=radius,
        words=words,
        norm=norm(words),
        agent_countries=frozenset(a.country for a in agents if a.country),
        agent_sectors=frozenset(rules.sector_groups.get(a.sector, a.sector) for a in agents if a.sector),
        agents=frozenset((a.country, a.sector) for a in agents if a.country and a.sector),
    )


def _no(reason: str) -> Decision:
    return Decision(compatible=False, score=0.0, link=False, reason=reason)


def _renamed(ma: Mention, mb: Mention, conflict: str, rules: Rules) -> tuple[str | None, float]:
    """A place conflict, unless both name the same town: then the gazetteer resolved one name two
    ways (Pokrovsk in Ukraine or in Russia) and the name is trusted over the coordinates."""
    names = (ma.place or "").casefold(), (mb.place or "").casefold()
    if names[0] and names[0] == names[1] and "country" not in (ma.feature, mb.feature):
        return None, rules.weights["place_near"]
    return conflict, 0.0


def _place(a: Features, b: Features, rules: Rules) -> tuple[str | None, float]:
    """(conflict reason or None, place score); ``OTHER_TOWN`` is a conflict only for a weak pair."""
    ma, mb = a.mention, b.mention
    w = rules.weights
    if ma.country and mb.country and ma.country != mb.country:
        return _renamed(ma, mb, "different countries", rules)
    if a.radius is None or b.radius is None:
        return None, 0.0
    if math.isinf(a.radius) or math.isinf(b.radius):
        both_country = math.isinf(a.radius) and math.isinf(b.radius)
        return None, w["place_near"] if both_country else w["place_country"]
    assert ma.lat is not None and ma.lon is not None and mb.lat is not None and mb.lon is not None
    km = distance_km(ma.lat, ma.lon, mb.lat, mb.lon)
    if km > max(a.radius, b.radius):
        return _renamed(ma, mb, f"places {km:.0f} km apart", rules)
    same = (ma.geonameid is not None and ma.geonameid == mb.geonameid) or km <= rules.same_place_km
    if same:
        return None, w["place_same"]
    city = rules.place_radius_km["city"]
    if a.radius <= city and b.radius <= city:
        return OTHER_TOWN, w["place_other_town"]
    return None, w["place_near"]


def compare(a: Features, b: Features, rules: Rules) -> Decision:
    """Decide whether ``a`` and ``b`` may be one event and score the evidence that they are."""
    ma, mb = a.mention, b.mention
    if not rules.types_compatible(ma.type, mb.type):
        return _no("different types")
    if a.status_group != b.status_group and -1 not in (a.status_group, b.status_group):
        return _no("different status")
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return _no("no date")
    gap = max(a.lo, b.lo) - min(a.hi, b.hi)
    if gap > max(a.tolerance, b.tolerance):
        return _no(f"dates {gap} days apart")
    conflict, place = _place(a, b, rules)
    if conflict and conflict != OTHER_TOWN:
        return _no(conflict)
    if a.agent_countries and b.agent_countries and not a.agent_countries & b.agent_countries:
        return _no("agents of different countries")
    # Different but compatible types have different agents (protesters; the police firing on them).
    if ma.type == mb.type and a.agent_sectors and b.agent_sectors and not a.agent_sectors & b.agent_sectors:
        return _no("agents of different sectors")
    w = rules.weights
    parts: dict[str, float] = {}
    if a.exact_day and b.exact_day and a.lo == b.lo:
        parts["date"] = w["date_same_day"]
    elif gap <= 0:
        parts["date"] = w["date_overlap"]
    else:
        parts["date"] = 0.0
    parts["place"] = place
    parts["text"] = round(w["text"] * text_similarity(a.words, b.words, norm_a=a.norm, norm_b=b.norm), 3)
    parts["actors"] = w["actors_agree"] if a.agents & b.agents else 0.0
    numbers = ((ma.fatalities, mb.fatalities), (ma.participants, mb.participants), (ma.injured, mb.injured))
    same_number = any(x is not None and x == y for x, y in numbers)
    parts["numbers"] = w["numbers_agree"] if same_number else 0.0
    if ma.type != mb.type:
        parts["type"] = -rules.compatible_penalty
    score = round(sum(parts.values()), 3)
    if conflict and score < rules.threshold:
        return _no(conflict)
    return Decision(compatible=True, score=score, link=score >= rules.threshold, parts=parts)
