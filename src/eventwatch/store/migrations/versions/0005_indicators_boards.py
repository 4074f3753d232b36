"""Indicators and competing-hypotheses boards.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("description", sa.Text),
        sa.Column("query", sa.JSON, nullable=False),
        sa.Column("interval", sa.String(8), nullable=False),
        sa.Column("threshold", sa.Float),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="SET NULL")),
        sa.Column("last_alerted_period", sa.String(10)),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "boards",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("question", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "hypotheses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("board_id", sa.Integer, sa.ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_hypotheses_board_id", "hypotheses", ["board_id"])
    op.create_table(
        "evidence_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("board_id", sa.Integer, sa.ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("event_key", sa.String(128)),
        sa.Column("indicator_id", sa.Integer, sa.ForeignKey("indicators.id", ondelete="CASCADE")),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_evidence_items_board_id", "evidence_items", ["board_id"])
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("evidence_items.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "hypothesis_id", sa.Integer, sa.ForeignKey("hypotheses.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("code", sa.String(4), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.String(32), nullable=False),
        sa.Column("why", sa.Text),
    )
    op.create_index("ix_ratings_item_id", "ratings", ["item_id"])
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("board_id", sa.Integer, sa.ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("query", sa.JSON, nullable=False),
        sa.Column(
            "hypothesis_id", sa.Integer, sa.ForeignKey("hypotheses.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("code", sa.String(4), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_rules_board_id", "rules", ["board_id"])


def downgrade() -> None:
    for table in ("rules", "ratings", "evidence_items", "hypotheses", "boards", "indicators"):
        op.drop_table(table)
