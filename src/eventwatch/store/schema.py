"""The relational schema, as SQLAlchemy Core tables. Migrations in ``migrations/`` create it."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

__all__ = ["JSON_DATA", "documents", "mentions", "metadata"]

metadata = MetaData()

# JSON on SQLite, JSONB on PostgreSQL (migration 0003 converts the columns there).
JSON_DATA = JSON().with_variant(JSONB(), "postgresql")

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(512), nullable=False, index=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("published", String(10), index=True),
    Column("published_source", String(32)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("data", JSON_DATA, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

# One row per extracted event mention; the columns analysts filter on are lifted out of ``data``.
mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("ordinal", Integer, nullable=False),
    Column("type", String(64), nullable=False, index=True),
    Column("mode", String(64)),
    Column("status", String(16), nullable=False),
    Column("plover", String(16)),
    Column("acled_event_type", String(64)),
    Column("acled_sub_event_type", String(64)),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("date_precision", String(8)),
    Column("country", String(3), index=True),
    Column("admin1", Text),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("participants", Integer),
    Column("attribution", Text),
    Column("confidence", Float, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("data", JSON_DATA, nullable=False),
    Index("ix_mentions_type_date", "type", "date_start"),
    Index("ix_mentions_status", "status"),
    Index("ix_mentions_country_date", "country", "date_start", "date_end"),
    Index("ix_mentions_date_type", "date_start", "type"),
)
