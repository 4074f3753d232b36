"""Documents and event mentions, with full-text search over evidence on SQLite.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_source", sa.String(32)),
        sa.Column("language", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_doc_id", "documents", ["doc_id"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("plover", sa.String(16)),
        sa.Column("acled_event_type", sa.String(64)),
        sa.Column("acled_sub_event_type", sa.String(64)),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.Text),
        sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("fatalities", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("participants", sa.Integer),
        sa.Column("attribution", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_index("ix_mentions_type", "mentions", ["type"])
    op.create_index("ix_mentions_date_start", "mentions", ["date_start"])
    op.create_index("ix_mentions_country", "mentions", ["country"])
    op.create_index("ix_mentions_type_date", "mentions", ["type", "date_start"])
    if op.get_bind().dialect.name == "sqlite":
        # Contentless-delete FTS5 table over evidence text, keyed by mention id.
        op.execute(
            "CREATE VIRTUAL TABLE mentions_fts USING fts5(evidence, content='mentions', content_rowid='id')"
        )
        op.execute(
            "CREATE TRIGGER mentions_fts_ai AFTER INSERT ON mentions BEGIN "
            "INSERT INTO mentions_fts(rowid, evidence) VALUES (new.id, new.evidence); END"
        )
        op.execute(
            "CREATE TRIGGER mentions_fts_ad AFTER DELETE ON mentions BEGIN "
            "INSERT INTO mentions_fts(mentions_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS mentions_fts")
    op.drop_table("mentions")
    op.drop_table("documents")
