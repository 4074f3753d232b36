"""Fixtures for dedup tests: the evaluation corpus, documents built from it, and a store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwatch.document import Document, Event
from eventwatch.store import Store

CORPUS = Path(__file__).parent / "corpus" / "corpus.jsonl"


def load_corpus() -> list[dict[str, Any]]:
    """Every record of the evaluation corpus."""
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


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


@pytest.fixture(params=["sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store (SQLite in a temporary file; other engines can be added as params)."""
    opened = Store(f"sqlite:///{tmp_path / 'dedup.db'}")
    yield opened
    opened.close()
