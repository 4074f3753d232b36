"""Document round trips: to_dict/from_dict and JSON must lose nothing."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from eventwatch.document import (
    Actor,
    DateMention,
    Document,
    Event,
    EventDate,
    Item,
    Place,
    PlaceMention,
    Quantities,
    Span,
)


def _sample(text: str) -> Document:
    end = len(text)
    sentence = Span.of(text, 0, end)
    event = Event(
        type="desertion",
        evidence=[sentence],
        status="planned",
        actors=[
            Actor(text=text[: end // 2], role="agent", start=0, end=end // 2, country="BLR", sector="MIL")
        ],
        date=EventDate(
            start="2024-03-12", end="2024-03-12", precision="day", text="Tuesday", reason="weekday"
        ),
        location=Place(name="Brest", country="BLR", lat=52.1, lon=23.7, feature="city"),
        quantities=Quantities(
            participants=1, items=[Item(value=20000.0, unit="tags", text="20 thousand tags")]
        ),
        trigger=Span.of(text, 0, min(3, end)),
    )
    return Document(
        id="d1",
        text=text,
        published="2024-03-14",
        sentences=[sentence],
        dates=[DateMention(text[:1], 0, min(1, end), "2024-03-12", first="2024-03-12", last="2024-03-12")],
        places=[PlaceMention(text[:1], 0, min(1, end), "Brest", "BLR", 52.1, 23.7)],
        events=[event],
    )


@given(st.text(min_size=1, max_size=200))
def test_round_trip_through_json(text: str) -> None:
    doc = _sample(text)
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again == doc
    assert again.content_hash == doc.content_hash


def test_contract_gives_every_event_an_id_and_drops_internal_fields() -> None:
    contract = _sample("A conscript fled.").to_contract()
    assert contract["events"][0]["id"] == "d1#e0"
    assert "population" not in contract["places"][0]
    assert set(contract) == {"id", "published", "language", "events", "places", "dates", "entities"}


def test_sentence_of_finds_the_sentence_by_offset() -> None:
    text = "One. Two three. Four."
    doc = Document(
        id="x", text=text, sentences=[Span.of(text, 0, 4), Span.of(text, 5, 15), Span.of(text, 16, 21)]
    )
    assert doc.sentence_of(7) == Span.of(text, 5, 15)
    assert doc.sentence_of(4) is None
    assert doc.sentence_of(20) == Span.of(text, 16, 21)
