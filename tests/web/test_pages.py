"""The HTML pages: filters kept in the URL, highlighting, and no script from hostile text."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_samples import FakePipeline, make_client

from eventwatch.errors import EventwatchError
from eventwatch.store import Store
from eventwatch.web import Settings


def test_index_lists_events_with_chart_and_map(client: TestClient) -> None:
    html = client.get("/").text
    assert '<strong id="total">6</strong>' in html
    assert "<svg" in html and "Events per day by type" in html
    assert 'data-points="/api/map?"' in html
    assert 'href="/events/1"' in html


def test_filters_live_in_the_url(client: TestClient) -> None:
    html = client.get("/?type=attack&country=UKR&since=2024-03-01&q=Kupiansk").text
    assert '<strong id="total">2</strong>' in html
    assert '<option value="attack" selected>' in html
    assert '<option value="UKR" selected>' in html
    assert 'name="since" value="2024-03-01"' in html
    assert 'value="Kupiansk"' in html
    assert (
        "/api/export?type=attack&amp;since=2024-03-01&amp;country=UKR&amp;q=Kupiansk&amp;format=csv" in html
    )
    assert 'data-points="/api/map?type=attack&amp;since=2024-03-01&amp;country=UKR&amp;q=Kupiansk"' in html


def test_pagination_keeps_filters(client: TestClient, store: object) -> None:
    client.app.state.settings.page_size = 2  # type: ignore[attr-defined]
    html = client.get("/?type=attack").text
    assert "page 1 of 2" in html
    assert 'href="/?type=attack&amp;page=2"' in html
    assert "page 2 of 2" in client.get("/?type=attack&page=2").text


def test_event_page_highlights_trigger_actors_date_and_place(client: TestClient) -> None:
    html = client.get("/events/1").text
    assert '<mark class="hl hl-trigger" title="trigger: attack">shelled</mark>' in html
    assert '<mark class="hl hl-actor-agent" title="agent: Soldiers">Soldiers</mark>' in html
    assert re.search(r'<mark class="hl hl-place"[^>]*>Kupiansk</mark>', html)
    assert re.search(r'<mark class="hl hl-date"[^>]*>on 3 March 2024</mark>', html)
    assert 'data-lat="49.71" data-lon="37.61"' in html
    assert 'href="/documents/1"' in html and 'href="https://news.example/a"' in html


def test_document_page_highlights_all_events(client: TestClient) -> None:
    html = client.get("/documents/2").text
    assert html.count("hl-trigger") >= 2
    assert '<a class="hl hl-evidence hl-trigger" href="/events/3"' in html
    assert 'href="/events/4"' in html


def test_documents_page(client: TestClient) -> None:
    html = client.get("/documents").text
    assert "Farmers protest" in html and "3 documents" in html


@pytest.mark.parametrize("path", ["/", "/events/5", "/events/6", "/documents", "/documents/3", "/?q=script"])
def test_hostile_text_is_never_markup(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    assert 'href="javascript:' not in html.lower()
    assert "<b>" not in html


def test_hostile_text_is_shown_escaped(client: TestClient) -> None:
    html = client.get("/documents/3").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:alert" in html  # the URL is shown as text, not as a link


def test_missing_pages_are_html_404(client: TestClient) -> None:
    for path in ("/events/999", "/documents/999", "/no-such-page"):
        response = client.get(path)
        assert response.status_code == 404 and "<h1>Error 404</h1>" in response.text


def test_bad_filter_is_a_400_page(client: TestClient) -> None:
    response = client.get("/?since=soon")
    assert response.status_code == 400 and "E110" in response.text


def test_about_credits_the_base_map(client: TestClient) -> None:
    html = client.get("/about").text
    assert "Natural Earth" in html and "world-atlas" in html and "Leaflet" in html


def test_static_assets_are_served_locally(client: TestClient) -> None:
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    geo = client.get("/static/vendor/world-atlas/countries-110m.geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) > 170
    html = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', html.split("<main>")[0])  # no CDN in the head


def test_tiles_setting_reaches_the_map_and_the_csp(store: Store, fake_pipeline: FakePipeline) -> None:
    client = make_client(
        store, fake_pipeline, tiles="https://{s}.tiles.example/{z}/{x}/{y}.png", tiles_attribution="© Tiles"
    )
    response = client.get("/")
    assert 'data-tiles="https://{s}.tiles.example/{z}/{x}/{y}.png"' in response.text
    assert "img-src 'self' data: https://*.tiles.example;" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    "tiles",
    [
        "javascript:alert(1)//{z}/{x}/{y}",
        "https://tiles.example/no-placeholders.png",
        'https://t.example/{z}/{x}/{y}" onload="x',
    ],
)
def test_bad_tiles_setting_is_refused(tiles: str) -> None:
    with pytest.raises(EventwatchError) as caught:
        Settings(tiles=tiles).check()
    assert caught.value.code == "E906"


def test_default_map_has_no_tiles(client: TestClient) -> None:
    assert 'data-tiles=""' in client.get("/").text
    assert "img-src 'self' data:;" in client.get("/").headers["content-security-policy"]
