"""The one place the web UI touches canonical events (clusters of mentions, ``store/clusters_read.py``).

The dedup store functions are looked up at run time: an eventwatch without them (or a database
not yet migrated to have their tables) still serves mentions, each counting as one report.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect

from ..errors import EventwatchError
from ..store import EventFilter, Store

__all__ = [
    "available",
    "cluster_detail",
    "cluster_of",
    "count_clusters",
    "list_clusters",
    "reports_by_mention",
]

_MODULE = "eventwatch.store.clusters_read"


def _reader(store: Store) -> Any | None:
    if importlib.util.find_spec(_MODULE) is None or not inspect(store.engine).has_table("clusters"):
        return None
    return importlib.import_module(_MODULE)


def available(store: Store) -> bool:
    """Whether this eventwatch and this database have canonical events."""
    return _reader(store) is not None


def reports_by_mention(store: Store, mention_ids: Iterable[int]) -> dict[int, int]:
    """How many reports the canonical event of each mention has; 1 without clusters."""
    ids = list(mention_ids)
    reader = _reader(store)
    if reader is None or not ids:
        return dict.fromkeys(ids, 1)
    found: dict[int, int] = reader.reports_by_mention(store, ids)
    return found


def cluster_detail(store: Store, cluster_id: int) -> dict[str, Any]:
    """One canonical event with its reports (mentions, documents, merge scores); E907 without clusters."""
    reader = _reader(store)
    if reader is None:
        raise EventwatchError("E907")
    detail: dict[str, Any] = reader.event_detail(store, cluster_id)
    detail["mentions"] = [
        {
            "id": m["mention_id"],
            "title": m.get("title") or m.get("doc_id"),
            "url": m.get("url"),
            "source": m.get("source"),
            "published": m.get("published"),
            "evidence": m.get("evidence"),
            "score": m.get("score"),
            "why": m.get("why"),
            "event": m.get("data"),
        }
        for m in detail.get("mentions") or []
    ]
    return detail


def cluster_of(store: Store, mention_id: int) -> dict[str, Any] | None:
    """The canonical event a mention belongs to, with its reports; None without clusters."""
    reader = _reader(store)
    if reader is None:
        return None
    cluster_id = reader.cluster_id_of(store, mention_id)
    return None if cluster_id is None else cluster_detail(store, int(cluster_id))


def _cluster_filter(reader: Any, flt: EventFilter, min_reports: int) -> Any:
    return reader.ClusterFilter(
        types=flt.types,
        since=flt.since,
        until=flt.until,
        country=flt.country,
        min_reports=min_reports,
        limit=flt.limit,
        offset=flt.offset,
    )


def list_clusters(store: Store, flt: EventFilter, *, min_reports: int = 1) -> list[dict[str, Any]]:
    """Canonical events matching the filter's type, dates and country; E907 without clusters."""
    reader = _reader(store)
    if reader is None:
        raise EventwatchError("E907")
    rows: list[dict[str, Any]] = reader.list_clusters(store, _cluster_filter(reader, flt, min_reports))
    return rows


def count_clusters(store: Store, flt: EventFilter, *, min_reports: int = 1) -> int:
    """How many canonical events ``list_clusters`` would list without a limit; E907 without clusters."""
    reader = _reader(store)
    if reader is None:
        raise EventwatchError("E907")
    return int(reader.count_clusters(store, _cluster_filter(reader, flt, min_reports)))
