"""Indicators and boards over HTTP: every endpoint in-process, pages render, writes need the token."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_samples import TOKEN, FakePipeline, make_client

from eventwatch.store import Store
from eventwatch.store.clusters_read import list_clusters

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_indicator_endpoints_and_pages(client: TestClient, store: Store) -> None:
    kinds = sorted({e["type"] for e in list_clusters(store)})
    body = {"name": "watch <b>list</b>", "queries": [{"type": kinds[0]}], "interval": "month"}
    assert client.post("/api/indicators", json=body).status_code == 401
    created = client.post("/api/indicators", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    ref = created.json()["id"]
    one = client.get(f"/api/indicators/{ref}").json()
    assert one["name"] == "watch <b>list</b>" and sum(p["events"] for p in one["series"]) >= 1
    assert [i["id"] for i in client.get("/api/indicators").json()] == [ref]
    csv_text = client.get(f"/api/indicators/{ref}/series.csv").text
    assert csv_text.startswith("period_start,events\n")
    page = client.get(f"/indicators/{ref}")
    assert page.status_code == 200 and "<svg" in page.text and "watch &lt;b&gt;list&lt;/b&gt;" in page.text
    assert "watch &lt;b&gt;list" in client.get("/indicators").text
    missing = client.get("/api/indicators/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E1204"
    empty = client.post("/api/indicators", json={"name": "x", "queries": [{}]}, headers=AUTH)
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "E1203"


def test_board_endpoints_and_pages(client: TestClient, store: Store) -> None:
    created = client.post(
        "/api/boards",
        json={"name": "b1", "question": "<script>x</script>?", "hypotheses": ["yes", "no"]},
        headers=AUTH,
    )
    assert created.status_code == 201, created.text
    assert [h["label"] for h in created.json()["hypotheses"]] == ["H1", "H2"]
    event = list_clusters(store)[0]
    item = client.post(
        "/api/boards/b1/items", json={"event_id": event["id"], "by": "anna"}, headers=AUTH
    ).json()
    rated = client.post(
        "/api/boards/b1/ratings",
        json={
            "item_id": item["item_id"],
            "hypothesis": "H1",
            "rating": "II",
            "by": "anna",
            "why": "contradicts",
        },
        headers=AUTH,
    )
    assert rated.status_code == 201, rated.text
    ranking = rated.json()["ranking"]
    assert ranking[0] == {"hypothesis": "H2", "rank": 1, "against": 0.0, "for": 0.0}
    bad = client.post(
        "/api/boards/b1/ratings",
        json={"item_id": item["item_id"], "hypothesis": "H1", "rating": "??", "by": "a"},
        headers=AUTH,
    )
    assert bad.status_code == 422
    rule = client.post(
        "/api/boards/b1/rules",
        json={"query": {"type": event["type"]}, "hypothesis": "H2", "rating": "C"},
        headers=AUTH,
    )
    assert rule.status_code == 201 and rule.json()["ratings_given"] >= 1
    board = client.get("/api/boards/b1").json()
    assert board["items"][0]["ratings"] == {"H1": "II", "H2": "C"} and board["history"]
    assert client.get("/api/boards").json()[0]["name"] == "b1"
    assert client.get("/api/boards/b1/matrix.csv").text.splitlines()[0].endswith("H1,H2")
    report = client.get("/api/boards/b1/report.html")
    assert report.status_code == 200 and "<script>x" not in report.text
    page = client.get(f"/boards/{board['id']}")
    assert page.status_code == 200 and "contradicts" in page.text and "<script>x" not in page.text
    assert "b1" in client.get("/boards").text
    assert client.get("/api/boards/none").status_code == 404
    neither = client.post("/api/boards/b1/items", json={}, headers=AUTH)
    assert neither.status_code == 400 and neither.json()["error"]["code"] == "E1216"


def test_writes_are_off_when_read_only(store: Store, fake_pipeline: FakePipeline) -> None:
    client = make_client(store, fake_pipeline, read_only=True)
    response = client.post("/api/boards", json={"name": "b"}, headers=AUTH)
    assert response.status_code == 403
    assert client.get("/api/boards").status_code == 200
