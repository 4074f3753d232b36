"""Rules for periods longer than a month: decades, centuries, quarters, halves, seasons, and
holidays. Year-less ones take the most recent such period that has begun at publication
("the third quarter", "last fall"), or the next one when the text says so.
"""

from __future__ import annotations

import datetime as dt
import re

from . import calendar
from .absolute import END, MOD, NO_ANCHOR, narrow_timex, year_of
from .grammar import ORD, YEAR, Context, Rule, Timex
from .lexicon import alternation, lexicon, number_value

__all__ = ["RULES"]

_lex = lexicon()
_I = re.IGNORECASE
_Y = YEAR("y")


def _decade(m: re.Match[str], ctx: Context) -> Timex | None:
    if m["word"]:
        if not m.group().lower().startswith("the") and not re.search(r"\bthe\s+$", ctx.before(8)):
            return None  # "in his nineties" is an age
        tens = int(number_value(m["word"].lower().replace("ies", "y")) or 0)
        return narrow_timex(Timex(f"19{tens // 10}", reason="decade in words"), m["mod2"])
    if m["short"]:
        century = "19" if int(m["short"]) >= 3 else "20"
        value = century + m["short"]
    else:
        value = m["c"] + m["d"]
    return narrow_timex(Timex(value, reason="decade"), m["mod"])


def _century(m: re.Match[str], ctx: Context) -> Timex | None:
    number = int(m["n"]) if m["n"] else _lex.ordinals[m["o"].lower()]
    return Timex(f"{number - 1:02d}", reason="century")


_PERIOD_WORDS = (
    "latest",
    "year-ago",
    "year-earlier",
    "year ago",
    "year earlier",
    "comparable",
    "corresponding",
    "same",
)


def _quarter(m: re.Match[str], ctx: Context) -> Timex | None:
    words = " ".join((m["rel"] or "").lower().split())
    ordinal = m["o"] or m["o2"]
    number = int(m["qn"]) if m["qn"] else _lex.ordinals.get(ordinal.lower(), 2) if ordinal else None
    unit_word = (m["unit"] or m["unit2"] or "quarter").lower()
    unit = "H" if unit_word == "half" else "Q"
    if unit == "H" and number is None and "last" in words:
        number, words = 2, words.replace("last", "").strip()  # "the last half of 1989"
    if number is not None and number > (2 if unit == "H" else 4):
        return None
    if unit == "H" and number is None:
        return None
    if unit_word == "period" and not m["y3"] and not any(w in words for w in _PERIOD_WORDS):
        return None
    written = m["y"] or m["y2"] or m["y3"]
    if written and number is not None:
        kind = "explicit quarter" if unit == "Q" else "half year"
        return Timex(f"{year_of(written):04d}-{unit}{number}", reason=kind)
    if number is None and not words and not written:
        return None
    if ctx.anchor is None:
        return Timex(None, reason=f"quarter without a year; {NO_ANCHOR}")
    anchor = ctx.anchor
    per_year = 2 if unit == "H" else 4
    index = anchor.year * per_year + (anchor.month - 1) // (12 // per_year)  # running quarter/half index
    if number is not None:
        # The most recent quarter with that number that has begun ("third-quarter profit").
        target = anchor.year * per_year + number - 1
        if target > index:
            target -= per_year
        if "next" in words and target <= index:
            target += per_year
        if "last year" in words or "year-ago" in words or "year-earlier" in words:
            target = (anchor.year - 1) * per_year + number - 1
    elif words in ("this", "the current", "current", "this fiscal", "the current fiscal"):
        target = index
    elif "next" in words or "coming" in words:
        target = index + 1
    else:
        # "the quarter", "the latest quarter", "last quarter": the last completed one.
        target = index - 1
        if any(w in words for w in ("year-ago", "year-earlier", "year ago", "year earlier", "same")):
            target -= per_year
    if written:
        target = year_of(written) * per_year + target % per_year
    year, part = divmod(target, per_year)
    reason = f"{'quarter' if unit == 'Q' else 'half'} ({words or 'ordinal'}) nearest the publication date"
    return Timex(f"{year:04d}-{unit}{part + 1}", reason=reason)


