"""The JSON API, in process: every endpoint, its filters, errors and the ingest rules."""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_samples import REDACT_KEY, TOKEN, FakePipeline, make_client

from eventwatch.store import Store

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_events_lists_newest_first_with_document(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 6
    dates = [item["date"]["start"] for item in body["items"]]
    assert dates[:4] == ["2024-04-05", "2024-03-20", "2024-03-20", "2024-03-05"]
    first = body["items"][0]
    assert first["type"] == "arrest" and first["reports"] == 1
    assert first["document"]["title"] == "<script>alert('title')</script>"  # JSON carries it as data


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=attack", 3),
        ("type=attack&type=protest", 4),
        ("country=ukr", 2),
        ("since=2024-03-10", 4),  # undated events pass "since" (the store's rule)
        ("until=2024-03-04", 1),
        ("since=2024-03-04&until=2024-03-31", 3),
        ("status=reported", 1),
        ("q=farmers", 1),
        ("q=Kupiansk&type=attack", 2),
        ("country=FRA", 0),
    ],
)
def test_events_filters(client: TestClient, query: str, expected: int) -> None:
    body = client.get(f"/api/events?{query}").json()
    assert body["total"] == expected
    assert len(body["items"]) == expected


def test_events_pagination(client: TestClient) -> None:
    page1 = client.get("/api/events?limit=4&offset=0").json()
    page2 = client.get("/api/events?limit=4&offset=4").json()
    assert [len(page1["items"]), len(page2["items"])] == [4, 2]
    ids = {item["id"] for item in page1["items"]} | {item["id"] for item in page2["items"]}
    assert len(ids) == 6


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [("since=yesterday", 400, "E110"), ("limit=501", 422, None), ("offset=-1", 422, None)],
)
def test_events_bad_parameters(client: TestClient, query: str, status: int, code: str | None) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == status
    if code:
        assert response.json()["error"]["code"] == code


def test_one_event_and_missing_event(client: TestClient) -> None:
    event = client.get("/api/events/1").json()
    assert event["type"] == "attack" and event["trigger"]["text"] == "shelled"
    assert event["evidence"][0]["text"].startswith("Soldiers shelled")
    assert event["document"]["url"] == "https://news.example/a"
    missing = client.get("/api/events/999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E202"


def test_documents_list_and_one(client: TestClient) -> None:
    listing = client.get("/api/documents").json()
    assert listing["total"] == 3
    assert {row["mentions"] for row in listing["items"]} == {2}
    assert client.get("/api/documents?q=farmers").json()["total"] == 1
    doc = client.get("/api/documents/2").json()
    assert doc["title"] == "Farmers protest" and doc["text"].startswith("Thousands of farmers")
    assert [e["type"] for e in doc["events"]] == ["protest", "arrest"]
    assert client.get("/api/documents/99").status_code == 404


def test_stats(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["total"] == 6 and stats["undated"] == 1
    assert stats["by_type"] == {"attack": 3, "arrest": 2, "protest": 1}
    assert stats["by_country"] == {"UKR": 2, "POL": 2, "BLR": 1, "unknown": 1}
    assert stats["by_week"] == {"2024-02-26": 1, "2024-03-04": 1, "2024-03-18": 2, "2024-04-01": 1}
    assert client.get("/api/stats?type=protest").json()["by_type"] == {"protest": 1}


def test_map_groups_points_by_place(client: TestClient) -> None:
    geo = client.get("/api/map").json()
    assert geo["type"] == "FeatureCollection"
    by_place = {f["properties"]["place"]: f for f in geo["features"]}
    assert by_place["Kupiansk"]["geometry"]["coordinates"] == [37.61, 49.71]
    assert by_place["Kupiansk"]["properties"]["reports"] == 2
    assert by_place["Warsaw"]["properties"]["types"] == {"protest": 1, "arrest": 1}
    assert len(client.get("/api/map?country=POL").json()["features"]) == 1


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "acled", "plover"])
def test_export_formats(client: TestClient, fmt: str) -> None:
    response = client.get(f"/api/export?format={fmt}&type=attack")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt in ("csv", "acled"):
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == 3
    elif fmt == "geojson":
        assert len(response.json()["features"]) == 2  # the undated, placeless attack has no point
    else:
        assert len(response.json()) == 3


def test_export_unknown_format(client: TestClient) -> None:
    response = client.get("/api/export?format=xlsx")
    assert response.status_code == 400 and response.json()["error"]["code"] == "E301"


def test_export_redacts_persons(client: TestClient, store: Store, fake_pipeline: FakePipeline) -> None:
    plain = client.get("/api/export?format=json&country=POL").text
    assert "Maria Nowak" in plain
    redacted = client.get("/api/export?format=json&country=POL&redact_persons=true").text
    assert "Maria Nowak" not in redacted and "Person-" in redacted
    assert redacted == client.get("/api/export?format=json&country=POL&redact_persons=true").text
    keyless = make_client(store, fake_pipeline, redact_key=None)
    response = keyless.get("/api/export?format=json&redact_persons=true")
    assert response.status_code == 400 and response.json()["error"]["code"] == "E901"
    assert REDACT_KEY not in redacted


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/stats",
        "/api/map",
        "/api/export",
        "/api/ingest",
    ):
        assert path in paths
    assert "post" in paths["/api/ingest"]
    assert paths["/api/ingest"]["post"]["security"] == [{"HTTPBearer": []}]


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/api/events").headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


