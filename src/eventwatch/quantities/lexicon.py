"""The quantities lexicon (``data/quantities.yaml``): number words, vague amounts, casualty words."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word tables the number reader and the quantity classifier share."""

    numbers: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, float]
    bounds: dict[str, str]
    kill_verbs: frozenset[str]
    die_verbs: frozenset[str]
    injure_verbs: frozenset[str]
    dead_words: frozenset[str]
    injured_words: frozenset[str]
    toll_words: frozenset[str]
    person_nouns: frozenset[str]
    not_items: frozenset[str]
    currencies: dict[str, str]


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in data.get(key) or [])


def _table(data: dict[str, Any], key: str) -> dict[str, float]:
    return {str(k).lower(): float(v) for k, v in (data.get(key) or {}).items()}


@functools.cache
def lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    text = resources.files("eventwatch.data").joinpath("quantities.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return Lexicon(
        numbers=_table(data, "numbers"),
        scales=_table(data, "scales"),
        vague=_table(data, "vague"),
        bounds={str(k).lower(): str(v) for k, v in (data.get("bounds") or {}).items()},
        kill_verbs=_words(data, "kill_verbs"),
        die_verbs=_words(data, "die_verbs"),
        injure_verbs=_words(data, "injure_verbs"),
        dead_words=_words(data, "dead_words"),
        injured_words=_words(data, "injured_words"),
        toll_words=_words(data, "toll_words"),
        person_nouns=_words(data, "person_nouns"),
        not_items=_words(data, "not_items"),
        currencies={str(k).lower(): str(v) for k, v in (data.get("currencies") or {}).items()},
    )
