"""Calendar arithmetic for TIMEX3-style values: shifting, weeks, quarters, seasons, windows.

Every function here is pure. ``window`` turns a TIMEX3 value (``2022-05``, ``2022-W21``,
``1998-Q3``, ``199X``) into the first and last day it covers and a precision word.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = [
    "Window",
    "closest_year",
    "easter",
    "election_day",
    "iso_week",
    "month_end",
    "narrow",
    "next_period",
    "part_of",
    "period_start",
    "shift",
    "thanksgiving",
    "weekday_near",
    "window",
]

Window = tuple[dt.date, dt.date, str]

_SEASONS = {
    "SP": ((3, 1), (5, 31)),
    "SU": ((6, 1), (8, 31)),
    "FA": ((9, 1), (11, 30)),
    "WI": ((12, 1), (2, 28)),
}
_VALUE = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?|W(?P<week>\d\d)(?P<we>-WE)?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?(?:T.*)?"
)


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` in ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` moved by ``amount`` units (D, W, M, Q, Y, E decades, C centuries); month ends clamp."""
    if unit == "D":
        return day + dt.timedelta(days=amount)
    if unit == "W":
        return day + dt.timedelta(weeks=amount)
    months = amount * {"M": 1, "Q": 3, "Y": 12, "E": 120, "C": 1200}[unit]
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def iso_week(day: dt.date) -> str:
    """The TIMEX3 week value of ``day`` (ISO weeks, Monday first): ``2022-W21``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekday_near(anchor: dt.date, weekday: int, *, direction: int) -> dt.date:
    """The ``weekday`` (1 = Monday) nearest ``anchor``: the same day counts.

    ``direction`` -1 looks back (news usage: "on Thursday" is the most recent Thursday),
    +1 looks forward (future tense), -2/+2 skip the anchor's own week day ("last/next Friday").
    """
    back = (anchor.isoweekday() - weekday) % 7
    if direction == -1:
        return anchor - dt.timedelta(days=back)
    if direction == -2:
        return anchor - dt.timedelta(days=back or 7)
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction == 2:
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor + dt.timedelta(days=ahead)


def closest_year(month: int, day: int, anchor: dt.date, *, tense: int = 0) -> int:
    """The year that puts ``month``/``day`` nearest ``anchor`` (no year was written).

    ``tense`` -1 prefers the past, +1 the future; 0 leans to the past.
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        last = calendar.monthrange(year, month)[1]
        day_in = dt.date(year, month, min(day, last))
        candidates.append((day_in, year))

    def cost(candidate: tuple[dt.date, int]) -> tuple[int, bool]:
        days = (candidate[0] - anchor).days
        # The tense makes the other direction four times as far, so a date a week ahead in a
        # past-tense clause still beats the same date almost a year back.
        # With no tense, news leans to the past: twice as far ahead as back.
        against = (tense < 0 and days > 0) or (tense > 0 and days < 0)
        weight = 4 if against else 2 if tense == 0 and days > 0 else 1
        return abs(days) * weight, days > 0

    return min(candidates, key=cost)[1]


def narrow(first: dt.date, last: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """The ``part`` ("early", "mid" or "late") third of a window: a year in four-month thirds,
    a month in days 1-10 / 11-20 / 21-end, anything else in thirds of its days."""
    index = {"early": 0, "mid": 1, "late": 2}[part]
    if (
        first.month == 1
        and first.day == 1
        and last.month == 12
        and last.day == 31
        and first.year == last.year
    ):
        start = dt.date(first.year, 1 + 4 * index, 1)
        return start, month_end(first.year, 4 + 4 * index)
    if first.day == 1 and last == month_end(first.year, first.month):
        starts = (1, 11, 21)
        ends = (10, 20, last.day)
        return first.replace(day=starts[index]), first.replace(day=ends[index])
    third = max(((last - first).days + 1) // 3, 1)
    start = first + dt.timedelta(days=third * index)
    return start, last if index == 2 else start + dt.timedelta(days=third - 1)


def part_of(mod: str) -> str | None:
    """Which third a modifier names: "early", "the beginning of" -> early; "late", "the end of" -> late."""
    mod = mod.lower()
    if mod.startswith(("early", "the beginning", "the start", "beginning", "start")):
        return "early"
    if mod.startswith(("late", "the end", "end")):
        return "late"
    if mod.startswith(("mid", "the middle", "middle")):
        return "mid"
    return None


def election_day(year: int) -> dt.date:
    """US Election Day: the Tuesday after the first Monday of November."""
    first = dt.date(year, 11, 1)
    monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
    return monday + dt.timedelta(days=1)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def window(value: str | None) -> Window | None:
    """First day, last day and precision of a TIMEX3 date value, or None (durations, refs, X-values)."""
    if not value:
        return None
    if re.fullmatch(r"\d{3}X?", value):
        decade = int(value[:3]) * 10
        return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "range"
    if re.fullmatch(r"\d{2}", value):
        century = int(value) * 100
        return dt.date(max(century, 1), 1, 1), dt.date(century + 99, 12, 31), "range"
    match = _VALUE.fullmatch(value)
    if match is None:
        return None
    year = int(match["year"])
    if match["day"]:
        day = dt.date(year, int(match["month"]), int(match["day"]))
        return day, day, "day"
    if match["month"]:
        month = int(match["month"])
        return dt.date(year, month, 1), month_end(year, month), "month"
    if match["week"]:
        monday = dt.date.fromisocalendar(year, int(match["week"]), 1)
        if match["we"]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
        return monday, monday + dt.timedelta(days=6), "week"
    if match["quarter"]:
        first_month = 3 * int(match["quarter"]) - 2
        return dt.date(year, first_month, 1), month_end(year, first_month + 2), "range"
    if match["half"]:
        first_month = 6 * int(match["half"]) - 5
        return dt.date(year, first_month, 1), month_end(year, first_month + 5), "range"
    if match["season"]:
        (m1, d1), (m2, _) = _SEASONS[match["season"]]
        end_year = year + 1 if match["season"] == "WI" else year
        return dt.date(year, m1, d1), month_end(end_year, m2), "range"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def period_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the day, ISO week (Monday) or month containing ``day``; ValueError for another unit."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {unit!r}: use day, week or month")


def next_period(start: dt.date, unit: str) -> dt.date:
    """The first day of the period after the one starting on ``start``."""
    if unit == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start + dt.timedelta(days=7 if unit == "week" else 1)
