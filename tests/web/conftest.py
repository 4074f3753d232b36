"""Web test fixtures: a store of hand-built documents, an app over it, a fake pipeline."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_samples import FakePipeline, documents, make_client

from eventwatch.store import Store


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample store built once (migrations take a second); each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "web.db"
    db = Store(str(path))
    for doc in documents():
        db.add(doc)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture()
def store(tmp_path: Path, template_db: Path) -> Iterator[Store]:
    """A fresh copy of the sample store."""
    path = tmp_path / "web.db"
    shutil.copy(template_db, path)
    db = Store(str(path), migrate=False)
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
