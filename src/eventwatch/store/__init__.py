"""Storage: SQLite by default, PostgreSQL by URL, one schema through Alembic migrations."""

from .store import DEFAULT_URL, EventFilter, Store, insert_id, normalise_url, utc_now

__all__ = ["DEFAULT_URL", "EventFilter", "Store", "insert_id", "normalise_url", "utc_now"]
