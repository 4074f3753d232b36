"""Covering indexes for the filters and counts analysts use most (status; country by date).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_mentions_status", "mentions", ["status"])
    op.create_index("ix_mentions_country_date", "mentions", ["country", "date_start", "date_end"])
    op.create_index("ix_mentions_date_type", "mentions", ["date_start", "type"])


def downgrade() -> None:
    op.drop_index("ix_mentions_date_type", "mentions")
    op.drop_index("ix_mentions_country_date", "mentions")
    op.drop_index("ix_mentions_status", "mentions")
