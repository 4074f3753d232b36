"""Web test fixtures: a store of hand-built documents, an app over it, a fake pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_samples import FakePipeline, documents, make_client

from eventwatch.store import Store


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store with the sample documents (ids 1, 2, 3 in order)."""
    db = Store(str(tmp_path / "web.db"))
    for doc in documents():
        db.add(doc)
    yield db
    db.close()


@pytest.fixture()
def fake_pipeline() -> FakePipeline:
    """A pipeline that needs no model."""
    return FakePipeline()


@pytest.fixture()
def client(store: Store, fake_pipeline: FakePipeline) -> TestClient:
    """An in-process client of a writable app with a token and a redaction key."""
    return make_client(store, fake_pipeline)
