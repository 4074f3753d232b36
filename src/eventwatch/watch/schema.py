"""Tables of the watcher: sources, the articles seen from them, alerts, their hits and the outbox.

They share the store's ``metadata``; migration ``0004_sources_alerts`` creates them. Times are
ISO 8601 UTC strings (``2026-11-25T14:00:00+00:00``), which sort as they compare.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ..store.schema import metadata

__all__ = ["alert_hits", "alerts", "articles", "outbox", "sources"]

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    # rss, atom, sitemap, page, or auto (sniffed from what the URL sends).
    Column("kind", String(16), nullable=False),
    Column("every_seconds", Integer, nullable=False),
    Column("allow_private", Boolean, nullable=False, default=False),
    # For a page: the feed found through its <link rel=alternate>.
    Column("feed_url", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("last_polled_at", String(32)),
    Column("last_ok_at", String(32)),
    Column("next_poll_at", String(32), nullable=False, index=True),
    Column("articles", Integer, nullable=False, default=0),
    Column("created_at", String(32), nullable=False),
)

# One row per article URL ever taken up, whatever became of it: the watcher's memory of what it
# has fetched, so nothing is fetched or stored twice.
articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("canonical_url", Text, index=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    # stored, duplicate, skipped, failed
    Column("status", String(16), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="SET NULL")),
    Column("content_hash", String(64), index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("fetched_at", String(32), nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text),
    # {"type", "country", "actor", "place", "text", "status"}: each optional.
    Column("query", JSON, nullable=False),
    # webhook or file
    Column("destination", String(16), nullable=False),
    Column("target", Text, nullable=False),
    Column("allow_private", Boolean, nullable=False, default=False),
    # Mentions with ids above this one have not been looked at yet.
    Column("last_mention_id", Integer, nullable=False, default=0),
    Column("created_at", String(32), nullable=False),
)

# Which events an alert has fired for: the unique key makes it fire once per event.
alert_hits = Table(
    "alert_hits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("event_key", String(64), nullable=False),
    Column("mention_id", Integer, nullable=False),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("alert_id", "event_key", name="uq_alert_hits_alert_event"),
)

# Notifications waiting to be delivered; a row is kept until its destination took it.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("payload", JSON, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", String(32), nullable=False),
    Column("delivered_at", String(32), index=True),
    Column("last_error", Text),
    Column("created_at", String(32), nullable=False),
)
