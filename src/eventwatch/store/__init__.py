"""Storage: SQLite by default, PostgreSQL by URL, one schema through Alembic migrations."""

from .store import DEFAULT_URL, EventFilter, Store, normalise_url

__all__ = ["DEFAULT_URL", "EventFilter", "Store", "normalise_url"]
