"""Alerts: matching, once per event, file and webhook destinations, retries through the outbox."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from watchsite import Clock, Site, article_html, rss

from eventwatch.errors import EventwatchError
from eventwatch.store import Store
from eventwatch.watch import (
    AlertQuery,
    Watcher,
    add_alert,
    add_source,
    event_key,
    list_alerts,
    pending,
    remove_alert,
)

Make = Callable[..., Watcher]
DESERTION = "A Belarusian soldier deserted from his unit near the border on Monday."
OTHER = "The regional council approved a budget for road repairs."


def _feed(site: Site, store: Store, clock: Clock, stories: dict[str, str]) -> None:
    for path, sentence in stories.items():
        site.page(path, article_html(path.strip("/"), [sentence]))
    site.page("/feed.xml", rss([(site.url(path), path, None) for path in stories]))
    add_source(store, site.url("/feed.xml"), now=clock(), allow_private=True)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def test_file_alert_fires_once_per_new_matching_event(
    site: Site, store: Store, clock: Clock, make_watcher: Make, tmp_path: Path
) -> None:
    out = tmp_path / "alerts.jsonl"
    query = AlertQuery.build(type="desertion", actor="Belarusian army")
    alert = add_alert(store, query, now=clock(), name="belarus", file=str(out))
    _feed(site, store, clock, {"/desertion": DESERTION, "/budget": OTHER})
    watcher = make_watcher()
    report = watcher.run_once()
    assert (report.stored, report.alerts_fired, report.delivered) == (2, 1, 1)
    (line,) = _lines(out)
    assert line["alert"] == {"id": alert.id, "name": "belarus", "query": query.to_dict()}
    assert line["event"]["type"] == "desertion"
    assert line["document"]["url"] == site.url("/desertion")
    assert line["event_key"] == f"mention:{line['mention_id']}"
    clock.advance(hours=1)
    assert watcher.run_once().alerts_fired == 0
    assert len(_lines(out)) == 1


def test_alert_ignores_events_stored_before_it(
    site: Site, store: Store, clock: Clock, make_watcher: Make, tmp_path: Path
) -> None:
    _feed(site, store, clock, {"/desertion": DESERTION})
    watcher = make_watcher()
    watcher.run_once()
    out = tmp_path / "late.jsonl"
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), file=str(out))
    assert watcher.run_once().alerts_fired == 0
    assert not out.exists()


def test_non_matching_alert_stays_quiet(
    site: Site, store: Store, clock: Clock, make_watcher: Make, tmp_path: Path
) -> None:
    out = tmp_path / "quiet.jsonl"
    add_alert(store, AlertQuery.build(type="desertion", country="Lithuania"), now=clock(), file=str(out))
    _feed(site, store, clock, {"/desertion": DESERTION})
    assert make_watcher().run_once().alerts_fired == 0


def test_webhook_down_is_retried_not_lost(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    site.post_status = 503
    hook = site.url("/hook")
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), webhook=hook, allow_private=True)
    _feed(site, store, clock, {"/desertion": DESERTION})
    watcher = make_watcher()
    report = watcher.run_once()
    assert (report.alerts_fired, report.delivered, report.undelivered) == (1, 0, 1)
    assert pending(store) == 1 and site.posts == []

    clock.advance(seconds=10)  # before the first pause (30 s) is over: not tried again
    posts_before = sum(1 for method, _, _ in site.requests if method == "POST")
    watcher.run_once()
    assert sum(1 for method, _, _ in site.requests if method == "POST") == posts_before

    site.post_status = 200
    clock.advance(seconds=30)
    report = watcher.run_once()
    assert (report.delivered, report.undelivered) == (1, 0)
    assert pending(store) == 0
    (post,) = site.posts
    assert post["event"]["type"] == "desertion" and post["document"]["url"] == site.url("/desertion")
    clock.advance(hours=2)
    watcher.run_once()
    assert len(site.posts) == 1


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_webhook_with_nobody_listening_backs_off(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    hook = f"http://127.0.0.1:{_closed_port()}/hook"
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), webhook=hook, allow_private=True)
    _feed(site, store, clock, {"/desertion": DESERTION})
    watcher = make_watcher()
    assert watcher.run_once().undelivered == 1
    clock.advance(seconds=31)
    assert watcher.run_once().undelivered == 1
    clock.advance(seconds=31)  # the second pause is 60 s
    assert watcher.run_once().undelivered == 0
    assert pending(store) == 1


def test_webhook_to_a_private_address_needs_permission(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), webhook=site.url("/hook"))
    _feed(site, store, clock, {"/desertion": DESERTION})
    assert make_watcher().run_once().undelivered == 1
    assert site.posts == []


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({}, "E1112"),
        ({"file": "a.jsonl", "webhook": "https://example.org/hook"}, "E1112"),
        ({"webhook": "ftp://example.org/hook"}, "E1114"),
    ],
)
def test_alert_needs_one_valid_destination(
    store: Store, clock: Clock, options: dict[str, str], code: str
) -> None:
    with pytest.raises(EventwatchError) as caught:
        add_alert(store, AlertQuery.build(type="desertion"), now=clock(), **options)
    assert caught.value.code == code


def test_alert_needs_a_condition(store: Store, clock: Clock) -> None:
    with pytest.raises(EventwatchError) as caught:
        add_alert(store, AlertQuery.build(text="  "), now=clock(), file="a.jsonl")
    assert caught.value.code == "E1115"


def test_remove_alert(store: Store, clock: Clock) -> None:
    alert = add_alert(store, AlertQuery.build(type="protest"), now=clock(), file="a.jsonl")
    assert [a.id for a in list_alerts(store)] == [alert.id]
    remove_alert(store, alert.id)
    assert list_alerts(store) == []
    with pytest.raises(EventwatchError) as caught:
        remove_alert(store, alert.id)
    assert caught.value.code == "E1111"


@pytest.mark.parametrize(
    ("mention", "key"),
    [
        ({"id": 7}, "mention:7"),
        ({"id": 7, "cluster_id": None}, "mention:7"),
        ({"id": 7, "cluster_id": 3}, "cluster:3"),
    ],
)
def test_event_key(mention: dict[str, Any], key: str) -> None:
    assert event_key(mention) == key


def _mention(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": 1,
        "type": "desertion",
        "status": "occurred",
        "country": "LTU",
        "place": "Vilnius",
        "admin1": None,
        "evidence": "A Belarusian soldier crossed into Lithuania.",
        "title": "Soldier flees",
        "data": {
            "actors": [{"text": "soldier", "country": "BLR", "sector": "MIL"}],
            "location": {"text": "Vilnius"},
        },
    }
    base.update(fields)
    return base


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({"type": "desertion"}, True),
        ({"type": "protest"}, False),
        ({"country": "Lithuania"}, True),
        ({"country": "LTU"}, True),
        ({"country": "BLR"}, False),
        ({"status": "planned"}, False),
        ({"actor": "Belarusian army"}, True),
        ({"actor": "belarusian soldier"}, True),
        ({"actor": "Russian army"}, False),
        ({"actor": "police"}, False),
        ({"place": "vilnius"}, True),
        ({"place": "Kaunas"}, False),
        ({"text": "crossed LITHUANIA"}, True),
        ({"text": "flees"}, True),
        ({"text": "tank"}, False),
        ({"type": "desertion", "actor": "Belarusian army", "country": "LTU"}, True),
    ],
)
def test_query_matches(conditions: dict[str, str], expected: bool) -> None:
    assert AlertQuery.build(**conditions).matches(_mention()) is expected


def test_query_round_trips() -> None:
    query = AlertQuery.build(type="desertion", country="Belarus", actor=" army ", place="")
    assert query.to_dict() == {"type": "desertion", "country": "BLR", "actor": "army"}
    assert AlertQuery.from_dict(query.to_dict()) == query


def test_alert_fires_once_per_canonical_event(
    site: Site,
    store: Store,
    clock: Clock,
    make_watcher: Make,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two reports of one desertion (one canonical event) and a report of another.
    links = {1: 10, 2: 10, 3: 11}

    def linked(_connection: object, mention_ids: Any) -> dict[int, int]:
        return {mention_id: links[mention_id] for mention_id in mention_ids if mention_id in links}

    monkeypatch.setattr("eventwatch.watch.alerts.cluster_ids", linked)
    out = tmp_path / "events.jsonl"
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), file=str(out))
    _feed(
        site,
        store,
        clock,
        {
            "/first": "A soldier deserted from the garrison at dawn.",
            "/second": "Reports say a soldier deserted from the garrison early on Monday.",
            "/third": "An officer deserted from a different brigade in the south.",
        },
    )
    report = make_watcher().run_once()
    assert (report.stored, report.alerts_fired) == (3, 2)
    keys = [line["event_key"] for line in _lines(out)]
    assert keys == ["cluster:10", "cluster:11"]
    assert [line["canonical_event_id"] for line in _lines(out)] == [10, 11]


def test_cluster_ids_without_cluster_tables(store: Store) -> None:
    from eventwatch.watch.keys import cluster_ids

    with store.engine.connect() as connection:
        if connection.dialect.has_table(connection, "cluster_members"):
            pytest.skip("this database has canonical event clusters")
        assert cluster_ids(connection, [1, 2]) == {}
