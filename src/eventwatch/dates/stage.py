"""Dates stages: ``eventwatch.dates.v1`` finds and normalises every time expression
(``doc.dates``); ``eventwatch.event_dates.v1`` dates each event from the expression that
governs it, else the publication date (``event.date``)."""

from __future__ import annotations

import datetime as dt

from ..document import Document
from ..errors import EventwatchError, message
from ..registry import Stage, register
from .finder import find
from .governing import date_event
from .syntax import Parse

__all__ = ["DatesStage", "EventDatesStage"]


def _anchor(doc: Document) -> dt.date | None:
    if not doc.published:
        return None
    try:
        return dt.date.fromisoformat(doc.published[:10])
    except ValueError:
        doc.warnings.append(message("E401", value=doc.published))
        return None


class DatesStage(Stage):
    """Finds time expressions and gives each a TIMEX3-style value and a window of days."""

    def __init__(self, *, use_parse: bool = True) -> None:
        self.use_parse = use_parse

    def __call__(self, doc: Document) -> Document:
        parse = Parse(doc.tokens) if self.use_parse and doc.tokens else None
        doc.dates = find(doc.text, anchor=_anchor(doc), syntax=parse)
        return doc


class EventDatesStage(Stage):
    """Dates each event: same clause as its trigger, then its sentence, then context, then publication."""

    def __init__(self, *, context_sentences: int = 2) -> None:
        self.context_sentences = context_sentences

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        parse = Parse(doc.tokens) if doc.tokens else None
        for event in doc.events:
            event.date = date_event(doc, event, parse=parse, context_sentences=self.context_sentences)
        return doc


@register("eventwatch.dates.v1", requires=["doc.text"], assigns=["doc.dates"])
def make_dates(*, use_parse: bool = True) -> DatesStage:
    """Find and normalise time expressions; ``use_parse`` reads tense from ``doc.tokens`` when present."""
    return DatesStage(use_parse=use_parse)


@register("eventwatch.event_dates.v1", requires=["doc.events", "doc.dates"], assigns=["event.date"])
def make_event_dates(*, context_sentences: int = 2) -> EventDatesStage:
    """Date every event; ``context_sentences`` is how many sentences back a date may come from (0-3)."""
    if not 0 <= context_sentences <= 3:
        raise EventwatchError("E402", value=context_sentences)
    return EventDatesStage(context_sentences=context_sentences)
