"""The gazetteer entries a toponym mention may name: by its name, its short form, its country
or region, its feature word ("Idlib Province"), a hyphenated suffix ("London-based") or a
compass word before a known area ("Eastern Ghouta")."""

from __future__ import annotations

from .. import countries
from ..countries import fold
from .cues import DIRECTIONS
from .gazetteer import Candidate, Gazetteer
from .mentions import Mention
from .short_forms import reading_candidates

__all__ = ["CandidateFinder"]

_HYPHEN_SUFFIXES = frozenset(
    {"based", "born", "bound", "area", "region", "coast", "headquartered", "registered"}
)
_LANDFORM_WORDS = frozenset(
    {"Valley", "Mesa", "Hill", "Hills", "Strip", "Delta", "Peninsula", "Coast", "Bay", "Island", "Lake"}
    | {"Desert", "Plains", "Basin", "Ridge", "Harbour", "Harbor", "Bend", "Heights", "Flats", "Sound", "Cape"}
)


class CandidateFinder:
    """Looks up the candidates of mentions in a gazetteer; ``abbreviations`` maps "Calif." to "California"."""

    def __init__(self, gazetteer: Gazetteer, abbreviations: dict[str, str] | None = None) -> None:
        self.gazetteer = gazetteer
        self.abbreviations = dict(abbreviations or {})

    def find(self, mention: Mention, text: str) -> tuple[Candidate, ...]:
        """The gazetteer entries ``mention`` in ``text`` may name."""
        if _local_feature(mention, text):
            return ()
        if mention.source in ("street", "road", "site"):
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


def _local_feature(mention: Mention, text: str) -> bool:
    """'here in the Valley', 'atop the Mesa': a landform word after "the" is the valley or the
    mesa of the place the report is about, not a town called Valley far away."""
    return (
        mention.text in _LANDFORM_WORDS and text[max(0, mention.start - 4) : mention.start].lower() == "the "
    )
