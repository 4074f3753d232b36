"""The API and pages on PostgreSQL: the same sample store, the same answers as on SQLite."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from fastapi.testclient import TestClient
from web_samples import FakePipeline, documents, make_client

from eventwatch.store import Store

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_client(pg_schemas: Callable[[], AbstractContextManager[str]]) -> Iterator[TestClient]:
    """An app over a fresh PostgreSQL schema holding the sample documents, dropped afterwards."""
    with pg_schemas() as url:
        store = Store(url)
        try:
            for doc in documents():
                store.add(doc)
            yield make_client(store, FakePipeline())
        finally:
            store.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 6),
        ("type=attack", 3),
        ("country=ukr", 2),
        ("since=2024-03-04&until=2024-03-31", 3),
        ("q=Kupiansk", 2),  # (PostgreSQL stems: "farmers" also finds "a farmer")
    ],
)
def test_event_filters(pg_client: TestClient, query: str, expected: int) -> None:
    body = pg_client.get(f"/api/events?{query}").json()
    assert body["total"] == expected and len(body["items"]) == expected


def test_stats_map_documents(pg_client: TestClient) -> None:
    stats = pg_client.get("/api/stats").json()
    assert stats["by_type"] == {"attack": 3, "arrest": 2, "protest": 1}
    assert stats["by_week"] == {"2024-02-26": 1, "2024-03-04": 1, "2024-03-18": 2, "2024-04-01": 1}
    places = {
        f["properties"]["place"]: f["properties"]["reports"]
        for f in pg_client.get("/api/map").json()["features"]
    }
    assert places["Kupiansk"] == 2
    assert pg_client.get("/api/documents").json()["total"] == 3
    assert pg_client.get("/api/documents?q=FARMERS").json()["total"] == 1


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "acled", "plover"])
def test_exports(pg_client: TestClient, fmt: str) -> None:
    response = pg_client.get(f"/api/export?format={fmt}&redact_persons=true")
    assert response.status_code == 200 and "Maria Nowak" not in response.text
    if fmt == "acled":
        assert len(list(csv.DictReader(io.StringIO(response.text)))) == 6


@pytest.mark.parametrize("path", ["/", "/?type=arrest&country=POL", "/events/1", "/documents/2", "/clusters"])
def test_pages(pg_client: TestClient, path: str) -> None:
    response = pg_client.get(path)
    assert response.status_code == 200 and "<script>alert" not in response.text
