"""Alembic environment: run with the connection the store hands over, or from a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from eventwatch.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///eventwatch.db")
    with engine.begin() as fresh:
        context.configure(connection=fresh, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
