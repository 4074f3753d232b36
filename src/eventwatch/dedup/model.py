"""Plain data for deduplication: what the clustering reads (``Mention``) and what it returns.

The clustering knows nothing about storage: the store turns its rows into ``Mention`` records
and writes ``Cluster`` results back. Every mention carries a ``key`` that is stable across
ingest order and database rebuilds (document text hash + position + type), so results and
analyst constraints never depend on database ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ActorKey", "Cluster", "Decision", "Mention", "Why"]


@dataclass(frozen=True, slots=True)
class ActorKey:
    """An actor reduced to what dedup compares: role, ISO3 country, sector code."""

    role: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None


@dataclass(slots=True, kw_only=True)
class Mention:
    """One event mention as the clustering sees it.

    Dates are ISO ``YYYY-MM-DD`` strings; ``source`` is the outlet (a host name or feed) and
    ``document`` the report it came from, both only counted, never compared.
    """

    key: str
    type: str
    status: str = "occurred"
    date_start: str | None = None
    date_end: str | None = None
    precision: str = "unknown"
    published: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    geonameid: int | None = None
    actors: tuple[ActorKey, ...] = ()
    text: str = ""
    source: str | None = None
    document: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    participants: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict on one pair: ``compatible`` (may share an event), ``score`` and its parts.

    ``link`` is true when the pair is compatible and the score reaches the threshold;
    ``reason`` names the first hard conflict of an incompatible pair.
    """

    compatible: bool
    score: float
    link: bool
    parts: dict[str, float] = field(default_factory=dict)
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Why:
    """Why a mention is in its cluster: its strongest link inside the cluster, or an analyst merge."""

    partner: str | None
    score: float
    parts: dict[str, float]
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict."""
        score = round(self.score, 3)
        return {"partner": self.partner, "score": score, "parts": self.parts, "rule": self.rule}


@dataclass(slots=True)
class Cluster:
    """One canonical event: its member mention keys (sorted) and why each belongs."""

    keys: list[str]
    why: dict[str, Why] = field(default_factory=dict)
