"""Reading canonical events: the list analysts browse and one event with its reports and scores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from ..errors import EventwatchError
from .clusters_schema import cluster_members, clusters
from .filters import window_conditions
from .schema import documents, mentions

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "ClusterFilter",
    "cluster_id_of",
    "count_clusters",
    "event_detail",
    "list_clusters",
    "reports_by_mention",
]


@dataclass(slots=True, kw_only=True)
class ClusterFilter:
    """What ``list_clusters`` selects; every field is optional."""

    types: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    country: str | None = None
    min_reports: int = 1
    limit: int = 100
    offset: int = 0


def cluster_id_of(store: Store, mention_id: int) -> int | None:
    """The canonical event a mention belongs to, if it has been clustered."""
    with store.engine.connect() as connection:
        found = connection.execute(
            select(cluster_members.c.cluster_id).where(cluster_members.c.mention_id == mention_id)
        ).scalar()
    return int(found) if found is not None else None


def reports_by_mention(store: Store, mention_ids: Iterable[int]) -> dict[int, int]:
    """How many reports the canonical event of each mention has (1 for a mention not yet clustered)."""
    wanted = sorted(set(mention_ids))
    found: dict[int, int] = {}
    with store.engine.connect() as connection:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            query = (
                select(cluster_members.c.mention_id, clusters.c.reports)
                .join(clusters, clusters.c.id == cluster_members.c.cluster_id)
                .where(cluster_members.c.mention_id.in_(chunk))
            )
            found.update({int(row.mention_id): int(row.reports) for row in connection.execute(query)})
    return {mention_id: found.get(mention_id, 1) for mention_id in wanted}


def _conditions(flt: ClusterFilter) -> list[Any]:
    return [
        clusters.c.reports >= flt.min_reports,
        *window_conditions(
            clusters.c, types=flt.types, since=flt.since, until=flt.until, country=flt.country
        ),
    ]


def list_clusters(store: Store, flt: ClusterFilter | None = None) -> list[dict[str, Any]]:
    """Canonical events matching ``flt``, newest first, most reported first on the same day."""
    flt = flt or ClusterFilter()
    query = (
        select(clusters)
        .where(*_conditions(flt))
        .order_by(clusters.c.date_start.desc(), clusters.c.reports.desc(), clusters.c.id)
        .limit(flt.limit)
        .offset(flt.offset)
    )
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def event_detail(store: Store, event_id: int) -> dict[str, Any]:
    """One canonical event: its stored row, and each mention with its document and why it was merged."""
    query = (
        select(
            cluster_members.c.mention_id,
            cluster_members.c.mention_key,
            cluster_members.c.score,
            cluster_members.c.why,
            mentions.c.data,
            mentions.c.evidence,
            documents.c.doc_id,
            documents.c.title,
            documents.c.url,
            documents.c.source,
            documents.c.published,
        )
        .join(mentions, mentions.c.id == cluster_members.c.mention_id)
        .join(documents, documents.c.id == mentions.c.document_id)
        .where(cluster_members.c.cluster_id == event_id)
        .order_by(documents.c.published, cluster_members.c.mention_key)
    )
    with store.engine.connect() as connection:
        row = connection.execute(select(clusters).where(clusters.c.id == event_id)).first()
        if row is None:
            raise EventwatchError("E802", event_id=event_id)
        members = [dict(r._mapping) for r in connection.execute(query)]
    return {**dict(row._mapping), "mentions": members}


def count_clusters(store: Store, flt: ClusterFilter | None = None) -> int:
    """How many canonical events match ``flt`` (ignoring its limit and offset)."""
    query = select(func.count()).select_from(clusters).where(*_conditions(flt or ClusterFilter()))
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)
