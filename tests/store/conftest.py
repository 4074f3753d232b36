"""Storage fixtures: documents to store. The ``store`` fixture (SQLite and PostgreSQL) is in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.document import Actor, Document, Event, EventDate, Place, Quantities, Span


def _make_doc(
    doc_id: str,
    sentences: list[tuple[str, str]],
    *,
    published: str | None = "2024-03-14",
    country: str | None = "LTU",
    date: str | None = "2024-03-12",
    status: str = "occurred",
) -> Document:
    """A document whose text is the given sentences, with one event (type, sentence) per sentence."""
    text = ""
    events = []
    for event_type, sentence in sentences:
        start = len(text)
        text += sentence + " "
        span = Span.of(text, start, start + len(sentence))
        events.append(
            Event(
                type=event_type,
                evidence=[span],
                status=status,  # type: ignore[arg-type]
                actors=[Actor(text="a soldier", role="agent", country="BLR", sector="MIL")],
                date=EventDate(start=date, end=date, precision="day" if date else "unknown"),
                location=Place(name="Vilnius", country=country, lat=54.69, lon=25.28) if country else None,
                quantities=Quantities(participants=3),
                confidence=0.8,
                trigger=Span.of(text, start, start + 3),
            )
        )
    doc = Document(id=doc_id, text=text.strip(), published=published, published_source="jsonl", language="en")
    doc.events = events
    doc.sentences = [e.evidence[0] for e in events]
    return doc


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    """Build a hand-made document with events: ``make_doc(id, [(type, sentence), ...], country=...)``."""
    return _make_doc
