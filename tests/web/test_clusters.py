"""Canonical events in the UI and API: report counts, cluster pages, and life without clusters."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_samples import event

from eventwatch.document import Document, Place
from eventwatch.store import Store
from eventwatch.web import clusters

pytest.importorskip("eventwatch.store.clusters_read", reason="canonical events need dedup's store module")

MINSK = Place(name="Minsk", country="BLR", lat=53.9, lon=27.56, text="Minsk", feature="city")
REPORTS = [
    (
        "https://one.example/x",
        "Police detained twelve protesters in Minsk on 3 March 2024, a rights group said.",
    ),
    (
        "https://two.example/y",
        "Twelve protesters were detained by police in Minsk on 3 March 2024, witnesses said.",
    ),
]


@pytest.fixture()
def twice(store: Store) -> list[int]:
    """Two outlets report the same arrest; returns the two mention ids."""
    for i, (url, text) in enumerate(REPORTS):
        agent = "Police" if i == 0 else "police"
        store.add(
            Document(
                id=f"m{i}",
                text=text,
                url=url,
                title=f"Minsk report {i}",
                published="2024-03-04",
                events=[event(text, "arrest", "detained", day="2024-03-03", place=MINSK, agent=agent)],
            )
        )
    return [7, 8]


def test_mentions_carry_their_events_report_count(client: TestClient, twice: list[int]) -> None:
    items = {item["id"]: item for item in client.get("/api/events?country=BLR").json()["items"]}
    assert [items[i]["reports"] for i in twice] == [2, 2]
    assert items[5]["reports"] == 1
    detail = client.get(f"/api/events/{twice[0]}").json()
    assert detail["reports"] == 2
    assert sorted(m["id"] for m in detail["cluster"]["mentions"]) == twice


def test_clusters_api(client: TestClient, twice: list[int]) -> None:
    listing = client.get("/api/clusters?country=BLR").json()["items"]
    assert sorted(row["reports"] for row in listing) == [1, 2]
    (shared,) = client.get("/api/clusters?min_reports=2").json()["items"]
    assert shared["type"] == "arrest" and shared["sources"] == 2
    detail = client.get(f"/api/clusters/{shared['id']}").json()
    assert sorted(m["id"] for m in detail["mentions"]) == twice
    assert {m["url"] for m in detail["mentions"]} == {url for url, _ in REPORTS}
    missing = client.get("/api/clusters/9999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E802"


def test_cluster_pages(client: TestClient, twice: list[int]) -> None:
    (shared,) = client.get("/api/clusters?min_reports=2").json()["items"]
    listing = client.get("/clusters?min_reports=2").text
    assert f'href="/clusters/{shared["id"]}"' in listing and '<td class="num reports">2</td>' in listing
    assert "<td>Minsk (BLR)</td>" in listing and '<td class="nowrap">2024-03-03</td>' in listing
    page = client.get(f"/clusters/{shared['id']}").text
    assert page.count('<mark class="hl hl-trigger"') == 2
    assert all(f'href="/events/{i}"' in page for i in twice)
    event_page = client.get(f"/events/{twice[1]}").text
    assert "Other reports of this event" in event_page and f'href="/events/{twice[0]}"' in event_page
    index = client.get("/?country=BLR").text
    assert re.search(r'<td class="num">2</td>', index)


def test_without_clusters_every_mention_is_one_report(
    client: TestClient, twice: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clusters, "_MODULE", "eventwatch.store.no_such_module")
    assert client.get(f"/api/events/{twice[0]}").json()["reports"] == 1
    response = client.get("/api/clusters")
    assert response.status_code == 404 and response.json()["error"]["code"] == "E907"
    assert "has no canonical events" in client.get("/clusters").text


def test_clusters_api_counts_every_match_past_the_page(client: TestClient, twice: list[int]) -> None:
    everything = client.get("/api/clusters?limit=500").json()
    assert everything["total"] == len(everything["items"]) > 2
    page = client.get("/api/clusters?limit=1&offset=1").json()
    assert page["total"] == everything["total"] and len(page["items"]) == 1
    assert client.get("/api/clusters?country=BLR&limit=1").json()["total"] == 2
    assert client.get("/api/clusters?min_reports=2").json()["total"] == 1