# ingest -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": f"Basic {TOKEN}"}, 401)],
)
def test_ingest_needs_the_token(client: TestClient, headers: dict[str, str], status: int) -> None:
    response = client.post("/api/ingest", json={"text": "Farmers marched today."}, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == "E903"
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_off_without_a_server_token(store: Store, fake_pipeline: FakePipeline) -> None:
    client = make_client(store, fake_pipeline, token=None)
    response = client.post(
        "/api/ingest", json={"text": "Farmers marched."}, headers={"Authorization": "Bearer "}
    )
    assert response.status_code == 401


def test_ingest_off_when_read_only(store: Store, fake_pipeline: FakePipeline) -> None:
    client = make_client(store, fake_pipeline, read_only=True)
    response = client.post("/api/ingest", json={"text": "Farmers marched."}, headers=AUTH)
    assert response.status_code == 403 and response.json()["error"]["code"] == "E902"
    assert fake_pipeline.calls == 0


def test_ingest_text_then_again(client: TestClient, fake_pipeline: FakePipeline) -> None:
    body = {
        "text": "Farmers marched in Lublin. They went home.",
        "title": "Lublin",
        "published": "2024-05-01",
    }
    first = client.post("/api/ingest", json=body, headers=AUTH).json()
    assert first["stored"] == 1 and first["mentions"] == 1
    again = client.post("/api/ingest", json=body, headers=AUTH).json()
    assert again["stored"] == 0 and again["skipped"] == 1
    assert fake_pipeline.calls == 1  # a stored text is not extracted again
    doc = client.get(f"/api/documents/{first['documents'][0]['id']}").json()
    assert doc["title"] == "Lublin" and doc["published"] == "2024-05-01"


def test_ingest_jsonl(client: TestClient) -> None:
    lines = "\n".join(
        [
            json.dumps({"id": "j1", "text": "Workers struck at the port.", "published": "2024-06-01"}),
            "not json",
            json.dumps({"id": "j2", "text": "Students marched to the square."}),
        ]
    )
    result = client.post("/api/ingest", json={"jsonl": lines}, headers=AUTH).json()
    assert result["stored"] == 2
    assert [e["source"] for e in result["errors"]] == ["request:2"]
    assert client.get("/api/documents").json()["total"] == 5


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"url": "http://127.0.0.1:9/secret"}, "E111"),
        ({"url": "http://localhost/admin"}, "E111"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "E111"),
        ({"url": "http://[::1]/"}, "E111"),
        ({"url": "file:///etc/passwd"}, "E109"),
        ({"url": "/etc/passwd"}, "E109"),
        ({"text": "a", "url": "https://example.org/"}, "E905"),
        ({}, "E905"),
        ({"text": "Farmers marched.", "published": "May 1"}, "E110"),
    ],
)
def test_ingest_refusals(
    client: TestClient, body: dict[str, str], code: str, fake_pipeline: FakePipeline
) -> None:
    response = client.post("/api/ingest", json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert fake_pipeline.calls == 0


def test_request_and_document_size_limits(store: Store, fake_pipeline: FakePipeline) -> None:
    client = make_client(store, fake_pipeline, max_request_bytes=2000, max_document_bytes=500)
    too_big = client.post("/api/ingest", json={"text": "x " * 2000}, headers=AUTH)
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "E904"
    long_doc = client.post("/api/ingest", json={"text": "Farmers marched. " * 40}, headers=AUTH)
    assert long_doc.status_code == 400 and long_doc.json()["error"]["code"] == "E105"
    assert fake_pipeline.calls == 0


def test_streamed_body_over_the_limit(store: Store, fake_pipeline: FakePipeline) -> None:
    client = make_client(store, fake_pipeline, max_request_bytes=1000)

    def body() -> Iterator[bytes]:  # no Content-Length: the limit is counted as the body streams in
        yield b'{"text": "'
        yield from (b"x" * 100 for _ in range(50))
        yield b'"}'

    response = client.post(
        "/api/ingest", content=body(), headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "E904"
    assert fake_pipeline.calls == 0


def test_ingest_url_from_a_private_address_when_allowed(store: Store, fake_pipeline: FakePipeline) -> None:
    page = (
        b"<html><head><title>Dockers strike</title></head><body><article><h1>Dockers strike</h1>"
        b"<p>Dockers walked out at the port of Gdansk on Monday over pay, their union said. "
        b"The strike is expected to last a week, according to the union's statement.</p></article></body></html>"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/strike"
        refused = make_client(store, fake_pipeline).post("/api/ingest", json={"url": url}, headers=AUTH)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "E111"
        allowed = make_client(store, fake_pipeline, allow_private=True)
        result = allowed.post("/api/ingest", json={"url": url}, headers=AUTH).json()
    finally:
        server.shutdown()
        server.server_close()
    assert result["stored"] == 1, result
    doc = allowed.get(f"/api/documents/{result['documents'][0]['id']}").json()
    assert doc["url"] == url and "Gdansk" in doc["text"]
