"""Tables for indicators and competing-hypotheses boards. Migration ``0005_indicators_boards`` creates them.

Evidence items name canonical events by the content key of one member mention (``event_key``),
not by cluster id: cluster ids may change when events are reclustered, keys do not.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Float, ForeignKey, Integer, String, Table, Text

from .schema import metadata

__all__ = ["boards", "evidence_items", "hypotheses", "indicators", "ratings", "rules"]

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("description", Text),
    Column("query", JSON, nullable=False),
    Column("interval", String(8), nullable=False),
    Column("threshold", Float),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="SET NULL")),
    Column("last_alerted_period", String(10)),
    Column("created_at", String(32), nullable=False),
)

boards = Table(
    "boards",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("question", Text),
    Column("created_at", String(32), nullable=False),
)

hypotheses = Table(
    "hypotheses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("board_id", Integer, ForeignKey("boards.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("label", String(16), nullable=False),
    Column("text", Text, nullable=False),
)

evidence_items = Table(
    "evidence_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("board_id", Integer, ForeignKey("boards.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("event_key", String(128)),
    Column("indicator_id", Integer, ForeignKey("indicators.id", ondelete="CASCADE")),
    Column("title", Text, nullable=False),
    Column("weight", Float, nullable=False),
    Column("added_at", String(32), nullable=False),
    Column("added_by", String(200), nullable=False),
)

# Every rating ever given: the latest per (item, hypothesis) is the current one; the rest is history.
ratings = Table(
    "ratings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "item_id", Integer, ForeignKey("evidence_items.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("hypothesis_id", Integer, ForeignKey("hypotheses.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(4), nullable=False),
    Column("note", Text),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", String(32), nullable=False),
    Column("why", Text),
)

rules = Table(
    "rules",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("board_id", Integer, ForeignKey("boards.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("query", JSON, nullable=False),
    Column("hypothesis_id", Integer, ForeignKey("hypotheses.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(4), nullable=False),
    Column("weight", Float, nullable=False),
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
)
