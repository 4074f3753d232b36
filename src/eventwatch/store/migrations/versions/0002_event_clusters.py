"""Canonical events: mentions linked to deduplicated event clusters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16)),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("country", sa.String(3)),
        sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("fatalities", sa.Integer),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("first_reported", sa.String(10)),
        sa.Column("last_reported", sa.String(10)),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_clusters_type", "clusters", ["type"])
    op.create_index("ix_clusters_date_start", "clusters", ["date_start"])
    op.create_index("ix_clusters_country", "clusters", ["country"])
    op.create_table(
        "cluster_members",
        sa.Column(
            "mention_id", sa.Integer, sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False),
        sa.Column("mention_key", sa.String(128), nullable=False, unique=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("why", sa.JSON, nullable=False),
    )
    op.create_index("ix_cluster_members_cluster_id", "cluster_members", ["cluster_id"])
    op.create_table(
        "cluster_constraints",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("key_a", sa.String(128), nullable=False),
        sa.Column("key_b", sa.String(128), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("kind", "key_a", "key_b", name="uq_cluster_constraints"),
    )
    op.create_index("ix_cluster_constraints_a", "cluster_constraints", ["key_a"])
    op.create_index("ix_cluster_constraints_b", "cluster_constraints", ["key_b"])


def downgrade() -> None:
    op.drop_table("cluster_constraints")
    op.drop_table("cluster_members")
    op.drop_table("clusters")
