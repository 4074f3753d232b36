"""The query indicators and board rules use: an alert query, plus the country an actor is coded with.

"Desertions from Belarus's forces" is a condition on actor coding (an agent coded BLR), which
words in the actor text cannot say for every country ("United Kingdom" is two words).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..countries import country_code, country_name
from ..watch.query import AlertQuery

__all__ = ["EventQuery", "iso3"]


def iso3(value: str) -> str | None:
    """An ISO3 code from a code ('BLR') or a country name or adjective ('Belarus', 'Belarusian')."""
    value = value.strip()
    if len(value) == 3 and value.isalpha() and country_name(value.upper()):
        return value.upper()
    return country_code(value)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Conditions on a stored event mention: those of ``AlertQuery`` and ``actor_country``."""

    alert: AlertQuery
    actor_country: str | None = None

    @classmethod
    def build(cls, *, actor_country: str | None = None, **conditions: str | None) -> EventQuery:
        """From user input; ``actor_country`` may be a code or a country name (kept as given if unknown)."""
        code = (iso3(actor_country) or actor_country.upper()) if actor_country else None
        return cls(AlertQuery.build(**conditions), code)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EventQuery:
        """As ``to_dict`` wrote it."""
        return cls(AlertQuery.from_dict(data), data.get("actor_country"))

    def to_dict(self) -> dict[str, str]:
        """The given conditions only."""
        data = self.alert.to_dict()
        if self.actor_country:
            data["actor_country"] = self.actor_country
        return data

    def describe(self) -> str:
        """The conditions for people: ``type = desertion, actor country = BLR``."""
        return ", ".join(f"{key.replace('_', ' ')} = {value}" for key, value in self.to_dict().items())

    @property
    def empty(self) -> bool:
        """Whether no condition is given."""
        return self.alert.empty and not self.actor_country

    @property
    def type(self) -> str | None:
        """The event type condition, if any."""
        return self.alert.type

    def matches(self, mention: Mapping[str, Any]) -> bool:
        """Whether a stored mention row (columns plus ``data``) matches every condition."""
        if not self.alert.matches(mention):
            return False
        if not self.actor_country:
            return True
        actors = (mention.get("data") or {}).get("actors") or []
        return any((actor.get("country") or "").upper() == self.actor_country for actor in actors)
