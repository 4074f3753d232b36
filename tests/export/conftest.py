"""Hand-built stored documents for export tests: no pipeline, no model."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwatch.document import Actor, Document, Entity, Event, EventDate, Place, Quantities, Span
from eventwatch.store import Store

TEXT = (
    "On Monday, police in Minsk detained Anna Kovalenko, a reporter, outside the city court. "
    "Kovalenko's lawyer said she was beaten. "
    "Hundreds of students marched in Vilnius on Tuesday against the new law."
)


def at(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """Offsets of ``needle`` in ``text``."""
    i = text.index(needle, start)
    return i, i + len(needle)


def sentence(text: str, needle: str) -> Span:
    """The span of the sentence containing ``needle`` (sentences end with '. ')."""
    i = text.index(needle)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", i)
    end = len(text) if end < 0 else end + 1
    return Span.of(text, start, end)


def sample_doc() -> Document:
    """Two events: an arrest with a PERSON target in Minsk, a protest in Vilnius."""
    text = TEXT
    police, anna, minsk, students = (
        at(text, "police"),
        at(text, "Anna Kovalenko"),
        at(text, "Minsk"),
        at(text, "Hundreds of students"),
    )
    arrest = Event(
        type="arrest",
        evidence=[sentence(text, "detained")],
        plover="COERCE",
        acled={"event_type": "Strategic developments", "sub_event_type": "Arrests"},
        actors=[
            Actor(
                text="police",
                role="agent",
                start=police[0],
                end=police[1],
                name="Police (Belarus)",
                country="BLR",
                sector="COP",
            ),
            Actor(
                text="Anna Kovalenko",
                role="target",
                start=anna[0],
                end=anna[1],
                name="Anna Kovalenko",
                sector="MED",
            ),
        ],
        date=EventDate(start="2024-03-11", end="2024-03-11", precision="day", text="On Monday"),
        location=Place(
            name="Minsk",
            country="BLR",
            lat=53.9,
            lon=27.57,
            text="Minsk",
            admin1="Minsk City",
            feature="city",
        ),
        trigger=Span.of(text, *at(text, "detained")),
        confidence=0.8,
        id="d1#e0",
        attribution="Kovalenko's lawyer",
    )
    protest = Event(
        type="protest",
        evidence=[sentence(text, "marched")],
        plover="PROTEST",
        acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"},
        actors=[
            Actor(
                text="Hundreds of students",
                role="agent",
                start=students[0],
                end=students[1],
                name="students",
                sector="EDU",
            )
        ],
        date=EventDate(start="2024-03-12", end="2024-03-12", precision="day", text="on Tuesday"),
        location=Place(name="Vilnius", country="LTU", lat=54.69, lon=25.28, text="Vilnius", feature="city"),
        quantities=Quantities(participants=200),
        trigger=Span.of(text, *at(text, "marched")),
        id="d1#e1",
    )
    return Document(
        id="d1",
        text=text,
        published="2024-03-13",
        title="Reporter Anna Kovalenko detained",
        url="https://example.org/a",
        source="example.org",
        entities=[
            Entity("Anna Kovalenko", *anna, "PERSON"),
            Entity("Kovalenko", *at(text, "Kovalenko's"[:9], anna[1]), "PERSON"),
            Entity("Minsk", *minsk, "GPE"),
            Entity("Vilnius", *at(text, "Vilnius"), "GPE"),
        ],
        events=[arrest, protest],
    )


def undated_doc() -> Document:
    """One desertion event with no date, no place and no ACLED mapping."""
    text = "A soldier deserted from his unit, the ministry said."
    return Document(
        id="d2",
        text=text,
        events=[
            Event(
                type="desertion",
                evidence=[Span.of(text, 0, len(text))],
                trigger=Span.of(text, *at(text, "deserted")),
                actors=[Actor(text="A soldier", role="agent", start=0, end=9, sector="MIL")],
                id="d2#e0",
            )
        ],
    )


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample store built once (migrations take a second); each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "export.db"
    db = Store(str(path))
    db.add(sample_doc())
    db.add(undated_doc())
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture()
def store(tmp_path: Path, template_db: Path) -> Iterator[Store]:
    """A fresh copy of the sample store."""
    path = tmp_path / "export.db"
    shutil.copy(template_db, path)
    db = Store(str(path), migrate=False)
    yield db
    db.close()
