"""Rules for calendar expressions: explicit dates, months, years, decades, centuries,
quarters, halves, seasons, holidays and numeric dates.

Year-less expressions ("Nov. 21", "December", "the third quarter") take the year that puts
them nearest the publication date, leaning to the past or future with the clause's tense.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

from . import calendar
from .grammar import DAY, MONTH, WEEKDAY, YEAR, Context, Rule, Timex, month_of, rejected_case
from .lexicon import lexicon, number_value

__all__ = ["END", "MOD", "NO_ANCHOR", "RULES", "narrow_timex", "year_of"]

_lex = lexicon()
_I = re.IGNORECASE
END = r"(?!\w)"
MOD = r"(?P<mod>early|mid|late|post|pre|the\s+(?:end|beginning|start|middle)\s+of|(?:the\s+)?turn\s+of)"
NO_ANCHOR = "relative to the publication date, which is unknown"


def year_of(text: str) -> int:
    """A written year as a number ("'98" -> 1998, "'05" -> 2005)."""
    if text.startswith("'"):
        short = int(text[1:])
        return 2000 + short if short <= 30 else 1900 + short
    return int(text)


def _mw(m: re.Match[str]) -> str:
    """The month word of a match, full name or abbreviation."""
    return m["m"] or m["m_abbr"]


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _calendar.monthrange(year, month)[1]


def _month_day(m: re.Match[str], ctx: Context) -> Timex | None:
    if rejected_case(_mw(m)):
        return None
    month, day = month_of(_mw(m)), int(m["d"])
    if m["y"]:
        year = year_of(m["y"])
        if not _valid(year, month, day):
            return None
        return Timex(f"{year:04d}-{month:02d}-{day:02d}", reason="explicit date")
    if ctx.anchor is None:
        return Timex(None, reason=f"day and month without a year; {NO_ANCHOR}")
    rel = (m["rel"] or "").lower()
    tense = -1 if rel == "last" else 1 if rel == "next" else ctx.tense()
    year = calendar.closest_year(month, day, ctx.anchor, tense=tense)
    if not _valid(year, month, day):
        return None
    return Timex(
        f"{year:04d}-{month:02d}-{day:02d}", reason="day and month; year nearest the publication date"
    )


def _day_range(m: re.Match[str], ctx: Context) -> Timex | None:
    if rejected_case(_mw(m)):
        return None
    month, d1, d2 = month_of(_mw(m)), int(m["d"]), int(m["d2"])
    if d2 <= d1:
        return None
    if m["y"]:
        year = year_of(m["y"])
    elif ctx.anchor is not None:
        year = calendar.closest_year(month, d1, ctx.anchor, tense=ctx.tense())
    else:
        return Timex(None, kind="range", reason=f"days of a month without a year; {NO_ANCHOR}")
    if not (_valid(year, month, d1) and _valid(year, month, d2)):
        return None
    first, last = dt.date(year, month, d1), dt.date(year, month, d2)
    return Timex(
        first.isoformat(),
        kind="range",
        reason="explicit range of days",
        first=first,
        last=last,
        precision="range",
    )


def _numeric(m: re.Match[str], ctx: Context) -> Timex | None:
    if m["iso"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        a, b, year = int(m["a"]), int(m["b"]), year_of("'" + m["ny"] if len(m["ny"]) == 2 else m["ny"])
        # US order (month/day) unless the first number cannot be a month.
        month, day = (a, b) if a <= 12 else (b, a)
    if not _valid(year, month, day):
        return None
    return Timex(f"{year:04d}-{month:02d}-{day:02d}", reason="numeric date")


def narrow_timex(timex: Timex, mod: str | None) -> Timex:
    """Narrow a month or year window to its early / middle / late third ("early 1990", "late May")."""
    window = calendar.window(timex.value)
    if not mod or window is None:
        return timex
    part = calendar.part_of(mod)
    if part is None:
        return timex
    first, last = calendar.narrow(window[0], window[1], part)
    timex.first, timex.last, timex.precision = first, last, "range"
    timex.reason += f" ({part})"
    return timex


def _month_year(m: re.Match[str], ctx: Context) -> Timex | None:
    if rejected_case(_mw(m)) and not m["y"]:
        return None
    if not m["y"] and m["m_abbr"] and not m.group().endswith("."):
        return None  # a bare abbreviation ("Jan") is more often a name than a month
    month = month_of(_mw(m))
    rel = " ".join((m["rel"] or m["rel2"] or "").lower().split())
    if m["y"]:
        return narrow_timex(Timex(f"{year_of(m['y']):04d}-{month:02d}", reason="explicit month"), m["mod"])
    if ctx.anchor is None:
        return Timex(None, reason=f"month without a year; {NO_ANCHOR}")
    anchor = ctx.anchor
    if rel in ("last year", "previous year"):
        year = anchor.year - 1
    elif rel in ("next year",):
        year = anchor.year + 1
    elif rel in ("this year", "this"):
        year = anchor.year
    elif rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        tense = ctx.tense()
        year = calendar.closest_year(month, 15, anchor, tense=tense)
        if month == anchor.month:
            year = anchor.year
    reason = "month; year nearest the publication date" if not rel else f"month ({rel})"
    return narrow_timex(Timex(f"{year:04d}-{month:02d}", reason=reason), m["mod"])


def _year(m: re.Match[str], ctx: Context) -> Timex | None:
    year = year_of(m["y"])
    before = ctx.before(3)
    if before.endswith(("$", "#", "no.", "€", "£")) or re.search(r"\d[,.]?$", before):
        return None
    after = ctx.after(12)
    if re.match(r"\s*(?:%|percent|per\s+cent|[a-z]*meters?|km|kg|mg|feet|ft|miles?|tons?|,\d|-\d)", after):
        return None
    if m["y"].startswith("'") and not m["fiscal"]:
        return None
    if not (m["mod"] or m["fiscal"]) and _counts(m, ctx):
        return None
    reason = "fiscal year" if m["fiscal"] else "explicit year"
    return narrow_timex(Timex(f"{year:04d}", reason=reason), m["mod"])


_DETERMINER = re.compile(r"(?:\b(?:the|its|his|her|their|our|this|that|a)|'s|s')\s+$", re.IGNORECASE)
_PLURAL_NEXT = re.compile(r"\s+[a-z]+s\b")


def _counts(m: re.Match[str], ctx: Context) -> bool:
    """Whether a year-like number counts things ("2000 soldiers", "fell 1998 points")."""
    if ctx.syntax is not None:
        return ctx.syntax.counts_noun(ctx.start)
    # No parse: a plural word right after, and no determiner before ("the 1992 protests" is a year).
    return bool(_PLURAL_NEXT.match(ctx.text, ctx.end)) and not _DETERMINER.search(ctx.before(12))


def _spoken_year(m: re.Match[str], ctx: Context) -> Timex | None:
    if m["c"]:
        rest = number_value(m["t"])
        if rest is None or (rest >= 100 and m["t"].lower() != "hundred"):
            return None
        year = (19 if m["c"].lower() == "nineteen" else 18) * 100 + (0 if rest == 100 else int(rest))
    else:
        rest = number_value(m["u"]) if m["u"] else 0
        if rest is None:
            return None
        year = 2000 + int(rest)
    return Timex(f"{year:04d}", reason="year in words")


def _year_end(m: re.Match[str], ctx: Context) -> Timex | None:
    if ctx.anchor is None:
        return Timex(None, reason=f"year-end; {NO_ANCHOR}")
    rel = (m["rel"] or "").lower()
    year = ctx.anchor.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
    return Timex(
        f"{year:04d}",
        reason="the end of the year",
        first=dt.date(year, 12, 1),
        last=dt.date(year, 12, 31),
        precision="range",
    )


_TENS_WORDS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT_WORDS = r"one|two|three|four|five|six|seven|eight|nine"
_TEEN_WORDS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_M, _D, _D2, _Y = MONTH("m"), DAY("d"), DAY("d2"), YEAR("y")
_WD = WEEKDAY("wd")
RULES: list[Rule] = [
    Rule(
        "spoken_year",
        re.compile(
            rf"\b(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen)[\s-]+(?P<t>(?:{_TENS_WORDS})(?:[\s-]+(?:{_UNIT_WORDS}))?"
            rf"|{_TEEN_WORDS}|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?P<u>{_TEEN_WORDS}|{_UNIT_WORDS}))?)\b",
            _I,
        ),
        _spoken_year,
    ),
    Rule(
        "year_end",
        re.compile(r"\b(?:around\s+)?(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year(?:'s)?[\s-]end\b", _I),
        _year_end,
    ),
    Rule(
        "month_day",
        re.compile(
            rf"\b(?:(?P<pre>{_WD}|today|yesterday|tomorrow),?\s+)?(?:(?P<rel>last|this|next|the)\s+)?{_M}\s+{_D}"
            rf"(?:,?\s+{_Y})?",
            _I,
        ),
        _month_day,
    ),
    Rule(
        "day_month",
        re.compile(
            rf"\b(?:(?P<pre>{_WD}|today|yesterday|tomorrow),?\s+)?(?:(?P<rel>last|this|next|the)\s+)?{_D}(?:\s+of)?\s+{_M}"
            rf"(?:,?\s+{_Y})?",
            _I,
        ),
        _month_day,
    ),
    Rule(
        "day_range",
        re.compile(
            rf"\b(?:from\s+|between\s+)?{_D}\s*(?:-|–|to|and|until|till)\s*{_D2}\s+{_M}(?:,?\s+{_Y})?", _I
        ),
        _day_range,
    ),
    Rule(
        "month_day_range",
        re.compile(
            rf"\b(?:from\s+|between\s+)?{_M}\s+{_D}\s*(?:-|–|to|and|until|till)\s*{_D2}(?:,?\s+{_Y})?", _I
        ),
        _day_range,
    ),
    Rule(
        "numeric",
        re.compile(
            r"\b(?:(?P<iso>(?P<iy>1\d{3}|20\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))"
            r"|(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<ny>(?:19|20)\d\d|\d\d))(?![\d/.-]\d)"
        ),
        _numeric,
    ),
    Rule(
        "month_year",
        re.compile(
            rf"\b(?:{MOD}[\s-]*)?(?:(?P<rel>this|last|next)\s+)?{_M}"
            rf"(?:(?:\s+of|,)?\s+{_Y}|\s+(?P<rel2>this\s+year|last\s+year|next\s+year))?",
            _I,
        ),
        _month_year,
    ),
    Rule(
        "year",
        re.compile(
            rf"(?<![\w$/.-])(?:{MOD}[\s-]*)?(?:the\s+year\s+)?(?:(?P<fiscal>fiscal(?:\s+year)?|FY)[\s-]*)?{_Y}(?!\s*[-–]\s*\d)",
            _I,
        ),
        _year,
    ),
]
