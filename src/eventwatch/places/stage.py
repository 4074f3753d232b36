"""Places stages: ``eventwatch.places.v1`` finds and resolves toponyms;
``eventwatch.event_places.v1`` locates events."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .. import countries
from ..countries import fold
from ..document import Document
from ..registry import Stage, register
from .gazetteer import Gazetteer, default_gazetteer
from .locate import locate_events
from .mentions import find_mentions
from .resolve import Resolver
from .short_forms import add_short_forms
from .sources import load_places_data

__all__ = ["EventPlacesStage", "PlacesStage"]

_MAJOR_FEATURES = {"country", "admin1", "continent", "region", "sea", "landmark"}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    adjectives: dict[str, str]
    feature_words: dict[str, str]
    stop_words: frozenset[str]
    generic_words: frozenset[str]
    facility_words: frozenset[str]
    civic_words: frozenset[str]
    employer_words: frozenset[str]
    states: dict[str, str]
    preferred: dict[str, int]


@functools.cache
def _lexicon() -> _Lexicon:
    data: dict[str, Any] = load_places_data()
    adjectives = {
        fold(adjective): region["name"]
        for region in data.get("regions") or []
        for adjective in region.get("adjectives") or []
    }
    adjectives.update({fold(adjective): name for adjective, name in (data.get("adjectives") or {}).items()})
    return _Lexicon(
        adjectives=adjectives,
        feature_words={k.lower(): v for k, v in (data.get("feature_words") or {}).items()},
        stop_words=frozenset(str(w) for w in data.get("stop_words") or []),
        generic_words=frozenset(str(w) for w in data.get("generic_words") or []),
        facility_words=frozenset(str(w) for w in data.get("facility_words") or []),
        civic_words=frozenset(str(w) for w in data.get("civic_words") or []),
        employer_words=frozenset(str(w) for w in data.get("employer_words") or []),
        states=dict(data.get("us_states") or {}),
        preferred=dict(data.get("preferred") or {}),
    )


class PlacesStage(Stage):
    """Finds every toponym with its span and resolves it against the offline gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, major_population: int = 50_000) -> None:
        self._gazetteer = gazetteer
        self.major_population = major_population

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened (or built) on first use."""
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def known(self, text: str) -> str | None:
        """'region', 'major', 'minor' or None: how strongly the gazetteer knows ``text`` as a main name."""
        short_code = text.isupper() and len(text.replace(".", "")) <= 4
        if short_code:
            found = countries.match(text)
            if found is not None and found.iso3 is not None:
                return "region"
        strength = None
        for candidate in self.gazetteer.lookup(text):
            if short_code and candidate.feature in ("city", "admin2"):
                continue
            if not candidate.main:
                # Alternate names ("Douma" for Dūmā, "Huliaipole" for Hulyaypole) count for
                # towns of some size only: a village's other names collide with ordinary words.
                if candidate.population >= 10 * self.major_population:
                    strength = "major"
                elif strength is None and candidate.population >= self.major_population // 5:
                    strength = "minor"
                continue
            if candidate.feature in _MAJOR_FEATURES:
                return "region"
            if candidate.population >= self.major_population:
                strength = "major"
            elif strength is None and (candidate.population >= 1000 or candidate.feature == "admin2"):
                strength = "minor"
        return strength

    def __call__(self, doc: Document) -> Document:
        lexicon = _lexicon()
        mentions = find_mentions(
            doc,
            known=self.known,
            adjectives=lexicon.adjectives,
            feature_words=lexicon.feature_words,
            stop_words=lexicon.stop_words,
            state_abbreviations=lexicon.states,
            generic_words=lexicon.generic_words,
            facility_words=lexicon.facility_words,
            civic_words=lexicon.civic_words,
            employer_words=lexicon.employer_words,
        )
        mentions = add_short_forms(doc, mentions)  # "NSW", "Herts", "WA": short forms of areas
        resolver = Resolver(self.gazetteer, preferred=lexicon.preferred, abbreviations=lexicon.states)
        doc.places = resolver.resolve(mentions, doc.text, sentences=doc.sentences)
        return doc


class EventPlacesStage(Stage):
    """Sets each event's ``location`` to the place that governs it, with the reason."""

    def __call__(self, doc: Document) -> Document:
        locate_events(doc)
        return doc


@register("eventwatch.places.v1", requires=["doc.entities"], assigns=["doc.places"])
def make_places(*, major_population: int = 50_000) -> PlacesStage:
    """Find toponyms and resolve them against the offline GeoNames gazetteer."""
    return PlacesStage(major_population=major_population)


@register("eventwatch.event_places.v1", requires=["doc.events", "doc.places"], assigns=["event.location"])
def make_event_places() -> EventPlacesStage:
    """Locate every event: the place that governs its trigger, else its sentence's, else the document's."""
    return EventPlacesStage()
