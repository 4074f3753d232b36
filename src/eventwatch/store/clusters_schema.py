"""Tables for canonical events (clusters of mentions), membership and analyst constraints.

Migration ``0002_event_clusters`` creates them. Membership and constraints name mentions by a
content-based key (document text hash, position, type) so that analyst corrections survive
re-ingest and reclustering, whatever database ids the mentions get.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Float, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from .schema import metadata

__all__ = ["cluster_constraints", "cluster_members", "clusters"]

# One row per canonical event; the columns analysts filter and sort on are lifted out of ``data``.
clusters = Table(
    "clusters",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(64), nullable=False, index=True),
    Column("status", String(16)),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("date_precision", String(8)),
    Column("country", String(3), index=True),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities", Integer),
    Column("reports", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Column("data", JSON, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

cluster_members = Table(
    "cluster_members",
    metadata,
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", Integer, ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("mention_key", String(128), nullable=False, unique=True),
    Column("score", Float, nullable=False),
    Column("why", JSON, nullable=False),
)

# kind is "must" (same event) or "cannot" (different events); key_a < key_b.
cluster_constraints = Table(
    "cluster_constraints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),
    Column("key_a", String(128), nullable=False),
    Column("key_b", String(128), nullable=False),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("kind", "key_a", "key_b", name="uq_cluster_constraints"),
    Index("ix_cluster_constraints_a", "key_a"),
    Index("ix_cluster_constraints_b", "key_b"),
)
