"""Find every time expression in a text and normalise it: ``find`` and its one-expression
form ``resolve``.

Every rule scans the text; overlapping candidates are settled longest first (then by rule
order), a rule may reject its own candidate so a shorter one gets the place. Accepted
expressions are then normalised in reading order, so "the day before" can lean on the last
day the text named. Finally "since X" becomes a range up to publication, "from X to Y" /
"between X and Y" a range (valued as X, with Y kept as its own mention inside it), and a clock
time joins the day next to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..document import DateMention
from . import absolute, calendar, durations, relative
from .durations import AGE
from .grammar import Context, Rule, Syntax, Timex
from .lexicon import lexicon

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
_WEEK_OF = re.compile(r"\bthe\s+week\s+of\s+$", re.IGNORECASE)
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


_STOP = frozenset(
    {"the", "in", "at", "a", "so", "to", "of", "new", "may", "s", "day", "right", "these", "this"}
)
# The key words each rule needs near it: rules scan only the text around those words.
_KEYS: dict[str, tuple[str, ...]] = {
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


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
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


def _rule_windows(windows: dict[str, list[tuple[int, int]]], keys: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = sorted(span for key in keys for span in windows.get(key, ()))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _select(text: str, ctx: Context) -> list[_Found]:
    candidates = []
    windows = _windows(text)
    for order, rule in enumerate(RULES):
        keys = _KEYS.get(rule.name)
        for window_start, window_end in _rule_windows(windows, keys) if keys else [(0, len(text))]:
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
            day = dt.date.fromisoformat(cur.first)
            start = cur.start - len(week_of.group())
            monday = day - dt.timedelta(days=day.weekday())
            cur = DateMention(
                text=text[start : cur.end],
                start=start,
                end=cur.end,
                value=calendar.iso_week(day),
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
    return _merge(text, [m for m in mentions if m.reason != AGE], anchor)


def resolve(text: str, anchor: dt.date | str | None = None) -> DateMention | None:
    """Normalise one expression: the longest time expression found in ``text``, or None.

    ``resolve("last week", "2024-03-14").value == "2024-W10"``.
    """
    day = dt.date.fromisoformat(anchor) if isinstance(anchor, str) else anchor
    mentions = find(text, anchor=day)
    return max(mentions, key=lambda m: m.end - m.start, default=None)
