"""Find every time expression in a text and normalise it: ``find`` and its one-expression
form ``resolve``.

Every rule scans the text around its key words (``windows``); overlapping candidates are
settled longest first (then by rule order), and a rule may reject its own candidate so a
shorter one gets the place. Accepted expressions are then normalised in reading order, so "the
day before" can lean on the last day the text named, and neighbours that form one expression
are joined (``merge``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..document import DateMention
from . import absolute, calendar, durations, periods, relative
from .durations import AGE
from .grammar import Context, Rule, Syntax, Timex
from .merge import merge
from .windows import KEYS, rule_windows, windows

__all__ = ["RULES", "find", "resolve"]

# Sets come before durations so "$5 a year" is a frequency and "a year" alone a duration.
RULES: list[Rule] = [
    *absolute.RULES,
    *periods.RULES,
    *relative.RULES,
    durations.RULES[2],
    durations.RULES[0],
    durations.RULES[1],
    durations.RULES[3],
]


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    timex: Timex


def _select(text: str, ctx: Context) -> list[_Found]:
    candidates = []
    spans = windows(text)
    for order, rule in enumerate(RULES):
        keys = KEYS.get(rule.name)
        for window_start, window_end in rule_windows(spans, keys) if keys else [(0, len(text))]:
            for match in rule.pattern.finditer(text, window_start, window_end):
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


_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_ONE_YEAR = re.compile(r"^(?:(?:a|one|the)\s+)?year\b", re.IGNORECASE)
_QUARTER_REACH = 1500  # characters back in which a quarter sets the granularity of "a year ago"
_ANAPHORIC = frozenset({"anaphora", "ago", "unit_relative", "weekday", "then", "in_the_day"})
_REFERENCE_REACH = 250  # characters back in which a date can be what "a year earlier" counts from


def _quarterly(mention: DateMention, quarter: tuple[int, str] | None, text: str) -> None:
    """TIMEX3 reads "a year earlier" at the granularity of the period compared: after "the third
    quarter" it is the third quarter of the year before."""
    if quarter is None or not mention.value or not re.fullmatch(r"\d{4}", mention.value):
        return
    offset, value = quarter
    if mention.start - offset > _QUARTER_REACH:
        return
    match = _QUARTER_VALUE.fullmatch(value)
    if match is None:
        return
    mention.value = f"{mention.value}-Q{match[2]}"
    window = calendar.window(mention.value)
    if window is not None:
        mention.first, mention.last = window[0].isoformat(), window[1].isoformat()
        mention.precision = window[2]
    mention.reason = f"{mention.reason}; at the granularity of the quarter compared ({value})"


def find(text: str, *, anchor: dt.date | None = None, syntax: Syntax | None = None) -> list[DateMention]:
    """Every time expression in ``text``, normalised against the publication date ``anchor``."""
    ctx = Context(text=text, anchor=anchor, syntax=syntax)
    found = _select(text, ctx)
    mentions = []
    quarter: tuple[int, str] | None = None
    reference_at = 0
    for item in found:
        if item.rule.name in _ANAPHORIC and (ctx.reference is not None or ctx.reference_any is not None):
            saved = ctx.reference, ctx.reference_any
            if item.rule.name == "ago" and item.start - reference_at > _REFERENCE_REACH:
                # "a year earlier" far from any date counts from publication, not from a date
                # named paragraphs before; "the day before" and "that year" always lean back.
                ctx.reference = ctx.reference_any = None
            ctx.start, ctx.end = item.start, item.end
            item.timex = item.rule.handler(item.match, ctx) or item.timex
            ctx.reference, ctx.reference_any = saved
        start = item.start
        if item.match.re.groupindex.get("pre") and item.match["pre"] and item.timex.value:
            # "Thursday, Jan. 6" / "Today, May 26": two expressions; the written date fixes both.
            pre_start, pre_end = item.match.span("pre")
            mentions.append(
                _mention(
                    text,
                    pre_start,
                    pre_end,
                    Timex(item.timex.value, reason=f"named with its date: {item.timex.reason}"),
                )
            )
            start = pre_end
            while start < item.end and (text[start].isspace() or text[start] == ","):
                start += 1
        mention = _mention(text, start, item.end, item.timex)
        if item.rule.name == "year_ago" or (item.rule.name == "ago" and _ONE_YEAR.match(mention.text)):
            _quarterly(mention, quarter, text)
        if mention.value and _QUARTER_VALUE.fullmatch(mention.value):
            quarter = (mention.start, mention.value)
        if (
            mention.first
            and mention.kind in ("date", "time")
            and mention.precision in ("day", "month", "year")
        ):
            day = dt.date.fromisoformat(mention.first)
            ctx.reference_any, reference_at = day, mention.end
            if mention.precision == "day":
                ctx.reference = day
        mentions.append(mention)
    # An age is a length of a life, not a time expression: it only held its place above.
    return merge(text, [m for m in mentions if m.reason != AGE], anchor)


def resolve(text: str, anchor: dt.date | str | None = None) -> DateMention | None:
    """Normalise one expression: the longest time expression found in ``text``, or None.

    ``resolve("last week", "2024-03-14").value == "2024-W10"``.
    """
    day = dt.date.fromisoformat(anchor) if isinstance(anchor, str) else anchor
    mentions = find(text, anchor=day)
    return max(mentions, key=lambda m: m.end - m.start, default=None)
