"""Places stages: ``eventwatch.places.v1`` finds toponyms; ``eventwatch.event_places.v1``
locates events."""

from __future__ import annotations

from ..document import Document, PlaceMention
from ..registry import Stage, register

__all__ = ["EventPlacesStage", "PlacesStage"]


class PlacesStage(Stage):
    """Takes GPE/LOC entities as toponyms (unresolved)."""

    def __call__(self, doc: Document) -> Document:
        doc.places = [
            PlaceMention(e.text, e.start, e.end, e.text, None, None, None, reason="named entity")
            for e in doc.entities
            if e.label in ("GPE", "LOC")
        ]
        return doc


class EventPlacesStage(Stage):
    """Locates each event at the first toponym of its sentence."""

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            sentence = event.evidence[0]
            inside = [p for p in doc.places if sentence.start <= p.start < sentence.end]
            event.location = inside[0].place() if inside else None
        return doc


@register("eventwatch.places.v1", requires=["doc.entities"], assigns=["doc.places"])
def make_places() -> PlacesStage:
    """Find toponyms."""
    return PlacesStage()


@register("eventwatch.event_places.v1", requires=["doc.events", "doc.places"], assigns=["event.location"])
def make_event_places() -> EventPlacesStage:
    """Locate every event."""
    return EventPlacesStage()
