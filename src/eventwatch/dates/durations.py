"""Rules for durations ("three years", "the past 24 hours"), ages ("22-year-old"), penalties
("up to three years in prison"), sets ("every Thursday", "daily") and clock times.

A duration is a length, not a date: it gets a window only when it is counted back or forward
from the publication date ("the past three months"). Ages and penalties never get one.
"""

from __future__ import annotations

import re

from . import calendar
from .grammar import NUM, UNIT, WEEKDAY, Context, Rule, Timex, unit_of
from .lexicon import alternation, lexicon, number_value

__all__ = ["AGE", "RULES", "duration_value"]

AGE = "an age, not a date"

_lex = lexicon()
_I = re.IGNORECASE
_PENALTY_BEFORE = re.compile(rf"\b(?:{alternation(_lex.penalty_before)})\s+(?:\w+\s+)?$", _I)
_PENALTY_AFTER = re.compile(
    rf"^\s*(?:(?:suspended|prison|jail|custodial)\s+)?(?:{alternation(_lex.penalty_after)})\b", _I
)
_SMALL_UNITS = ("second", "minute", "hour")


def duration_value(amount: float | None, unit_word: str) -> str:
    """The TIMEX3 duration of ``amount`` ``unit_word``s ("P3Y", "PT5H", "PXM" when vague)."""
    word = unit_word.lower().removesuffix("s")
    unit = unit_of(word)
    if word == "fortnight":
        amount, unit = (amount or 0) * 2 if amount is not None else None, "W"
    prefix = "PT" if word.startswith(_SMALL_UNITS) else "P"
    if amount is None:
        return f"{prefix}X{unit}"
    if amount != int(amount):
        smaller = {"Y": ("M", 12), "D": ("H", 24), "W": ("D", 7), "M": ("D", 30)}.get(unit)
        if smaller is not None and prefix == "P":
            unit, amount = smaller[0], amount * smaller[1]
            prefix = "PT" if unit == "H" else "P"
    return f"{prefix}{amount:g}{unit}"


def _is_penalty(ctx: Context) -> bool:
    return bool(_PENALTY_BEFORE.search(ctx.before(40)) or _PENALTY_AFTER.match(ctx.after(30)))


def _duration(m: re.Match[str], ctx: Context) -> Timex | None:
    words = m["n"].lower()
    amount = number_value(words)
    if amount is None and not any(v in words for v in _lex.vague):
        return None
    if amount is not None and 1000 <= amount < 2100 and unit_of(m["u"]) in ("Q", "S"):
        return None  # "the 1988 second quarter": a year, not 1988 seconds
    unit_word = m["u"].lower()
    if unit_word.startswith("quarter") and (
        m.group().endswith("-quarters") or ctx.after(4).startswith(" of")
    ):
        return None  # "three-quarters", "a quarter of the vote": a fraction
    if unit_word == "second" and words in ("a", "an"):
        return None  # "a second time": an ordinal
    rel = " ".join((m["rel"] or "").lower().split())
    if amount is None and rel.endswith(("past", "last", "previous")):
        return Timex("PAST_REF", reason=f"'{m.group()}': an unspecified stretch up to now")
    value = duration_value(amount, m["u"])
    if m["old"]:
        return Timex(value, kind="duration", reason=AGE)
    if _is_penalty(ctx):
        return Timex(value, kind="duration", reason="length of a penalty, not a date")
    unit = unit_of(m["u"])
    if rel and amount is not None and amount == int(amount) and unit in "DWMQYEC" and ctx.anchor is not None:
        small = m["u"].lower().startswith(_SMALL_UNITS)
        count = 1 if small else int(amount)
        step = "D" if small else unit
        if rel.endswith(("past", "last", "previous")):
            first = calendar.shift(ctx.anchor, -count, step)
            return Timex(
                value,
                kind="duration",
                reason=f"'{m.group()}' up to the publication date",
                first=first,
                last=ctx.anchor,
                precision="range",
            )
        if rel.endswith(("next", "coming")):
            last = calendar.shift(ctx.anchor, count, step)
            return Timex(
                value,
                kind="duration",
                reason=f"'{m.group()}' from the publication date",
                first=ctx.anchor,
                last=last,
                precision="range",
            )
    return Timex(value, kind="duration", reason="a length of time")


