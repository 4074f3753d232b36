"""Where each date rule looks: only around the key words it needs (a month name, a unit, a
four-digit number ...). One pass over the words of the text finds them; each rule then scans
the merged stretches around its own key words. This keeps the stage at a few milliseconds a
document, where scanning the whole text with every rule costs ten times more.
"""

from __future__ import annotations

import re

from .lexicon import lexicon

__all__ = ["KEYS", "rule_windows", "windows"]

_STOP = frozenset(
    {"the", "in", "at", "a", "so", "to", "of", "new", "may", "s", "day", "right", "these", "this"}
)
# The key words each rule needs near it: rules scan only the text around those words.
KEYS: dict[str, tuple[str, ...]] = {
    "month_day": ("month",),
    "day_month": ("month",),
    "day_range": ("month",),
    "month_day_range": ("month",),
    "month_year": ("month",),
    "numeric": ("year4",),
    "year": ("year4",),
    "spoken_year": ("spoken",),
    "year_end": ("unit",),
    "decade": ("year4", "spoken"),
    "century": ("unit",),
    "quarter": ("quarter",),
    "season": ("season",),
    "holiday": ("holiday",),
    "day_word": ("dayword",),
    "day_part": ("part",),
    "weekday": ("weekday",),
    "unit_relative": ("unit",),
    "anaphora": ("unit", "part"),
    "ago": ("unit",),
    "year_ago": ("unit",),
    "reference": ("ref",),
    "then": ("ref",),
    "in_the_day": ("unit",),
    "set": ("set", "unit", "weekday", "part"),
    "duration": ("unit",),
    "bare_duration": ("unit",),
    "time": ("time",),
}


def _seed_groups() -> dict[str, frozenset[str]]:
    lex = lexicon()
    groups: dict[str, set[str]] = {
        "month": set(lex.months),
        "weekday": {*lex.weekdays, *(w + "s" for w in lex.weekdays)},
        "unit": {
            *lex.units,
            *(w + "s" for w in lex.units),
            "centuries",
            "weekend",
            "weekends",
            "eve",
            "fiscal",
        },
        "dayword": {"today", "tonight", "yesterday", "tomorrow", "overnight"},
        "ref": {w for phrase in lex.references for w in phrase.split()} - _STOP | {"then"},
        "season": set(lex.seasons),
        "holiday": {w for name in lex.holidays for w in name.replace("'", " ").split()} - _STOP
        | {"easter", "thanksgiving", "election"},
        "quarter": {"quarter", "quarters", "half", "q", "fiscal", "fy", "period"},
        "set": {*lex.sets, "every", "each", "per"},
        "time": {"am", "pm", "m", "noon", "midnight"},
        "part": {*lex.day_parts, "nights", "mornings", "evenings"},
        "spoken": {
            "nineteen",
            "thousand",
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        },
    }
    seeds: dict[str, set[str]] = {}
    for group, words in groups.items():
        for word in words:
            seeds.setdefault(word, set()).add(group)
    return {word: frozenset(names) for word, names in seeds.items()}


_SEEDS = _seed_groups()
_WORD = re.compile(r"[a-z]+|\d+")
_BACK, _AHEAD = 60, 45  # characters a rule may need around its key word ("about a couple of ... years")


def _word_end(text: str, offset: int) -> int:
    """``offset`` moved to the end of the word it falls in (a window never cuts a word)."""
    while offset < len(text) and (text[offset].isalnum() or text[offset] == "_"):
        offset += 1
    return offset


def windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each key-word group, the stretches of ``text`` around its words (merged)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        groups = _SEEDS.get(word)
        if groups is None:
            if len(word) == 4 and word[0] in "12" and word.isdigit():
                groups = frozenset({"year4"})
            else:
                continue
        start = max(0, match.start() - _BACK)
        end = _word_end(text, min(len(text), match.end() + _AHEAD))
        for group in groups:
            spans = out.setdefault(group, [])
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return out


def rule_windows(windows: dict[str, list[tuple[int, int]]], keys: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = sorted(span for key in keys for span in windows.get(key, ()))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
