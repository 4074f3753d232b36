"""The dates lexicon (``data/dates.toml``) and the regular-expression pieces built from it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Lexicon", "alternation", "lexicon", "number_value"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word tables of the grammar, lower-cased."""

    months: dict[str, int]
    case_sensitive: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    references: dict[str, str]
    sets: dict[str, str]
    penalty_before: tuple[str, ...]
    penalty_after: tuple[str, ...]


def alternation(words: Any) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any run of blanks."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    raw = tomllib.loads(resources.files("eventwatch.data").joinpath("dates.toml").read_text("utf-8"))
    references = {word: ref for ref, words in raw["references"].items() for word in words}
    return Lexicon(
        months=dict(raw["months"]),
        case_sensitive=frozenset(raw["case_sensitive"]["words"]),
        weekdays=dict(raw["weekdays"]),
        numbers={k: float(v) for k, v in raw["numbers"].items()},
        vague=tuple(raw["vague_numbers"]["words"]),
        ordinals=dict(raw["ordinals"]),
        units=dict(raw["units"]),
        seasons={k: v[0] for k, v in raw["seasons"].items()},
        day_parts=dict(raw["day_parts"]),
        holidays={k: (v[0], v[1]) for k, v in raw["holidays"].items()},
        references=references,
        sets=dict(raw["sets"]),
        penalty_before=tuple(raw["penalty"]["before"]),
        penalty_after=tuple(raw["penalty"]["after"]),
    )


def number_value(text: str) -> float | None:
    """The number a numeral or number phrase denotes ("3", "twenty-four", "a couple of"), or None."""
    words = re.sub(r"\s+", " ", text.strip().lower().replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    half = re.fullmatch(r"(\d+)\s+1/2", words)
    if half:
        return float(half[1]) + 0.5
    table = lexicon().numbers
    if words in table:
        return table[words]
    total = 0.0
    for part in re.split(r"[\s-]+", words):
        if part in ("and", "a"):
            continue
        if part not in table:
            return None
        value = table[part]
        total = total * value if value == 100 and total else total + value
    return total or None
