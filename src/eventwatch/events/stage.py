"""Event detection stages: ``eventwatch.events.v1`` and ``eventwatch.salience.v1``."""

from __future__ import annotations

from ..document import Document, Event, Span
from ..registry import Stage, register

__all__ = ["EventsStage", "SalienceStage"]

_TRIGGERS = {
    "desert": "desertion",
    "defect": "desertion",
    "tender": "procurement",
    "asylum": "asylum_application",
    "shell": "shelling",
    "protest": "protest",
    "arrest": "arrest",
    "notify": "notification",
    "search": "manhunt",
    "clash": "armed_clash",
}


class EventsStage(Stage):
    """Finds event mentions by trigger lemmas."""

    def __call__(self, doc: Document) -> Document:
        events = []
        for token in doc.tokens:
            kind = _TRIGGERS.get(token.lemma.lower())
            sentence = doc.sentence_of(token.start)
            if kind and sentence:
                events.append(
                    Event(type=kind, evidence=[sentence], trigger=Span.of(doc.text, token.start, token.end))
                )
        doc.events = events
        return doc


class SalienceStage(Stage):
    """Puts the main event first: the earliest in the text."""

    def __call__(self, doc: Document) -> Document:
        doc.events.sort(key=lambda e: e.evidence[0].start)
        return doc


@register("eventwatch.events.v1", requires=["doc.tokens", "doc.sentences"], assigns=["doc.events"])
def make_events() -> EventsStage:
    """Detect events."""
    return EventsStage()


@register("eventwatch.salience.v1", requires=["doc.events"], assigns=["doc.events.order"])
def make_salience() -> SalienceStage:
    """Order events by salience."""
    return SalienceStage()
