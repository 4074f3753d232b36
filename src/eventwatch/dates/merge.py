"""Joining neighbouring expressions: "since X" becomes a range up to publication, "from X to Y"
and "between X and Y" a range (valued as X, with Y kept as its own mention inside it), "the
week of X" a week, and a clock time joins the day next to it ("10 p.m. Wednesday").
"""

from __future__ import annotations

import datetime as dt
import re

from ..document import DateMention
from . import calendar

__all__ = ["merge"]

_WEEK_OF = re.compile(r"\bthe\s+week\s+of\s+$", re.IGNORECASE)
_SINCE = re.compile(r"(?:\bever\s+)?\bsince\s+$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$", re.IGNORECASE)
_TIME_JOIN = re.compile(r"^(?:,?\s+(?:on\s+)?|\s+at\s+|\s+)$", re.IGNORECASE)
_RANGE_KINDS = frozenset({"date", "time"})


def merge(text: str, mentions: list[DateMention], anchor: dt.date | None) -> list[DateMention]:
    """``mentions`` (in reading order) with neighbours that form one expression joined."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        cur = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        between = text[cur.end : nxt.start] if nxt else ""
        opener = _RANGE_OPEN.search(text[max(0, cur.start - 9) : cur.start])
        if (
            nxt
            and opener
            and cur.kind in _RANGE_KINDS
            and nxt.kind in _RANGE_KINDS
            and cur.first
            and nxt.last
            and _RANGE_JOIN.match(between)
            and cur.first <= nxt.last
        ):
            start = cur.start - len(opener.group())
            out.append(
                DateMention(
                    text=text[start : nxt.end],
                    start=start,
                    end=nxt.end,
                    value=cur.value,
                    kind="range",
                    first=cur.first,
                    last=nxt.last,
                    precision="range",
                    reason=f"range from '{cur.text}' to '{nxt.text}'",
                )
            )
            # The end keeps its own mention too (TIMEX3 marks both ends), inside the range's span.
            i += 1
            continue
        if nxt and _TIME_JOIN.match(between) and {cur.kind, nxt.kind} == {"time", "date"}:
            clock, day = (cur, nxt) if cur.kind == "time" else (nxt, cur)
            if clock.value and "T" in clock.value and day.precision == "day" and day.value:
                value = f"{day.value}T{clock.value.split('T', 1)[1]}"
                out.append(
                    DateMention(
                        text=text[cur.start : nxt.end],
                        start=cur.start,
                        end=nxt.end,
                        value=value,
                        kind="time",
                        first=day.first,
                        last=day.last,
                        precision="day",
                        reason=f"clock time on {day.reason}",
                    )
                )
                i += 2
                continue
        week_of = _WEEK_OF.search(text[max(0, cur.start - 12) : cur.start])
        if week_of and cur.precision == "day" and cur.first and cur.kind in _RANGE_KINDS:
            named = dt.date.fromisoformat(cur.first)
            start = cur.start - len(week_of.group())
            monday = named - dt.timedelta(days=named.weekday())
            cur = DateMention(
                text=text[start : cur.end],
                start=start,
                end=cur.end,
                value=calendar.iso_week(named),
                kind="date",
                first=monday.isoformat(),
                last=(monday + dt.timedelta(days=6)).isoformat(),
                precision="week",
                reason=f"the week of {cur.text}",
            )
        since = _SINCE.search(text[max(0, cur.start - 12) : cur.start])
        if since and cur.first and cur.kind in _RANGE_KINDS:
            start = cur.start - len(since.group())
            last = anchor.isoformat() if anchor and anchor.isoformat() >= cur.first else None
            reason = (
                f"'since {cur.text}' up to the publication date"
                if last
                else (f"'since {cur.text}': open range (publication date unknown)")
            )
            cur = DateMention(
                text=text[start : cur.end],
                start=start,
                end=cur.end,
                value=cur.value,
                kind="range",
                first=cur.first,
                last=last,
                precision="range",
                reason=reason,
            )
        out.append(cur)
        i += 1
    return out
