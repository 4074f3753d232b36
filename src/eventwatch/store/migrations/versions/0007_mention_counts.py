"""The mention counts rollup the stats read (issue #8), filled from the stored mentions.

Also turns empty-string dates into NULL: the rollup stores a missing date as '' and the filters
treat NULL and '' differently, so only NULL may mean "no date".

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The table as it is at this revision (store/rollup_schema.py may grow later).
    op.create_table(
        "mention_counts",
        sa.Column("grain", sa.SmallInteger, nullable=False),
        sa.Column("country", sa.String(3), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("day_end", sa.String(10), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint(
            "grain", "country", "status", "type", "day", "day_end", name="pk_mention_counts"
        ),
        sqlite_with_rowid=False,
    )
    op.execute("UPDATE mentions SET date_start = NULL WHERE date_start = ''")
    op.execute("UPDATE mentions SET date_end = NULL WHERE date_end = ''")
    # The backfill uses the store's own key function, so old and new mentions are counted alike.
    from eventwatch.store.rollup import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("mention_counts")
