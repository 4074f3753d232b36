"""The store: documents and event mentions in SQLite (default) or PostgreSQL, through SQLAlchemy Core.

Each document is written with its events in one transaction and identified by the hash of its
text, so an ingest killed at any point and run again stores every document exactly once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    create_engine,
    event,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..document import Document, Event
from ..errors import EventwatchError
from . import rollup, text_plan
from .clusters_schema import cluster_members
from .filters import window_conditions
from .schema import documents, mentions

__all__ = ["DEFAULT_URL", "EventFilter", "Store", "insert_id", "normalise_url", "utc_now"]

DEFAULT_URL = "sqlite:///eventwatch.db"
_MIGRATION_LOCK = 0x65766E7477  # PostgreSQL advisory lock key held while migrating ("evntw")


def utc_now() -> str:
    """The current UTC time as stored in timestamp columns (ISO 8601, seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def insert_id(connection: Connection, statement: Insert) -> int:
    """Execute an INSERT of one row and return the new row's primary key."""
    inserted = connection.execute(statement).inserted_primary_key
    if inserted is None:
        raise RuntimeError("the database returned no id for the new row")
    return int(inserted[0])


def normalise_url(url: str) -> str:
    """Accept a bare file path as a SQLite database; prefer psycopg 3 for PostgreSQL URLs."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """What ``Store.mentions`` selects; every field is optional."""

    types: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    country: str | None = None
    status: str | None = None
    q: str | None = None
    document_id: int | None = None
    limit: int = 100
    offset: int = 0


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Store:
    """Documents and event mentions in one database; opening it brings the schema up to date."""

    def __init__(self, url: str = DEFAULT_URL, *, migrate: bool = True, cluster: bool = True) -> None:
        self.url = normalise_url(url)
        # Whether each new document's mentions are linked to canonical events as it is stored.
        self.cluster = cluster
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            if migrate:
                self.migrate()
        except SQLAlchemyError as exc:
            raise EventwatchError(
                "E201", url=self.url, reason=str(getattr(exc, "orig", None) or exc)
            ) from None

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    def migrate(self) -> None:
        """Run the Alembic migrations up to head."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(resources.files("eventwatch.store") / "migrations"))
        with self.engine.begin() as connection:
            if self.dialect == "postgresql":
                # Serialise processes migrating one database at once (batch workers, web workers);
                # the lock ends with the transaction.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    # writing -------------------------------------------------------------------------------

    def add(self, doc: Document) -> tuple[int, bool]:
        """Store ``doc`` and its events; returns (document id, whether it was new).

        A document whose text is already stored is not stored again.
        """
        existing = self.document_id_by_hash(doc.content_hash)
        if existing is not None:
            return existing, False
        try:
            with self.engine.begin() as connection:
                document_id = insert_id(
                    connection,
                    insert(documents).values(
                        doc_id=doc.id,
                        content_hash=doc.content_hash,
                        title=doc.title,
                        url=doc.url,
                        source=doc.source,
                        published=doc.published,
                        published_source=doc.published_source,
                        language=doc.language,
                        text=doc.text,
                        data=doc.to_dict(tokens=False),
                        ingested_at=utc_now(),
                    ),
                )
                rows = [_mention_row(document_id, ordinal, event) for ordinal, event in enumerate(doc.events)]
                if rows:
                    connection.execute(insert(mentions), rows)
                    rollup.add_rows(connection, rows)
        except IntegrityError:
            # Another writer stored the same text between our check and our insert.
            found = self.document_id_by_hash(doc.content_hash)
            if found is None:
                raise
            return found, False
        if self.cluster:
            from .clusters import assign_document

            assign_document(self, int(document_id))
        return int(document_id), True

    # reading -------------------------------------------------------------------------------

    def document_id_by_hash(self, content_hash: str) -> int | None:
        """The id of the stored document with this text hash, if any."""
        with self.engine.connect() as connection:
            found = connection.execute(
                select(documents.c.id).where(documents.c.content_hash == content_hash)
            ).scalar()
        return int(found) if found is not None else None

    def counts(self) -> dict[str, int]:
        """How many documents and event mentions are stored."""
        with self.engine.connect() as connection:
            return {
                "documents": int(
                    connection.execute(select(func.count()).select_from(documents)).scalar() or 0
                ),
                "mentions": int(connection.execute(select(func.count()).select_from(mentions)).scalar() or 0),
            }

    def mentions(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Event mentions matching ``flt``, newest first, with their document's title and url.

        ``cluster_id`` is the canonical event the mention belongs to (None until clustered).
        """
        flt = flt or EventFilter()
        order = (mentions.c.date_start.desc(), mentions.c.id)
        # The page's ids first, from mentions alone (an index walk), then the joins for those rows
        # only: joining first made SQLite join every skipped row of a deep page (offset 5000: 30 ms).
        with self.engine.connect() as connection:
            first = self.text_first(connection, flt, wanted=flt.offset + flt.limit)
            page = (
                select(mentions.c.id)
                .where(*self._conditions(flt, text_first=first))
                .order_by(*order)
                .limit(flt.limit)
                .offset(flt.offset)
            )
            query = (
                select(
                    mentions,
                    documents.c.title,
                    documents.c.url,
                    documents.c.doc_id,
                    cluster_members.c.cluster_id,
                )
                .join(documents, documents.c.id == mentions.c.document_id)
                .outerjoin(cluster_members, cluster_members.c.mention_id == mentions.c.id)
                .where(mentions.c.id.in_(page))
                .order_by(*order)
            )
            return [dict(row._mapping) for row in connection.execute(query)]

    def text_first(self, connection: Connection, flt: EventFilter, *, wanted: int | None = None) -> bool:
        """Whether a query for ``flt`` should start from the free-text matches (``text_plan``).

        Always true without ``q`` (nothing to choose) and on PostgreSQL (its planner chooses).
        """
        if not flt.q or self.dialect != "sqlite":
            return True
        return text_plan.text_first(connection, flt, wanted=wanted)

    def _conditions(self, flt: EventFilter, *, text_first: bool = True) -> list[Any]:
        """The WHERE terms selecting ``flt``'s mentions (limit and offset aside).

        ``text_first=False`` words the free-text term so that SQLite walks another index and
        tests each row against the matches (``text_plan``); the rows selected are the same.
        """
        conditions = window_conditions(
            mentions.c, types=flt.types, since=flt.since, until=flt.until, country=flt.country
        )
        if flt.status:
            conditions.append(mentions.c.status == flt.status)
        if flt.document_id is not None:
            conditions.append(mentions.c.document_id == flt.document_id)
        if flt.q:
            conditions.append(self._text_match(flt.q, text_first=text_first))
        return conditions

    def _text_match(self, q: str, *, text_first: bool = True) -> Any:
        if self.dialect == "sqlite":
            # Each term quoted, so FTS5 syntax in user input is read as words, not operators.
            matching = text("SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH :terms").bindparams(
                terms=text_plan.fts_terms(q)
            )
            # ``id + 0`` is no longer the rowid to SQLite's planner, so it cannot drive the query.
            row_id = mentions.c.id if text_first else mentions.c.id + literal_column("0")
            return row_id.in_(matching)
        # PostgreSQL: web-search syntax ("quoted phrase", or, -word) over the English tsvector the
        # GIN index of migration 0003 holds; the expression must match the index's to be used.
        vector = func.to_tsvector(literal_column("'english'::regconfig"), mentions.c.evidence)
        query = func.websearch_to_tsquery(literal_column("'english'::regconfig"), q)
        return vector.op("@@")(query)

    def mention(self, mention_id: int) -> dict[str, Any]:
        """One event mention with its document fields; E202 if there is none."""
        query = (
            select(mentions, documents.c.title, documents.c.url, documents.c.doc_id, documents.c.text)
            .join(documents, documents.c.id == mentions.c.document_id)
            .where(mentions.c.id == mention_id)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise EventwatchError("E202", event_id=mention_id)
        return dict(row._mapping)

    def document(self, document_id: int) -> Document:
        """The stored document ``document_id`` with its annotations; E204 if there is none."""
        with self.engine.connect() as connection:
            data = connection.execute(select(documents.c.data).where(documents.c.id == document_id)).scalar()
        if data is None:
            raise EventwatchError("E204", document_id=document_id)
        return Document.from_dict(data)

    def iter_documents(self, *, batch_size: int = 200) -> Iterator[tuple[int, Document]]:
        """Every stored document, in id order, streamed in batches."""
        last = 0
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    select(documents.c.id, documents.c.data)
                    .where(documents.c.id > last)
                    .order_by(documents.c.id)
                    .limit(batch_size)
                ).all()
            if not rows:
                return
            for row in rows:
                yield int(row.id), Document.from_dict(row.data)
            last = int(rows[-1].id)


def _mention_row(document_id: int, ordinal: int, event: Event) -> dict[str, Any]:
    location = event.location
    return {
        "document_id": document_id,
        "ordinal": ordinal,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "plover": event.plover,
        "acled_event_type": (event.acled or {}).get("event_type"),
        "acled_sub_event_type": (event.acled or {}).get("sub_event_type"),
        # an empty date is no date (the stats rollup relies on it; migration 0007 cleaned old rows)
        "date_start": event.date.start or None,
        "date_end": event.date.end or None,
        "date_precision": event.date.precision,
        "country": location.country if location else None,
        "admin1": location.admin1 if location else None,
        "place": location.name if location else None,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "fatalities": event.quantities.fatalities,
        "injured": event.quantities.injured,
        "participants": event.quantities.participants,
        "attribution": event.attribution,
        "confidence": event.confidence,
        "evidence": " ".join(span.text for span in event.evidence),
        "data": event.to_dict(),
    }
