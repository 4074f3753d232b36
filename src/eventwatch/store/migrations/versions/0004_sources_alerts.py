"""Watched sources, fetched articles and alerts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("every_seconds", sa.Integer, nullable=False),
        sa.Column("allow_private", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("feed_url", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("last_polled_at", sa.String(32)),
        sa.Column("last_ok_at", sa.String(32)),
        sa.Column("next_poll_at", sa.String(32), nullable=False),
        sa.Column("articles", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_sources_next_poll_at", "sources", ["next_poll_at"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("canonical_url", sa.Text),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="SET NULL")),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.Column("fetched_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_articles_canonical_url", "articles", ["canonical_url"])
    op.create_index("ix_articles_source_id", "articles", ["source_id"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text),
        sa.Column("query", sa.JSON, nullable=False),
        sa.Column("destination", sa.String(16), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("allow_private", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("last_mention_id", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "alert_hits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_key", sa.String(64), nullable=False),
        sa.Column("mention_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("alert_id", "event_key", name="uq_alert_hits_alert_event"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.String(32), nullable=False),
        sa.Column("delivered_at", sa.String(32)),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_outbox_alert_id", "outbox", ["alert_id"])
    op.create_index("ix_outbox_delivered_at", "outbox", ["delivered_at"])


def downgrade() -> None:
    for table in ("outbox", "alert_hits", "alerts", "articles", "sources"):
        op.drop_table(table)
