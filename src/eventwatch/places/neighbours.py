"""What the words around a mention say about it: the list it stands in, a direction before it,
a short form of an area the text names in full.
"""

from __future__ import annotations

from ..countries import fold
from .cues import DIRECTIONS
from .gazetteer import Candidate
from .mentions import Mention
from .placing import NEARBY_KM, Choice, km

__all__ = ["after_direction", "continues_town_list", "listed_with", "short_forms"]

# Not "state": "New York State" beside "New York" leaves the city its name.
_AREA_WORDS = frozenset({"county", "province", "region", "district", "parish", "governorate"})


def short_forms(
    mentions: list[Mention], pools: list[tuple[Candidate, ...]], first: list[Choice]
) -> list[int]:
    """'Suffolk' in a text that names 'Suffolk County' is that county, whatever else is so called.

    The short form's candidates become the long form's first choice, or the namesake towns
    in it ("Los Angeles" in a text naming "Los Angeles County" is still the city).
    """
    areas: dict[str, tuple[Candidate, ...]] = {}
    for mention, choice in zip(mentions, first, strict=True):
        head, _, last = mention.text.rpartition(" ")
        if head and last.lower() in _AREA_WORDS and choice.candidate is not None:
            areas.setdefault(fold(head), (choice.candidate,))
    narrowed: list[int] = []
    if not areas:
        return narrowed
    for i, mention in enumerate(mentions):
        long_form = areas.get(fold(mention.text))
        if long_form is not None and mention.country is None:
            area = long_form[0]
            towns = tuple(
                c
                for c in pools[i]
                if c.feature == "city" and km(c.lat, c.lon, area.lat, area.lon) < NEARBY_KM / 5
            )
            pools[i] = towns or long_form
            narrowed.append(i)
    return narrowed


def after_direction(text: str, start: int) -> bool:
    """Whether a lower-case direction word ("central", "northern") stands right before ``start``."""
    before = text[max(0, start - 16) : start].rstrip()
    word = before.rsplit(None, 1)[-1] if before.split() else ""
    return len(before) < len(text[max(0, start - 16) : start]) and word.islower() and word in DIRECTIONS


_LIST_GLUE = frozenset({",", "and", "or", ", and", ", or", "&", "/"})
_BIG_CITY = 500_000


def continues_town_list(
    index: int, mentions: list[Mention], pools: list[tuple[Candidate, ...]], text: str
) -> bool:
    """Whether ``mentions[index]``, a name of both a big city and an area, is a town in a list.

    "Washington, New York and Boston" lists three cities; "Tacoma, Washington and Boise, Idaho"
    names towns with their states; "Paris, Texas and Boston" keeps Paris in Texas, as no big
    city is called Texas.
    """
    if index + 1 >= len(mentions):
        return False
    if not any(c.feature == "city" and c.population >= _BIG_CITY for c in pools[index]):
        return False
    nxt = mentions[index + 1]
    glue = " ".join(text[mentions[index].end : nxt.start].split())
    if glue not in ("and", "or", ", and", ", or"):
        return False
    if any(c.main and c.feature in ("admin1", "country") for c in pools[index + 1]):
        return False
    after = mentions[index + 2] if index + 2 < len(mentions) else None
    return after is None or text[nxt.end : after.start].strip() != ","


def listed_with(index: int, mentions: list[Mention], first: list[Choice], text: str) -> frozenset[str]:
    """The kinds (admin1, country) of the places listed right beside ``mentions[index]``.

    "California, Oregon and Washington": a name in a list of states is a state too, and
    "Iran, Iraq and Georgia" a country; only neighbours resolved with a clear margin count.
    """
    kinds = set()
    for other in (index - 1, index + 1):
        if not 0 <= other < len(mentions):
            continue
        left, right = sorted((mentions[index], mentions[other]), key=lambda m: m.start)
        glue = " ".join(text[left.end : right.start].split())
        found = first[other].candidate
        own = first[index].candidate
        if glue == "," and (own is None or found is None or own.feature != found.feature):
            # "Washington, D.C.", "Perth, Australia": a place and the area it lies in, not a list.
            continue
        if (
            glue in _LIST_GLUE
            and found is not None
            and first[other].margin >= 1.0
            and found.feature in ("admin1", "country")
            and mentions[other].source != "demonym"
        ):
            kinds.add(found.feature)
    return frozenset(kinds)
