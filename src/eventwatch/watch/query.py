"""An alert's saved query and whether a stored event mention matches it (a pure function)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any

import yaml

from ..countries import country_code, fold

__all__ = ["AlertQuery"]


@functools.cache
def _sector_words() -> dict[str, str]:
    text = resources.files("eventwatch.data").joinpath("watch_sectors.yaml").read_text("utf-8")
    table: dict[str, list[str]] = yaml.safe_load(text)
    return {word.lower(): sector for sector, words in table.items() for word in words}


def _words(text: str) -> list[str]:
    return [word.strip(".,;:!?\"'()") for word in fold(text).split() if word.strip(".,;:!?\"'()")]


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertQuery:
    """Conditions on an event mention; each given one must hold.

    ``type``, ``country`` (ISO3) and ``status`` are exact; ``place``, ``actor`` and ``text`` are
    words that must all appear (case and accents ignored) in the place, the actors, or the
    evidence and title. In ``actor``, a country word ("Belarusian") also matches an actor coded
    with that country, and a sector word ("army") an actor with that sector.
    """

    type: str | None = None
    country: str | None = None
    actor: str | None = None
    place: str | None = None
    text: str | None = None
    status: str | None = None

    @classmethod
    def build(cls, **conditions: str | None) -> AlertQuery:
        """A query from user input: empty conditions dropped, a country name turned into ISO3."""
        given = {key: value.strip() for key, value in conditions.items() if value and value.strip()}
        country = given.get("country")
        if country and not (len(country) == 3 and country.isupper()):
            given["country"] = country_code(country) or country.upper()
        return cls(**given)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AlertQuery:
        """The query stored as ``to_dict`` wrote it."""
        return cls(**{key: data.get(key) for key in ("type", "country", "actor", "place", "text", "status")})

    def to_dict(self) -> dict[str, str]:
        """The given conditions only."""
        return {key: value for key, value in asdict(self).items() if value}

    @property
    def empty(self) -> bool:
        """Whether no condition is given (such an alert would fire for everything)."""
        return not self.to_dict()

    def matches(self, mention: Mapping[str, Any]) -> bool:
        """Whether a stored mention row (``Store.mentions`` shape: columns plus ``data``) matches."""
        data: Mapping[str, Any] = mention.get("data") or {}
        if self.type and mention.get("type") != self.type:
            return False
        if self.status and mention.get("status") != self.status:
            return False
        if self.country and (mention.get("country") or "").upper() != self.country.upper():
            return False
        if self.place:
            location = data.get("location") or {}
            haystack = " ".join(
                str(value)
                for value in (mention.get("place"), mention.get("admin1"), location.get("text"))
                if value
            )
            if not set(_words(self.place)) <= set(_words(haystack)):
                return False
        if self.text:
            haystack = f"{mention.get('evidence') or ''} {mention.get('title') or ''}"
            if not set(_words(self.text)) <= set(_words(haystack)):
                return False
        return not self.actor or self._actor_matches(data.get("actors") or [])

    def _actor_matches(self, actors: list[Mapping[str, Any]]) -> bool:
        said = set()
        for actor in actors:
            said.update(_words(f"{actor.get('text') or ''} {actor.get('name') or ''}"))
        countries = {str(actor["country"]).upper() for actor in actors if actor.get("country")}
        sectors = {str(actor["sector"]).upper() for actor in actors if actor.get("sector")}
        for word in _words(self.actor or ""):
            if word in said:
                continue
            iso3 = country_code(word)
            if iso3 is not None and iso3 in countries:
                continue
            sector = _sector_words().get(word)
            if sector is not None and sector in sectors:
                continue
            return False
        return True