def _season(m: re.Match[str], ctx: Context) -> Timex | None:
    code = _lex.seasons[m["s"].lower()]
    rel = " ".join((m["rel"] or "").lower().split()).replace("this past", "last")
    if m["y"]:
        return Timex(f"{year_of(m['y']):04d}-{code}", reason="season of an explicit year")
    if not rel and m["s"].lower() in ("fall", "spring"):
        return None
    if ctx.anchor is None:
        return Timex(None, reason=f"season; {NO_ANCHOR}")
    anchor = ctx.anchor
    spans = []
    for year in range(anchor.year - 2, anchor.year + 2):
        window = calendar.window(f"{year:04d}-{code}")
        if window is not None:
            spans.append((year, window[0], window[1]))
    if rel == "last":
        year = max(y for y, _, end in spans if end < anchor)
    elif rel == "next":
        year = min(y for y, start, _ in spans if start > anchor)
    else:
        inside = [y for y, start, end in spans if start <= anchor <= end]
        year = inside[0] if inside else anchor.year
    return Timex(f"{year:04d}-{code}", reason=f"season ({rel or 'this'})")


def _holiday(m: re.Match[str], ctx: Context) -> Timex | None:
    name = " ".join(m["h"].lower().split())

    def on(year: int) -> dt.date:
        if name.startswith("easter"):
            return calendar.easter(year)
        if name.startswith("thanksgiving"):
            return calendar.thanksgiving(year)
        if name == "election day":
            return calendar.election_day(year)
        month, day = _lex.holidays[name]
        return dt.date(year, month, day)

    if m["y"]:
        return Timex(on(year_of(m["y"])).isoformat(), reason="holiday of an explicit year")
    if ctx.anchor is None:
        return Timex(None, reason=f"holiday; {NO_ANCHOR}")
    days = [on(y) for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
    rel = (m["rel"] or "").lower()
    if rel == "last" or (not rel and ctx.tense() < 0):
        day = max(d for d in days if d <= ctx.anchor)
    elif rel == "next" or (not rel and ctx.tense() > 0):
        day = min(d for d in days if d >= ctx.anchor)
    else:
        day = min(days, key=lambda d: abs((d - ctx.anchor).days) if ctx.anchor else 0)
    return Timex(day.isoformat(), reason="holiday nearest the publication date")


_HOLIDAYS = alternation(
    [*_lex.holidays, "easter sunday", "easter", "thanksgiving day", "thanksgiving", "election day"]
)
_QREL = (
    r"(?P<rel>(?:(?:the|this|last|next|latest|current|previous|past|coming|same|year[\s-]ago|year[\s-]earlier"
    r"|comparable|corresponding|fiscal|this\s+year's|last\s+year's|next\s+year's)\s+)+)"
)

RULES: list[Rule] = [
    Rule(
        "decade",
        re.compile(
            rf"\b(?:the\s+)?(?:{MOD}[\s-]*)?(?:(?P<c>1[0-9]|20)(?P<d>\d)0|'(?P<short>\d)0)'?s{END}"
            rf"|(?:(?:the\s+)?(?:(?P<mod2>early|mid|late)[\s-]+)?(?:nineteen[\s-]+)?(?P<word>twenties|thirties"
            rf"|forties|fifties|sixties|seventies|eighties"
            rf"|nineties)){END}",
            _I,
        ),
        _decade,
    ),
    Rule(
        "century",
        re.compile(rf"\b(?:the\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|{ORD('o')})[\s-]+century{END}", _I),
        _century,
    ),
    Rule(
        "quarter",
        re.compile(
            rf"\b{_QREL}?(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|latter)[\s-]+)?(?:fiscal\s+)?"
            rf"(?P<unit>quarter|half|period){END}(?:(?:\s+of\s+(?:fiscal\s+)?|,?\s+){_Y})?"
            rf"|\b(?:fiscal\s+)?Q(?P<qn>[1-4])(?:\s+{YEAR('y2')})?{END}"
            rf"|\b(?:the\s+)?{YEAR('y3')}\s+(?:(?P<o2>first|second|third|fourth|latter)[\s-]+)?(?:fiscal\s+)?"
            rf"(?P<unit2>quarter|half|period){END}",
            _I,
        ),
        _quarter,
    ),
    Rule(
        "season",
        re.compile(
            rf"\b(?:(?P<rel>this\s+past|this|last|next|early|late|mid|the)[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)"
            rf"{END}"
            rf"(?:\s+(?:of\s+)?{_Y})?",
            _I,
        ),
        _season,
    ),
    Rule(
        "holiday",
        re.compile(rf"\b(?:(?P<rel>last|this|next)\s+)?(?P<h>{_HOLIDAYS}){END}(?:\s+{_Y})?", _I),
        _holiday,
    ),
]