def _bare_duration(m: re.Match[str], ctx: Context) -> Timex | None:
    return Timex(duration_value(None, m["u"]), kind="duration", reason="an unspecified length of time")


def _set(m: re.Match[str], ctx: Context) -> Timex | None:
    if m["word"]:
        return Timex(_lex.sets[m["word"].lower()], kind="set", reason="frequency")
    if m["wd"]:
        return Timex(
            f"XXXX-WXX-{_lex.weekdays[m['wd'].lower().rstrip('.').removesuffix('s')]}",
            kind="set",
            reason="every such weekday",
        )
    every = m["every"].lower()
    if every in ("a", "an", "per") and not re.search(
        r"(?:\d|twice|times|once|million|billion|thousand)\s*$", ctx.before(25)
    ):
        return None
    amount = 2 if (m["k"] or "").lower() == "other" else number_value(m["k"]) if m["k"] else 1
    unit_word = m["u"].lower()
    if unit_word in ("morning", "evening", "afternoon"):
        return Timex(
            f"XXXX-XX-XXT{_lex.day_parts[unit_word]}", kind="set", reason="every such part of the day"
        )
    return Timex(duration_value(amount, unit_word), kind="set", reason="frequency")


def _time(m: re.Match[str], ctx: Context) -> Timex | None:
    if m["noon"]:
        clock = "12:00" if m["noon"].lower() == "noon" else "24:00"
    else:
        hour = int(m["h"])
        minute = int(m["min"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if ampm and hour > 12:
            return None
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or (not ampm and not m["min"]):
            return None
        clock = f"{hour:02d}:{minute:02d}"
    if ctx.anchor is None:
        return Timex(None, kind="time", reason="clock time; the day is unknown")
    return Timex(
        f"{ctx.anchor}T{clock}",
        kind="time",
        reason="clock time on the publication date",
        first=ctx.anchor,
        last=ctx.anchor,
        precision="day",
    )


_APPROX = (
    r"(?:(?:about|almost|nearly|some|around|roughly|approximately|more\s+than|less\s+than|over|just"
    r"|only|barely|at\s+least|at\s+most|up\s+to|fully|another|an\s+additional)\s+)?"
)
_DREL = (
    r"(?:(?P<rel>(?:the\s+)?(?:past|last|next|previous|coming|first|final|latest|following|preceding)"
    r"|the)\s+)?"
)
_SET_UNITS = r"second|minute|hour|day|night|week|month|year|quarter|morning|evening|afternoon"

RULES: list[Rule] = [
    Rule(
        "duration",
        re.compile(
            rf"\b{_APPROX}{_DREL}{NUM('n')}[\s-]+(?:(?:more|full|long|straight|consecutive)\s+)?{UNIT('u')}"
            rf"(?P<old>[\s-]+old)?",
            _I,
        ),
        _duration,
    ),
    Rule(
        "bare_duration",
        re.compile(r"(?<=\bfor\s)(?P<u>years|months|weeks|days|decades|hours|centuries)\b", _I),
        _bare_duration,
    ),
    Rule(
        "set",
        re.compile(
            rf"\b(?:(?P<word>{alternation(_lex.sets)})\b|(?:every|each)\s+{WEEKDAY('wd')}|(?P<every>every|each|per|a|an)"
            rf"\s+(?:(?P<k>other|\d+|two|three|four|five|six|ten)\s+)?(?P<u>{_SET_UNITS})s?\b)",
            _I,
        ),
        _set,
    ),
    Rule(
        "time",
        re.compile(
            r"(?<![\d.:])(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b|[ap]\.m\b)"
            r"|(?P<noon>noon|midnight))(?:\s+(?:local\s+time|GMT|UTC|EST|EDT|ET|BST|CET))?",
            _I,
        ),
        _time,
    ),
]
