"""What "the same event" means for an alert: the one place that decides it.

An alert fires once per canonical event, not once per report. A mention linked to a canonical
event (a row in ``cluster_members``, written when the store clusters mentions) is keyed by that
event; a mention not (yet) linked to one is its own event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, inspect, text

__all__ = ["cluster_ids", "event_key"]


def event_key(mention: Mapping[str, Any]) -> str:
    """``cluster:<id>`` for a mention linked to a canonical event, else ``mention:<id>``."""
    cluster = mention.get("cluster_id")
    if cluster is not None:
        return f"cluster:{cluster}"
    return f"mention:{mention['id']}"


def cluster_ids(connection: Connection, mention_ids: Iterable[int]) -> dict[int, int]:
    """The canonical event of each of ``mention_ids`` that has one.

    Read by name so this works on databases with or without the clusters tables.
    """
    wanted = sorted(set(mention_ids))
    if not wanted or not inspect(connection).has_table("cluster_members"):
        return {}
    query = text("SELECT mention_id, cluster_id FROM cluster_members WHERE mention_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    return {int(row[0]): int(row[1]) for row in connection.execute(query, {"ids": wanted})}
