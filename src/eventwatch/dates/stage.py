"""Dates stages: ``eventwatch.dates.v1`` finds time expressions; ``eventwatch.event_dates.v1``
dates each event from the expression that governs it."""

from __future__ import annotations

import datetime as dt
import re

from ..document import DateMention, Document, EventDate
from ..registry import Stage, register

__all__ = ["DatesStage", "EventDatesStage"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PATTERN = re.compile(
    rf"\b(?:today|yesterday|(?:on |last )?(?:{'|'.join(w.title() for w in _WEEKDAYS)})"
    rf"|(?:{_MONTHS}) \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?|in \d{{4}})\b"
)


def _resolve(text: str, anchor: dt.date | None) -> tuple[dt.date | None, str]:
    import dateparser

    lowered = text.lower().removeprefix("on ").removeprefix("last ").removeprefix("in ")
    if lowered in _WEEKDAYS:
        if anchor is None:
            return None, "weekday with no publication date"
        back = (anchor.weekday() - _WEEKDAYS.index(lowered)) % 7
        return anchor - dt.timedelta(days=back), "most recent such weekday"
    if lowered.isdigit():
        return dt.date(int(lowered), 1, 1), "year"
    base = dt.datetime.combine(anchor, dt.time()) if anchor else None
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base} if base else {}
    parsed = dateparser.parse(lowered, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None or (anchor is None and lowered in ("today", "yesterday")):
        return None, "relative expression with no publication date"
    return parsed.date(), "dateparser"


class DatesStage(Stage):
    """Finds time expressions and gives each a TIMEX3-style value."""

    def __call__(self, doc: Document) -> Document:
        anchor = dt.date.fromisoformat(doc.published) if doc.published else None
        mentions = []
        for match in _PATTERN.finditer(doc.text):
            day, reason = _resolve(match.group(), anchor)
            is_year = match.group().startswith("in ")
            value = None if day is None else (str(day.year) if is_year else day.isoformat())
            first = last = None if day is None else day.isoformat()
            if day is not None and is_year:
                last = dt.date(day.year, 12, 31).isoformat()
            mentions.append(
                DateMention(match.group(), match.start(), match.end(), value, "date", first, last,
                            "year" if is_year else "day", reason)
            )
        doc.dates = mentions
        return doc


class EventDatesStage(Stage):
    """Dates each event from a time expression in its sentence, else the publication date."""

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            sentence = event.evidence[0]
            inside = [d for d in doc.dates if sentence.start <= d.start < sentence.end and d.first]
            if inside:
                mention = inside[0]
                event.date = EventDate(mention.first, mention.last, mention.precision,  # type: ignore[arg-type]
                                       mention.text, "time expression in the sentence")
            elif doc.published:
                event.date = EventDate(doc.published, doc.published, "day", None, "publication date")
        return doc


@register("eventwatch.dates.v1", requires=["doc.text"], assigns=["doc.dates"])
def make_dates() -> DatesStage:
    """Find and normalise time expressions."""
    return DatesStage()


@register("eventwatch.event_dates.v1", requires=["doc.events", "doc.dates"], assigns=["event.date"])
def make_event_dates() -> EventDatesStage:
    """Date every event."""
    return EventDatesStage()
