"""Shared fixtures: the default pipeline built once per session, and stores on SQLite and PostgreSQL.

PostgreSQL comes from ``EVENTWATCH_TEST_PG_URL`` (``.ci/setup.d/20-postgres.sh`` sets it up); each
test gets a fresh schema there, dropped afterwards. With no server the PostgreSQL cases skip with
a loud reason, except under ``CI=true``, where a missing server fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eventwatch import pipeline, registry
from eventwatch.document import Document, Event, Span
from eventwatch.registry import StageProtocol
from eventwatch.store import Store, normalise_url


@pytest.fixture(scope="session")
def default_pipeline() -> pipeline.Pipeline:
    """The default pipeline (loads the spaCy model once)."""
    return pipeline.build()


@pytest.fixture(scope="session")
def extract(default_pipeline: pipeline.Pipeline) -> Callable[..., Document]:
    """Run the default pipeline over a text: ``extract(text, published="2024-03-14")``."""

    def run(text: str, published: str | None = None, *, doc_id: str = "t") -> Document:
        return default_pipeline(Document(id=doc_id, text=text, published=published))

    return run


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


@contextmanager
def fresh_pg_schema() -> Iterator[str]:
    """A URL for a fresh, empty PostgreSQL schema (via search_path), dropped on exit.

    Skips (fails under ``CI=true``) when no server is reachable.
    """
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


@pytest.fixture(scope="session")
def pg_schemas() -> Callable[[], AbstractContextManager[str]]:
    """``with pg_schemas() as url:`` a fresh PostgreSQL schema, for fixtures of any scope."""
    return fresh_pg_schema


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL for a fresh, empty PostgreSQL schema, dropped after the test."""
    with fresh_pg_schema() as url:
        yield url


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


Analyse = Callable[..., Document]


@pytest.fixture(scope="session")
def spacy_stage() -> StageProtocol:
    """The spaCy stage alone (the model is loaded once per session)."""
    return registry.get("eventwatch.spacy.v1").factory()


@pytest.fixture(scope="session")
def analyse(spacy_stage: StageProtocol) -> Analyse:
    """``analyse(text, "trigger", ...)``: the text analysed by spaCy alone, with one event per named trigger word."""

    def run(text: str, *triggers: str) -> Document:
        doc = spacy_stage(Document(id="t", text=text))
        for word in triggers:
            start = text.index(word)
            sentence = doc.sentence_of(start)
            assert sentence is not None
            doc.events.append(
                Event(type="test", evidence=[sentence], trigger=Span.of(text, start, start + len(word)))
            )
        return doc

    return run
