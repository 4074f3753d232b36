"""Find every time expression in a text and normalise it: ``find`` and its one-expression
form ``resolve``.

Every rule scans the text; overlapping candidates are settled longest first (then by rule
order), a rule may reject its own candidate so a shorter one gets the place. Accepted
expressions are then normalised in reading order, so "the day before" can lean on the last
day the text named. Finally "since X" becomes a range up to publication, "from X to Y" /
"between X and Y" a range, and a clock time joins the day next to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..document import DateMention
from . import absolute, calendar, durations, relative
from .grammar import Context, Rule, Syntax, Timex

__all__ = ["RULES", "find", "resolve"]

# Sets come before durations so "$5 a year" is a frequency and "a year" alone a duration.
RULES: list[Rule] = [
    *absolute.RULES,
    *relative.RULES,
    durations.RULES[2],
    durations.RULES[0],
    durations.RULES[1],
    durations.RULES[3],
]
_SINCE = re.compile(r"(?:\bever\s+)?\bsince\s+$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$", re.IGNORECASE)
_TIME_JOIN = re.compile(r"^(?:,?\s+(?:on\s+)?|\s+at\s+|\s+)$", re.IGNORECASE)
_RANGE_KINDS = frozenset({"date", "time"})


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    timex: Timex


def _select(text: str, ctx: Context) -> list[_Found]:
    candidates = []
    for order, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if end > start:
                candidates.append((start - end, order, start, rule, match))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken = bytearray(len(text) + 1)
    chosen = []
    for _, _, start, rule, match in candidates:
        end = match.end()
        if any(taken[start:end]):
            continue
        ctx.start, ctx.end = start, end
        timex = rule.handler(match, ctx)
        if timex is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(_Found(start, end, rule, match, timex))
    chosen.sort(key=lambda f: f.start)
    return chosen


def _mention(text: str, start: int, end: int, timex: Timex) -> DateMention:
    first, last, precision = timex.first, timex.last, timex.precision
    if first is None and timex.kind in ("date", "time"):
        window = calendar.window(timex.value)
        if window is not None:
            first, last, precision = window
    return DateMention(
        text=text[start:end],
        start=start,
        end=end,
        value=timex.value,
        kind=timex.kind,
        first=first.isoformat() if first else None,
        last=last.isoformat() if last else None,
        precision=precision or "unknown",
        reason=timex.reason or None,
    )


def _merge(text: str, mentions: list[DateMention], anchor: dt.date | None) -> list[DateMention]:
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
                    value=f"{cur.value}/{nxt.value}",
                    kind="range",
                    first=cur.first,
                    last=nxt.last,
                    precision="range",
                    reason=f"range from '{cur.text}' to '{nxt.text}'",
                )
            )
            i += 2
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


def find(text: str, *, anchor: dt.date | None = None, syntax: Syntax | None = None) -> list[DateMention]:
    """Every time expression in ``text``, normalised against the publication date ``anchor``."""
    ctx = Context(text=text, anchor=anchor, syntax=syntax)
    found = _select(text, ctx)
    mentions = []
    reference: dt.date | None = None
    for item in found:
        if item.rule.name in ("anaphora", "ago", "unit_relative") and reference is not None:
            ctx.start, ctx.end, ctx.reference = item.start, item.end, reference
            item.timex = item.rule.handler(item.match, ctx) or item.timex
            ctx.reference = None
        mention = _mention(text, item.start, item.end, item.timex)
        if mention.first and mention.kind in ("date", "time") and mention.precision == "day":
            reference = dt.date.fromisoformat(mention.first)
        mentions.append(mention)
    return _merge(text, mentions, anchor)


def resolve(text: str, anchor: dt.date | str | None = None) -> DateMention | None:
    """Normalise one expression: the longest time expression found in ``text``, or None.

    ``resolve("last week", "2024-03-14").value == "2024-W10"``.
    """
    day = dt.date.fromisoformat(anchor) if isinstance(anchor, str) else anchor
    mentions = find(text, anchor=day)
    return max(mentions, key=lambda m: m.end - m.start, default=None)
