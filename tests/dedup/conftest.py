"""Fixtures for dedup tests: the evaluation corpus, documents built from it, and a store."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eventwatch.document import Document, Event
from eventwatch.store import Store, normalise_url

CORPUS_DIR = Path(__file__).parent / "corpus"


def load_corpus(path: Path = CORPUS_DIR / "corpus.jsonl") -> list[dict[str, Any]]:
    """Every record of an evaluation corpus file (the main corpus by default)."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def corpus_document(record: dict[str, Any]) -> Document:
    """A stored-ready document for a corpus record, carrying its hand-built mention as its one event."""
    text = record["text"]
    doc = Document(id=record["id"], text=text, published=record["published"], source=record["source"])
    evidence = {"text": text, "start": 0, "end": len(text)}
    actors = [{**actor, "text": actor.get("text") or "someone"} for actor in record["mention"]["actors"]]
    doc.events = [Event.from_dict({**record["mention"], "actors": actors, "evidence": [evidence]})]
    return doc


@pytest.fixture(scope="session")
def corpus() -> list[dict[str, Any]]:
    """The evaluation corpus records."""
    return load_corpus()


PG_ENV = "EVENTWATCH_TEST_PG_URL"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema from ``EVENTWATCH_TEST_PG_URL`` (as tests/store does), dropped after."""
    admin = os.environ.get(PG_ENV)
    if not admin:
        message = f"PostgreSQL dedup tests not run: {PG_ENV} is not set (source .ci/setup.d/20-postgres.sh)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    admin = normalise_url(admin)
    schema = f"d_{uuid.uuid4().hex[:12]}"
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
        return f"sqlite:///{tmp_path / 'dedup.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty, migrated store on each engine."""
    opened = Store(store_url)
    yield opened
    opened.close()
