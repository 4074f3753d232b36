"""The stats endpoint's timeline (bucket chosen by the server), ``by_day_type`` on request, and the chart.

That the rollup gives the same numbers as the GROUP BY over mentions is tested in
tests/store/test_rollup.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from eventwatch.web import queries, text_stats
from eventwatch.web.charts import timeline, timeline_svg, unit_for


def test_stats_has_a_timeline_and_by_day_type_only_on_request(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert "by_day_type" not in stats
    # The sample's dated events span 2024-02-26 .. 2024-04-05: under 90 days, so one bar per day.
    assert stats["timeline"]["unit"] == "day"
    detailed = client.get("/api/stats?by_day_type=true").json()
    assert detailed["timeline"] == stats["timeline"]
    assert [(r["day"], r["type"], r["count"]) for r in detailed["by_day_type"]] == [
        (r["start"], r["type"], r["count"]) for r in stats["timeline"]["series"]
    ]
    assert sum(r["count"] for r in stats["timeline"]["series"]) == stats["total"] - stats["undated"]


def test_free_text_stats_take_the_direct_path_with_the_same_shape(client: TestClient) -> None:
    everything = client.get("/api/stats").json()
    searched = client.get("/api/stats?q=farmers").json()
    assert set(searched) == set(everything)
    assert 0 < searched["total"] < everything["total"]


def test_capped_free_text_stats_say_so_in_the_api_and_under_the_chart(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries._cache.entries.clear()
    full = client.get("/api/stats?q=Kupiansk").json()
    assert (full["matched"], full["capped"]) == (full["total"], False) and full["total"] >= 2
    assert 'id="capped"' not in client.get("/?q=Kupiansk").text
    monkeypatch.setattr(text_stats, "STATS_CAP", 1)
    queries._cache.entries.clear()
    capped = client.get("/api/stats?q=Kupiansk").json()
    assert (capped["total"], capped["matched"], capped["capped"]) == (1, full["total"], True)
    assert client.get("/api/events?q=Kupiansk").json()["total"] == full["total"]  # the list is not capped
    html = client.get("/?q=Kupiansk").text
    assert f"the 1 most recently stored of the {full['total']} matching mentions" in html
    queries._cache.entries.clear()


def test_free_text_counts_stop_past_the_cap_and_say_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries._cache.entries.clear()
    listed = client.get("/api/events?q=Kupiansk").json()
    assert listed["total"] >= 2 and listed["total_capped"] is False
    assert client.get("/api/events").json()["total_capped"] is False
    monkeypatch.setattr(text_stats, "COUNT_CAP", 1)
    queries._cache.entries.clear()
    capped = client.get("/api/events?q=Kupiansk").json()
    assert (capped["total"], capped["total_capped"]) == (1, True)
    assert len(capped["items"]) == listed["total"]  # the items are not capped
    searched = client.get("/api/stats?q=Kupiansk").json()
    assert (searched["matched"], searched["matched_capped"]) == (1, True)
    assert '<strong id="total">1+</strong>' in client.get("/?q=Kupiansk").text
    queries._cache.entries.clear()


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        ("2024-01-01", "2024-03-31", "day"),  # 90 days apart
        ("2024-01-01", "2024-04-01", "week"),
        ("2024-01-01", "2025-12-31", "week"),  # 730 days apart
        ("2024-01-01", "2026-01-01", "month"),
    ],
)
def test_unit_follows_the_span(first: str, last: str, unit: str) -> None:
    assert unit_for(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) == unit


def test_timeline_sums_days_into_weeks_and_months() -> None:
    rows = [("2024-01-01", "arrest", 1), ("2024-01-07", "arrest", 2), ("2024-01-08", "arrest", 4)]
    assert timeline(rows, unit="week")["series"] == [
        {"start": "2024-01-01", "type": "arrest", "count": 3},
        {"start": "2024-01-08", "type": "arrest", "count": 4},
    ]
    assert timeline(rows, unit="month")["series"] == [{"start": "2024-01-01", "type": "arrest", "count": 7}]
    assert timeline([]) == {"unit": "day", "series": []}


@pytest.mark.parametrize("span", [40, 400, 1200])
def test_the_chart_of_the_server_timeline_is_the_chart_of_the_days(span: int) -> None:
    start = dt.date(2023, 5, 17)
    days = [
        {"day": (start + dt.timedelta(days=offset)).isoformat(), "type": kind, "count": 1 + offset % 3}
        for offset in range(0, span + 1, 7)
        for kind in ("arrest", "protest")
    ]
    rows = [(r["day"], r["type"], r["count"]) for r in days]
    assert timeline_svg({"timeline": timeline(rows)}) == timeline_svg({"by_day_type": days})
