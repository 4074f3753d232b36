"""Rules for expressions relative to the publication date or to an earlier date in the text:
"today", "yesterday", "on Thursday", "last week", "earlier this month", "two weeks ago",
"the day before", "overnight", PRESENT_REF / PAST_REF / FUTURE_REF words.

News conventions: a bare weekday is the most recent such day, the same day counting (the
next one when the clause is in the future tense); "overnight" is the night before publication.
"""

from __future__ import annotations

import datetime as dt
import re

from . import calendar
from .grammar import NUM, UNIT, WEEKDAY, Context, Rule, Timex, unit_of
from .lexicon import alternation, lexicon, number_value

__all__ = ["RULES", "value_at"]

_lex = lexicon()
_I = re.IGNORECASE
NO_ANCHOR = "relative to the publication date, which is unknown"
_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "overnight": -1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
_ANAPHORA = {
    "the day before": -1,
    "the previous day": -1,
    "the night before": -1,
    "the previous night": -1,
    "the eve": -1,
    "the day after": 1,
    "the next day": 1,
    "the following day": 1,
    "the next morning": 1,
    "the following morning": 1,
    "that same day": 0,
    "the same day": 0,
    "that day": 0,
    "that night": 0,
    "that morning": 0,
}


def value_at(day: dt.date, unit: str) -> str:
    """The TIMEX3 value of the ``unit``-sized period containing ``day`` (D, W, M, Q, Y, E, C)."""
    if unit == "D":
        return day.isoformat()
    if unit == "W":
        return calendar.iso_week(day)
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "E":
        return f"{day.year // 10:03d}"
    if unit == "C":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def _day_word(m: re.Match[str], ctx: Context) -> Timex | None:
    word = " ".join(m["w"].lower().split())
    if ctx.anchor is None:
        return Timex(None, reason=f"'{word}': {NO_ANCHOR}")
    day = ctx.anchor + dt.timedelta(days=_DAY_OFFSETS[word])
    part = _lex.day_parts.get((m["part"] or "").lower()) or ("NI" if word in ("tonight", "overnight") else "")
    reason = f"'{word}' from the publication date"
    if word == "overnight":
        return Timex(
            f"{day}TNI",
            kind="time",
            reason="the night before the publication date",
            first=day,
            last=ctx.anchor,
            precision="range",
        )
    if part:
        return Timex(f"{day}T{part}", kind="time", reason=reason, first=day, last=day, precision="day")
    return Timex(day.isoformat(), reason=reason)


def _day_part(m: re.Match[str], ctx: Context) -> Timex | None:
    if ctx.anchor is None:
        return Timex(None, kind="time", reason=NO_ANCHOR)
    day = ctx.anchor - dt.timedelta(days=1 if m["rel"].lower() == "last" else 0)
    code = _lex.day_parts[m["part"].lower()]
    return Timex(
        f"{day}T{code}",
        kind="time",
        reason="part of a day near the publication date",
        first=day,
        last=day,
        precision="day",
    )


def _weekday(m: re.Match[str], ctx: Context) -> Timex | None:
    if m["wd"][0].islower() and len(m["wd"]) < 6:
        return None
    weekday = _lex.weekdays[m["wd"].lower().rstrip(".")]
    if ctx.anchor is None:
        return Timex(None, reason=f"weekday; {NO_ANCHOR}")
    rel = " ".join((m["rel"] or "").lower().split())
    if rel in ("the previous", "the following", "that") and ctx.reference is not None:
        direction = {"the previous": -2, "the following": 2, "that": 1}[rel]
        day = calendar.weekday_near(ctx.reference, weekday, direction=direction)
        return Timex(day.isoformat(), reason=f"{rel} {m['wd'].title()} after the date mentioned before it")
    if rel == "this":
        day = ctx.anchor + dt.timedelta(days=weekday - ctx.anchor.isoweekday())
        reason = "that weekday in the week of publication"
    else:
        direction = {"last": -2, "past": -2, "next": 2, "coming": 1}.get(rel, 1 if ctx.tense() > 0 else -1)
        day = calendar.weekday_near(ctx.anchor, weekday, direction=direction)
        reason = (
            f"the {'next' if direction > 0 else 'most recent'} {m['wd'].title().rstrip('.')}"
            f" {'after' if direction > 0 else 'up to'} the publication date ({ctx.anchor.strftime('%A')}"
            f" {ctx.anchor})"
        )
    part = _lex.day_parts.get((m["part"] or "").lower())
    if part:
        return Timex(f"{day}T{part}", kind="time", reason=reason, first=day, last=day, precision="day")
    return Timex(day.isoformat(), reason=reason)


