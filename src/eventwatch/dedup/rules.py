"""The dedup rules: which types, dates, places and actors may describe one event, and the weights.

They live in ``eventwatch/data/dedup.yaml`` (a user file can replace any key); this module loads
and checks them once into a frozen ``Rules`` the comparison functions read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import EventwatchError

__all__ = ["Rules", "load_rules"]

_WEIGHTS = (
    "date_same_day",
    "date_overlap",
    "place_same",
    "place_near",
    "place_other_town",
    "place_country",
    "text",
    "actors_agree",
    "numbers_agree",
)


@dataclass(frozen=True, slots=True)
class Rules:
    """Checked dedup settings (see ``data/dedup.yaml`` for what each means)."""

    type_groups: Mapping[str, str]
    compatible_pairs: frozenset[frozenset[str]]
    compatible_penalty: float
    status_groups: Mapping[str, int]
    date_tolerance: Mapping[str, int]
    undated_days: int
    place_radius_km: Mapping[str, float]
    country_only_features: frozenset[str]
    same_place_km: float
    sector_groups: Mapping[str, str]
    weights: Mapping[str, float]
    name_weight: float
    threshold: float

    @property
    def max_tolerance(self) -> int:
        """The largest date tolerance of any precision (used to widen blocking windows)."""
        return max(self.date_tolerance.values(), default=0)

    def type_group(self, kind: str) -> str:
        """The blocking group of an event type: types that may merge share a group."""
        return self.type_groups.get(kind, kind)

    def types_compatible(self, a: str, b: str) -> bool:
        """Same type, or a declared compatible pair."""
        return a == b or frozenset((a, b)) in self.compatible_pairs

    def group_types(self, kind: str) -> list[str]:
        """Every type sharing ``kind``'s group (``kind`` itself included)."""
        group = self.type_group(kind)
        return sorted({kind, *(t for t, g in self.type_groups.items() if g == group)})


def _groups(lists: Iterable[Iterable[str]]) -> dict[str, str]:
    """Connected components of the declared pairs, each named by its smallest member."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for items in lists:
        items = list(items)
        for other in items[1:]:
            ra, rb = find(items[0]), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _build(data: Mapping[str, Any], path: str) -> Rules:
    try:
        groups = [list(map(str, group)) for group in data["compatible_types"]]
        if any(len(group) < 2 for group in groups):
            raise ValueError("each compatible_types entry must list at least two types")
        pairs = [[a, b] for group in groups for a in group for b in group if a < b]
        status_groups = {str(s): i for i, group in enumerate(data["status_groups"]) for s in group}
        sector_groups = {str(s): f"group{i}" for i, group in enumerate(data["sector_groups"]) for s in group}
        weights = {name: float(data["weights"][name]) for name in _WEIGHTS}
        return Rules(
            type_groups=_groups(pairs),
            compatible_pairs=frozenset(frozenset(pair) for pair in pairs),
            compatible_penalty=float(data["compatible_penalty"]),
            status_groups=status_groups,
            date_tolerance={str(k): int(v) for k, v in data["date_tolerance"].items()},
            undated_days=int(data["undated_days_before_published"]),
            place_radius_km={str(k): float(v) for k, v in data["place_radius_km"].items()},
            country_only_features=frozenset(map(str, data["country_only_features"])),
            same_place_km=float(data["same_place_km"]),
            sector_groups=sector_groups,
            weights=weights,
            name_weight=float(data["name_weight"]),
            threshold=float(data["threshold"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EventwatchError("E801", path=path, reason=f"{type(exc).__name__}: {exc}") from None


@cache
def _builtin() -> dict[str, Any]:
    text = resources.files("eventwatch.data").joinpath("dedup.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def load_rules(path: str | Path | None = None, *, overrides: Mapping[str, Any] | None = None) -> Rules:
    """The built-in rules, with the top-level keys of the YAML file ``path`` and ``overrides`` laid over."""
    data = dict(_builtin())
    source = "eventwatch/data/dedup.yaml"
    if path is not None:
        source = str(path)
        try:
            user = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise EventwatchError("E801", path=source, reason=str(exc)) from None
        if not isinstance(user, dict):
            raise EventwatchError("E801", path=source, reason="the file must be a mapping")
        data.update(user)
    data.update(overrides or {})
    return _build(data, source)
