"""Export records: one per stored event mention, with its document and (optionally) names redacted.

Every exporter reads the same record, so filters, paging and redaction happen once, here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from ..store import EventFilter, Store
from ..store.schema import documents, mentions
from .redact import Redactor, person_names

__all__ = ["Record", "iter_records", "record_from_row"]

_PAGE = 500
# Values that are codes, offsets or links, never free text: redaction leaves them alone.
KEEP = frozenset(
    {
        "type",
        "mode",
        "status",
        "plover",
        "country",
        "precision",
        "start",
        "end",
        "role",
        "sector",
        "url",
        "lat",
        "lon",
        "geonameid",
        "feature",
        "id",
        "doc_id",
        "published",
        "label",
        "unit",
    }
)


@dataclass(slots=True)
class Record:
    """One event mention as exporters see it: the event dict, its row id, its document's fields."""

    id: int
    event: dict[str, Any]
    document: dict[str, Any]
    reports: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def evidence(self) -> str:
        """The evidence sentences joined by spaces."""
        return " ".join(span["text"] for span in self.event.get("evidence") or [])


def record_from_row(row: dict[str, Any]) -> Record:
    """A record from a joined mentions+documents row (``Store.mentions`` or this module's query)."""
    return Record(
        id=int(row["id"]),
        event=copy.deepcopy(row["data"]),
        document={
            "id": row.get("document_id"),
            "doc_id": row.get("doc_id"),
            "title": row.get("title"),
            "url": row.get("url"),
            "source": row.get("source"),
            "published": row.get("published"),
        },
    )


def _query(store: Store, flt: EventFilter, *, after: tuple[int, int] | None) -> Any:
    query = (
        select(
            mentions.c.id,
            mentions.c.document_id,
            mentions.c.data,
            documents.c.doc_id,
            documents.c.title,
            documents.c.url,
            documents.c.source,
            documents.c.published,
        )
        .join(documents, documents.c.id == mentions.c.document_id)
        .where(*store._conditions(flt))  # the store's own filter, so exports match `eventwatch events`
        .order_by(mentions.c.id)
        .limit(_PAGE)
    )
    if after is not None:
        query = query.where(mentions.c.id > after[1])
    return query


def iter_records(
    store: Store,
    flt: EventFilter | None = None,
    *,
    limit: int | None = None,
    redactor: Redactor | None = None,
) -> Iterator[Record]:
    """Stream the mentions matching ``flt`` in id order (``flt.limit``/``offset`` are ignored; use ``limit``).

    With ``redactor``, personal names found in each document are replaced in every text field.
    """
    flt = flt or EventFilter()
    count, last = 0, None
    names_by_doc: dict[int, dict[str, str]] = {}
    while True:
        with store.engine.connect() as connection:
            rows = [dict(r._mapping) for r in connection.execute(_query(store, flt, after=last))]
        if not rows:
            return
        for row in rows:
            record = record_from_row(row)
            if redactor is not None:
                _redact(record, store, redactor, names_by_doc)
            yield record
            count += 1
            if limit is not None and count >= limit:
                return
        last = (0, int(rows[-1]["id"]))


def _redact(record: Record, store: Store, redactor: Redactor, cache: dict[int, dict[str, str]]) -> None:
    document_id = int(record.document["id"])
    if document_id not in cache:
        doc = store.document(document_id)
        actors = [actor for event in doc.events for actor in event.to_dict()["actors"]]
        entities = [{"text": e.text, "start": e.start, "end": e.end, "label": e.label} for e in doc.entities]
        if len(cache) > 1000:
            cache.clear()
        cache[document_id] = redactor.mapping(person_names(entities, actors))
    table = cache[document_id]
    record.event = redactor.apply_all(record.event, table, keep=KEEP)
    record.document = redactor.apply_all(record.document, table, keep=KEEP)