def _weekend(anchor: dt.date, rel: str, tense: int) -> dt.date:
    """The Saturday of the weekend meant by "(this|last|next|the) weekend"."""
    saturday = anchor + dt.timedelta(days=6 - anchor.isoweekday())
    in_weekend = anchor.isoweekday() >= 6
    if rel == "next":
        return saturday + dt.timedelta(days=7) if in_weekend else saturday
    if rel in ("last", "past", "previous", "the past", "the last", "the previous"):
        return saturday - dt.timedelta(days=7)
    if in_weekend or tense > 0 or "coming" in rel:
        return saturday
    return saturday - dt.timedelta(days=7)


def _unit_relative(m: re.Match[str], ctx: Context) -> Timex | None:
    rel = " ".join(m["rel"].lower().split())
    unit_word = " ".join(m["unit"].lower().split())
    mod = " ".join((m["mod"] or "").lower().split())
    if rel in ("the", "the full") and not mod and unit_word != "weekend":
        if unit_word not in ("year", "fiscal year"):
            return None
        if re.match(r"\s+(?:end(?:ed|ing)|to\s+(?:date|[A-Z]))", ctx.text[ctx.end :]):
            return Timex("P1Y", kind="duration", reason="a year-long period ending on a given day")
        rel = "this"  # "for the year": the current one
    unit = "Y" if unit_word == "fiscal year" else "W" if unit_word == "weekend" else unit_of(unit_word)
    reference = ctx.reference if unit == "W" else ctx.reference_any
    anaphoric = rel in ("that", "the same", "the following", "the previous") and reference is not None
    base = reference if anaphoric else ctx.anchor
    if base is None:
        return Timex(None, reason=f"'{m.group()}': {NO_ANCHOR}")
    if unit_word == "weekend":
        day = _weekend(base, rel, ctx.tense())
        return Timex(f"{calendar.iso_week(day)}-WE", reason=f"{rel} weekend")
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "the past": -1,
        "the previous": -1,
        "the last": -1,
        "the latest": -1,
        "next": 1,
        "coming": 1,
        "the coming": 1,
        "the next": 1,
        "the following": 1,
    }.get(rel, 0)
    day = calendar.shift(base, step, unit)
    value = value_at(day, unit)
    reason = f"{rel} {unit_word} relative to the {'date before it' if anaphoric else 'publication date'}"
    timex = Timex(value, reason=reason)
    window = calendar.window(value)
    if rel in ("the past", "the last") and not mod:
        # "the past year": the TIMEX3 value names the previous calendar unit, but what it covers
        # for an event is the stretch up to publication.
        timex.first, timex.last, timex.precision = calendar.shift(base, -1, unit), base, "range"
    elif mod and window is not None:
        first, last, _ = window
        part = calendar.part_of(mod)
        if mod.startswith("earlier"):
            last = min(last, base)
        elif mod.startswith("later"):
            first = max(first, base)
        elif part is not None:
            first, last = calendar.narrow(first, last, part)
        timex.first, timex.last, timex.precision = first, last, "range"
        timex.reason = f"{mod} {reason}"
    return timex


def _anaphora(m: re.Match[str], ctx: Context) -> Timex | None:
    word = " ".join(m["w"].lower().split())
    if word.endswith(("before", "after")) and re.match(
        r"\s+(?:the|a|an|his|her|their|its|[A-Z])", ctx.text[ctx.end :]
    ):
        return None  # "the day before the vote": relative to an event, not to a date
    base, reason = ctx.reference, "relative to the date mentioned before it"
    if base is None:
        base, reason = ctx.anchor, "relative to the publication date (no earlier date in the text)"
    if base is None:
        return Timex(None, reason=f"'{word}': {NO_ANCHOR}")
    day = base + dt.timedelta(days=_ANAPHORA[word])
    return Timex(day.isoformat(), reason=f"'{word}' {reason}")


def _ago(m: re.Match[str], ctx: Context) -> Timex | None:
    direction = " ".join(m["dir"].lower().split())
    amount = number_value(m["n"])
    unit = unit_of(m["u"])
    if direction in ("before", "after") and re.match(r"\s*[\w$]", ctx.text[ctx.end :]):
        return None  # "three days after the attack": a duration (another rule), not a date
    backwards = direction in ("ago", "earlier", "before", "back")
    if amount is None:
        return Timex("PAST_REF" if backwards else "FUTURE_REF", reason="vague distance in time")
    if m["u"].lower().startswith(("hour", "minute", "second")):
        unit, amount = "D", 0
    reference = ctx.reference if unit in ("D", "W") else ctx.reference_any
    relative_to_text = direction in ("earlier", "later", "before", "after") and reference is not None
    base = reference if relative_to_text else ctx.anchor
    if base is None:
        return Timex(None, reason=f"'{m.group()}': {NO_ANCHOR}")
    count = int(amount) if amount >= 1 else 0
    if unit == "D" and amount != count:
        count = round(amount)
    shifted = calendar.shift(base, -count if backwards else count, unit if unit in "DWMQYEC" else "D")
    granularity = "Y" if unit in "EC" else unit
    what = "the date mentioned before it" if relative_to_text else "the publication date"
    return Timex(value_at(shifted, granularity), reason=f"{m.group()} from {what}")


