"""PostgreSQL full-text search over evidence, and JSONB document/mention data.

SQLite searches evidence through the FTS5 table 0001 creates; PostgreSQL gets a GIN index on
the English tsvector of ``mentions.evidence`` instead, matched by ``Store._text_match``. The
JSON columns become JSONB there (smaller, indexable). Nothing changes on SQLite.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Store._text_match builds the same expression, so the planner can use this index.
TSVECTOR = "to_tsvector('english'::regconfig, evidence)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_mentions_evidence_fts ON mentions USING gin ({TSVECTOR})")
    for table in ("documents", "mentions"):
        op.execute(f"ALTER TABLE {table} ALTER COLUMN data TYPE jsonb USING data::jsonb")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in ("documents", "mentions"):
        op.execute(f"ALTER TABLE {table} ALTER COLUMN data TYPE json USING data::json")
    op.execute("DROP INDEX IF EXISTS ix_mentions_evidence_fts")
