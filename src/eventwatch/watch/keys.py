"""What "the same event" means for an alert: the one place that decides it.

An alert fires once per canonical event, not once per report. A mention linked to a canonical
event (``cluster_members``, written when ``Store.add`` clusters a document's mentions) is keyed
by that event; a mention not linked to one (a store opened with ``cluster=False``) is its own
event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from ..store.clusters_schema import cluster_members
from .schema import alert_hits

__all__ = ["event_key", "fired_before"]


def event_key(mention: Mapping[str, Any]) -> str:
    """``cluster:<id>`` for a mention linked to a canonical event, else ``mention:<id>``."""
    cluster = mention.get("cluster_id")
    if cluster is not None:
        return f"cluster:{cluster}"
    return f"mention:{mention['id']}"


def fired_before(connection: Connection, alert_id: int, mention: Mapping[str, Any]) -> bool:
    """Whether alert ``alert_id`` already fired for ``mention``'s event: by its key, or, since
    reclustering may renumber canonical events, because a mention it fired for now belongs to
    the same canonical event.
    """
    key = event_key(mention)
    by_key = select(alert_hits.c.id).where(alert_hits.c.alert_id == alert_id, alert_hits.c.event_key == key)
    if connection.execute(by_key).first() is not None:
        return True
    cluster = mention.get("cluster_id")
    if cluster is None:
        return False
    mates = select(cluster_members.c.mention_id).where(cluster_members.c.cluster_id == cluster)
    by_member = select(alert_hits.c.id).where(
        alert_hits.c.alert_id == alert_id, alert_hits.c.mention_id.in_(mates)
    )
    return connection.execute(by_member).first() is not None
