"""Fixtures for dedup tests: the evaluation corpus and documents built from it (``store`` is in tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwatch.document import Document, Event

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
