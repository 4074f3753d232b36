"""Alerts: saved queries over new event mentions, each firing once per event into the outbox.

``scan`` looks at mentions stored since the alert last looked (a high-water mark of mention
ids), so it finds events however they were stored (the watcher, ``eventwatch ingest``, the
API), and the hit, the outbox row and the new mark are written in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from ..errors import EventwatchError
from ..store import Store
from ..store.clusters_schema import cluster_members
from ..store.schema import documents, mentions
from .clock import iso
from .keys import event_key, fired_before
from .query import AlertQuery
from .schema import alert_hits, alerts, outbox
from .urls import check_watchable

__all__ = ["Alert", "add_alert", "get_alert", "list_alerts", "remove_alert", "scan"]

_SCAN_BATCH = 500


@dataclass(slots=True, kw_only=True)
class Alert:
    """A saved query and where its notifications go (``webhook`` URL or JSONL ``file`` path)."""

    id: int
    name: str | None
    query: AlertQuery
    destination: str
    target: str
    allow_private: bool
    last_mention_id: int
    created_at: str

    @classmethod
    def from_row(cls, row: Any) -> Alert:
        """An alert from a database row."""
        data = row._mapping
        return cls(
            id=data["id"],
            name=data["name"],
            query=AlertQuery.from_dict(data["query"]),
            destination=data["destination"],
            target=data["target"],
            allow_private=bool(data["allow_private"]),
            last_mention_id=data["last_mention_id"],
            created_at=data["created_at"],
        )


def add_alert(
    store: Store,
    query: AlertQuery,
    *,
    now: dt.datetime,
    name: str | None = None,
    webhook: str | None = None,
    file: str | None = None,
    allow_private: bool = False,
) -> Alert:
    """Save an alert; it fires for events stored from now on. E1112 without exactly one
    destination, E1115 without a condition.
    """
    if (webhook is None) == (file is None):
        raise EventwatchError("E1112")
    if query.empty:
        raise EventwatchError("E1115")
    destination, target = ("webhook", check_watchable(webhook)) if webhook else ("file", str(Path(str(file))))
    with store.engine.begin() as connection:
        mark = connection.execute(select(func.max(mentions.c.id))).scalar() or 0
        key = connection.execute(
            insert(alerts).values(
                name=name,
                query=query.to_dict(),
                destination=destination,
                target=target,
                allow_private=allow_private,
                last_mention_id=mark,
                created_at=iso(now),
            )
        ).inserted_primary_key
        alert_id = key[0] if key else 0
    return get_alert(store, int(alert_id))


def list_alerts(store: Store) -> list[Alert]:
    """Every alert, oldest first."""
    with store.engine.connect() as connection:
        return [Alert.from_row(row) for row in connection.execute(select(alerts).order_by(alerts.c.id))]


def get_alert(store: Store, alert_id: int) -> Alert:
    """The alert ``alert_id``; E1111 if there is none."""
    with store.engine.connect() as connection:
        row = connection.execute(select(alerts).where(alerts.c.id == alert_id)).first()
    if row is None:
        raise EventwatchError("E1111", alert_id=alert_id)
    return Alert.from_row(row)


def remove_alert(store: Store, alert_id: int) -> Alert:
    """Delete an alert with its hits and undelivered notifications; E1111 if there is none."""
    alert = get_alert(store, alert_id)
    with store.engine.begin() as connection:
        connection.execute(delete(outbox).where(outbox.c.alert_id == alert_id))
        connection.execute(delete(alert_hits).where(alert_hits.c.alert_id == alert_id))
        connection.execute(delete(alerts).where(alerts.c.id == alert_id))
    return alert


def _payload(alert: Alert, key: str, mention: dict[str, Any], *, now: dt.datetime) -> dict[str, Any]:
    return {
        "alert": {"id": alert.id, "name": alert.name, "query": alert.query.to_dict()},
        "event_key": key,
        "canonical_event_id": mention.get("cluster_id"),
        "mention_id": mention["id"],
        "event": mention["data"],
        "document": {
            "id": mention["document_id"],
            "title": mention["title"],
            "url": mention["url"],
            "published": mention["published"],
        },
        "fired_at": iso(now),
    }


def _scan_alert(connection: Connection, alert: Alert, *, now: dt.datetime) -> int:
    query = (
        select(
            mentions, documents.c.title, documents.c.url, documents.c.published, cluster_members.c.cluster_id
        )
        .join(documents, documents.c.id == mentions.c.document_id)
        .outerjoin(cluster_members, cluster_members.c.mention_id == mentions.c.id)
        .where(mentions.c.id > alert.last_mention_id)
        .order_by(mentions.c.id)
        .limit(_SCAN_BATCH)
    )
    fired = 0
    mark = alert.last_mention_id
    for row in connection.execute(query).all():
        mention = dict(row._mapping)
        mark = mention["id"]
        if not alert.query.matches(mention):
            continue
        key = event_key(mention)
        if fired_before(connection, alert.id, mention):
            continue
        connection.execute(
            insert(alert_hits).values(
                alert_id=alert.id, event_key=key, mention_id=mention["id"], created_at=iso(now)
            )
        )
        connection.execute(
            insert(outbox).values(
                alert_id=alert.id,
                payload=_payload(alert, key, mention, now=now),
                attempts=0,
                next_attempt_at=iso(now),
                created_at=iso(now),
            )
        )
        fired += 1
    connection.execute(update(alerts).where(alerts.c.id == alert.id).values(last_mention_id=mark))
    alert.last_mention_id = mark
    return fired


def scan(store: Store, *, now: dt.datetime) -> int:
    """Match every alert against mentions stored since it last looked; returns how many fired."""
    fired = 0
    for alert in list_alerts(store):
        while True:
            before = alert.last_mention_id
            with store.engine.begin() as connection:
                fired += _scan_alert(connection, alert, now=now)
            if alert.last_mention_id == before:
                break
    return fired
