"""Storage fixtures: every store test runs on SQLite (a temp file) and on a real PostgreSQL server.

PostgreSQL comes from ``EVENTWATCH_TEST_PG_URL`` (``.ci/setup.d/20-postgres.sh`` sets it up); each
test gets a fresh schema there, dropped afterwards. With no server the PostgreSQL cases skip with
a loud reason, except under ``CI=true``, where a missing server fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eventwatch.document import Actor, Document, Event, EventDate, Place, Quantities, Span
from eventwatch.store import Store, normalise_url

PG_ENV = "EVENTWATCH_TEST_PG_URL"
_pg_problem: list[str] = []  # why PostgreSQL is unusable, decided once per session


def _pg_unavailable(reason: str) -> None:
    message = (
        f"POSTGRESQL STORE TESTS NOT RUN: {reason}. Run `source .ci/setup.d/20-postgres.sh` "
        f"(as root) to install and start a server and set {PG_ENV}."
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        _pg_unavailable(f"{PG_ENV} is not set")
        raise AssertionError  # unreachable: skip/fail raise
    if not _pg_problem:
        try:
            engine = create_engine(normalise_url(url))
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            engine.dispose()
            _pg_problem.append("")
        except Exception as exc:
            _pg_problem.append(f"cannot connect to {url}: {exc}")
    if _pg_problem[0]:
        _pg_unavailable(_pg_problem[0])
    return normalise_url(url)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL for a fresh, empty PostgreSQL schema (via search_path), dropped after the test."""
    admin = _pg_admin_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(admin).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated, empty store on each backend."""
    opened = Store(store_url)
    yield opened
    opened.close()


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
