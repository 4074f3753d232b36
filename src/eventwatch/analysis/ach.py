"""Analysis of Competing Hypotheses (Heuer): scoring, diagnosticity and how the ranking moved.

Pure functions over plain records, no storage. The method's rule: the hypothesis with the
least weighted evidence *against* it leads; evidence consistent with every hypothesis proves
nothing, so an item's diagnosticity is how differently it is rated across hypotheses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import pstdev

__all__ = [
    "RATINGS",
    "Ranked",
    "Rating",
    "current",
    "diagnosticity",
    "history",
    "leader",
    "rank",
    "rating_value",
]

# Rating codes, their labels and their signed values (negative = evidence against).
RATINGS: dict[str, tuple[str, int]] = {
    "CC": ("very consistent", 2),
    "C": ("consistent", 1),
    "N": ("neutral", 0),
    "I": ("inconsistent", -1),
    "II": ("very inconsistent", -2),
    "NA": ("not applicable", 0),
}


def rating_value(code: str) -> int:
    """The signed value of a rating code (CC=+2 ... II=-2; NA=0); ValueError for an unknown code."""
    try:
        return RATINGS[code][1]
    except KeyError:
        raise ValueError(f"unknown rating {code!r}; use one of {', '.join(RATINGS)}") from None


@dataclass(frozen=True, slots=True)
class Rating:
    """One item rated against one hypothesis, with the item's weight, as of ``at`` (ISO timestamp)."""

    item: int
    hypothesis: int
    code: str
    weight: float = 1.0
    at: str = ""


@dataclass(frozen=True, slots=True)
class Ranked:
    """A hypothesis's standing: weighted inconsistency (lower leads), consistency, and its rank (1 = leads)."""

    hypothesis: int
    inconsistency: float
    consistency: float
    rank: int


def rank(hypotheses: Sequence[int], ratings: Iterable[Rating]) -> list[Ranked]:
    """Rank ``hypotheses`` by weighted inconsistency, least first; ties keep the given order.

    Only inconsistent ratings count against a hypothesis (I = 1, II = 2, times the weight); the
    consistency total is reported beside it but does not decide the ranking.
    """
    against = dict.fromkeys(hypotheses, 0.0)
    support = dict.fromkeys(hypotheses, 0.0)
    for rating in ratings:
        if rating.hypothesis not in against:
            continue
        value = rating_value(rating.code) * rating.weight
        if value < 0:
            against[rating.hypothesis] -= value
        else:
            support[rating.hypothesis] += value
    order = sorted(hypotheses, key=lambda h: (against[h], -support[h], hypotheses.index(h)))
    ranked: list[Ranked] = []
    for position, hypothesis in enumerate(order):
        previous = ranked[-1] if ranked else None
        same = previous is not None and (previous.inconsistency, previous.consistency) == (
            against[hypothesis],
            support[hypothesis],
        )
        ranked.append(
            Ranked(
                hypothesis,
                against[hypothesis],
                support[hypothesis],
                previous.rank if same and previous else position + 1,
            )
        )
    return ranked


def diagnosticity(ratings: Iterable[Rating]) -> dict[int, float]:
    """Per item, how differently it is rated across hypotheses (population std. dev. of the values).

    0 means the item fits every hypothesis alike and cannot tell them apart; NA ratings are left out.
    """
    values: dict[int, list[int]] = {}
    for rating in ratings:
        if rating.code != "NA":
            values.setdefault(rating.item, []).append(rating_value(rating.code))
    return {item: (pstdev(vals) if len(vals) > 1 else 0.0) for item, vals in values.items()}


def history(hypotheses: Sequence[int], changes: Sequence[Rating]) -> list[tuple[str, list[Ranked]]]:
    """The ranking after each moment evidence arrived or a rating changed.

    ``changes`` is every rating ever given, each with its timestamp; a later rating of the same
    (item, hypothesis) replaces the earlier. Returns (timestamp, ranking) per distinct timestamp.
    """
    current: dict[tuple[int, int], Rating] = {}
    timeline: list[tuple[str, list[Ranked]]] = []
    ordered = sorted(changes, key=lambda r: r.at)
    for index, change in enumerate(ordered):
        current[(change.item, change.hypothesis)] = change
        last_of_moment = index + 1 == len(ordered) or ordered[index + 1].at != change.at
        if last_of_moment:
            timeline.append((change.at, rank(hypotheses, current.values())))
    return timeline


def current(changes: Iterable[Rating]) -> list[Rating]:
    """The latest rating of each (item, hypothesis) from a change log."""
    latest: dict[tuple[int, int], Rating] = {}
    for change in sorted(changes, key=lambda r: r.at):
        latest[(change.item, change.hypothesis)] = change
    return list(latest.values())


def leader(ranking: Sequence[Ranked]) -> list[int]:
    """The hypotheses sharing rank 1."""
    return [r.hypothesis for r in ranking if r.rank == 1]
