"""Ingest through the API with the real default pipeline, then read the event back as a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_samples import TOKEN, make_client

from eventwatch import pipeline
from eventwatch.store import Store

pytestmark = pytest.mark.slow

TEXT = (
    "Police in Minsk detained three opposition activists on Tuesday, the Viasna rights group said. "
    "Hundreds of people protested outside the court in Minsk on Wednesday."
)


def test_ingest_then_browse(tmp_path: Path, default_pipeline: pipeline.Pipeline) -> None:
    store = Store(str(tmp_path / "real.db"))
    client = make_client(store, default_pipeline)  # type: ignore[arg-type]
    result = client.post(
        "/api/ingest",
        json={"text": TEXT, "title": "Minsk", "published": "2024-03-14"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).json()
    assert result["stored"] == 1 and result["mentions"] >= 1
    events = client.get("/api/events").json()["items"]
    assert {e["type"] for e in events} & {"arrest", "protest"}
    first = events[0]
    html = client.get(f"/events/{first['id']}").text
    assert 'class="hl hl-trigger"' in html
    assert re.search(r"<blockquote class=\"evidence\">.*</blockquote>", html, re.S)
    assert client.get(f"/documents/{first['document']['id']}").status_code == 200
    for fmt in ("csv", "json", "geojson", "acled", "plover"):
        assert client.get(f"/api/export?format={fmt}").status_code == 200
    store.close()