def _then(m: re.Match[str], ctx: Context) -> Timex | None:
    if ctx.reference is None:
        return Timex(None, reason="'then' with no day named before it")
    return Timex(ctx.reference.isoformat(), reason="'then': the date mentioned before it")


def _in_the_day(m: re.Match[str], ctx: Context) -> Timex | None:
    base, reason = ctx.reference, "the day mentioned before it"
    if base is None:
        base, reason = ctx.anchor, "the publication day"
    if base is None:
        return Timex(None, reason=f"'{m.group()}': {NO_ANCHOR}")
    return Timex(base.isoformat(), reason=f"'{m.group()}': {reason}")


def _year_ago(m: re.Match[str], ctx: Context) -> Timex | None:
    base = ctx.anchor
    if base is None:
        return Timex(None, reason=f"'{m.group()}': {NO_ANCHOR}")
    return Timex(f"{base.year - 1:04d}", reason="the year before publication")


def _reference(m: re.Match[str], ctx: Context) -> Timex | None:
    words = " ".join(m.group().lower().split())
    if words == "earlier" and re.match(r"\s+than\b", ctx.text[ctx.end :]):
        return None
    ref = _lex.references[words]
    if ref == "PRESENT_REF" and ctx.anchor is not None:
        return Timex(
            ref,
            reason="refers to the time of publication",
            first=ctx.anchor,
            last=ctx.anchor,
            precision="day",
        )
    return Timex(ref, reason=f"{ref.split('_')[0].lower()} reference with no date")


_PARTS = r"(?P<part>morning|afternoon|evening|night)"
_REL_UNITS = r"week|weekend|month|year|decade|century|fiscal\s+year"
_REL = (
    r"(?P<rel>this|last|next|past|previous|coming|current|the\s+past|the\s+previous|the\s+coming|the\s+full"
    r"|the\s+next|the\s+last|the\s+latest|the\s+current|the\s+following|the\s+same|that|the)"
)
_REL_MOD = (
    r"(?:(?P<mod>(?:earlier|later)(?:\s+in)?|early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)"
    r"\s+of)[\s-]+)?"
)
_DIR = r"(?P<dir>ago|earlier|later|before|after|back|from\s+now|hence)"
_APPROX = (
    r"(?:(?:about|almost|nearly|some|around|roughly|approximately|more\s+than|less\s+than|over|just"
    r"|only|barely|at\s+least|fully)\s+)?"
)

RULES: list[Rule] = [
    Rule(
        "day_word",
        re.compile(
            rf"\b(?:(?:early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
            rf"|today|tonight|yesterday|tomorrow|overnight)\b(?:\s+{_PARTS}\b)?",
            _I,
        ),
        _day_word,
    ),
    Rule("day_part", re.compile(rf"\b(?P<rel>this|last)\s+{_PARTS}\b", _I), _day_part),
    Rule(
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>the\s+previous|the\s+following|that|last|this|next|past|coming|early|late|earlier|later)\s+)?"
            rf"{WEEKDAY('wd')}"
            rf"(?:\s+{_PARTS}\b)?",
            _I,
        ),
        _weekday,
    ),
    Rule("unit_relative", re.compile(rf"\b{_REL_MOD}{_REL}\s+(?P<unit>{_REL_UNITS})\b", _I), _unit_relative),
    Rule("anaphora", re.compile(rf"\b(?P<w>{alternation(_ANAPHORA)})\b", _I), _anaphora),
    Rule("ago", re.compile(rf"\b{_APPROX}{NUM('n')}[\s-]+{UNIT('u')}(?:\s+or\s+so)?\s+{_DIR}\b", _I), _ago),
    Rule("then", re.compile(r"(?:(?<=until\s)|(?<=till\s)|(?<=since\s)|(?<=by\s))then\b", _I), _then),
    Rule("in_the_day", re.compile(r"\b(?:earlier|later)\s+in\s+the\s+day\b", _I), _in_the_day),
    Rule("year_ago", re.compile(r"\b(?:the\s+)?year[\s-](?:ago|earlier)\b", _I), _year_ago),
    Rule("reference", re.compile(rf"\b(?:{alternation(_lex.references)})\b", _I), _reference),
]
