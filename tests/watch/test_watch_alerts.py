"""Alerts: matching, once per event, file and webhook destinations, retries through the outbox."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakestage import fake_pipeline
from watchsite import Clock, Site, article_html, rss

from eventwatch.document import Document
from eventwatch.errors import EventwatchError
from eventwatch.store import EventFilter, Store
from eventwatch.store.clusters import merge, recluster, split
from eventwatch.store.clusters_read import cluster_id_of
from eventwatch.watch import (
    AlertQuery,
    Watcher,
    add_alert,
    add_source,
    deliver_due,
    event_key,
    list_alerts,
    pending,
    remove_alert,
    scan,
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
    assert line["event_key"] == f"cluster:{line['canonical_event_id']}"
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


def _report(store: Store, text: str) -> dict[str, Any]:
    doc_id, _ = store.add(fake_pipeline()(Document(id=text[:30], text=text)))
    (mention,) = store.mentions(EventFilter(document_id=doc_id))
    return mention


def test_alert_fires_once_per_canonical_event(store: Store, clock: Clock, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), file=str(out))
    first = _report(store, "A soldier deserted from the garrison at dawn.")
    second = _report(store, "Reports say a soldier deserted from the garrison early on Monday.")
    third = _report(store, "An officer deserted from a different brigade in the south.")
    event = merge(store, first["cluster_id"], second["cluster_id"])
    if third["cluster_id"] in (first["cluster_id"], second["cluster_id"], event):
        split(store, event, third["id"])
    assert scan(store, now=clock()) == 2
    assert deliver_due(store, now=clock()) == (2, 0)
    assert {line["mention_id"] for line in _lines(out)} in (
        {first["id"], third["id"]},
        {second["id"], third["id"]},
    )

    # A later report linked to the same canonical event does not fire again, even after the
    # events were clustered afresh (which may renumber them).
    recluster(store)
    fourth = _report(store, "The deserter was seen at the garrison gate, a neighbour said.")
    merge(store, cluster_id_of(store, first["id"]) or 0, fourth["cluster_id"])
    assert scan(store, now=clock()) == 0


def test_without_clusters_each_mention_is_an_event(tmp_path: Path, clock: Clock) -> None:
    store = Store(f"sqlite:///{tmp_path / 'plain.db'}", cluster=False)
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), file=str(tmp_path / "x.jsonl"))
    _report(store, "A soldier deserted from the garrison at dawn.")
    _report(store, "A soldier deserted from the garrison at dawn, officials said.")
    assert scan(store, now=clock()) == 2
    store.close()


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


def test_fired_before_survives_renumbered_events(store: Store, clock: Clock) -> None:
    from sqlalchemy import insert

    from eventwatch.watch.keys import fired_before
    from eventwatch.watch.schema import alert_hits

    alert = add_alert(store, AlertQuery.build(type="desertion"), now=clock(), file="unused.jsonl")
    first = _report(store, "A soldier deserted from the garrison at dawn.")
    later = _report(store, "An officer deserted from a different brigade in the south.")
    event = merge(store, first["cluster_id"], later["cluster_id"])
    with store.engine.begin() as connection:
        # The hit was recorded under a canonical event id that no longer exists.
        connection.execute(
            insert(alert_hits).values(
                alert_id=alert.id, event_key="cluster:999", mention_id=first["id"], created_at="x"
            )
        )
        assert fired_before(connection, alert.id, {"id": later["id"], "cluster_id": event})
        assert not fired_before(connection, alert.id, {"id": later["id"], "cluster_id": None})


def test_webhook_is_signed_and_carries_a_delivery_id(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    import hashlib
    import hmac

    from eventwatch.watch.outbox import DeliverySettings

    add_alert(
        store, AlertQuery.build(type="desertion"), now=clock(), webhook=site.url("/hook"), allow_private=True
    )
    _feed(site, store, clock, {"/desertion": DESERTION})
    make_watcher(delivery=DeliverySettings(timeout=3.0, secret="s3cret")).run_once()
    ((headers, body),) = site.bodies
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Eventwatch-Signature"] == expected
    assert headers["X-Eventwatch-Delivery"] == str(json.loads(body)["delivery_id"])
    assert headers["Content-Type"] == "application/json"


def test_unsigned_without_a_secret(
    site: Site, store: Store, clock: Clock, make_watcher: Make, tmp_path: Path
) -> None:
    add_alert(
        store, AlertQuery.build(type="desertion"), now=clock(), webhook=site.url("/hook"), allow_private=True
    )
    out = tmp_path / "also.jsonl"
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), file=str(out))
    _feed(site, store, clock, {"/desertion": DESERTION})
    make_watcher().run_once()
    ((headers, _),) = site.bodies
    assert "X-Eventwatch-Signature" not in headers
    (line,) = _lines(out)
    assert isinstance(line["delivery_id"], int)
