"""The library entry points the CLI, web service and batch runner are thin shells over."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import pipeline as pipeline_mod
from .document import Document
from .errors import EventwatchError
from .readers import DEFAULT_MAX_BYTES, ReadError, read
from .store import Store

__all__ = ["IngestReport", "check_date", "extract", "ingest", "iter_extracted"]

ErrorHandler = Callable[[ReadError], None]


def check_date(value: str) -> str:
    """``value`` if it is a YYYY-MM-DD date, else E110."""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise EventwatchError("E110", value=value) from None


def _documents(
    items: Iterable[Document | ReadError], *, published: str | None, on_error: ErrorHandler | None
) -> Iterator[Document]:
    for item in items:
        if isinstance(item, ReadError):
            if on_error is not None:
                on_error(item)
            continue
        if published:
            item.published, item.published_source = published, "caller"
        yield item


def iter_extracted(
    inputs: Iterable[str],
    *,
    config: str | Path | None = None,
    published: str | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    nlp: pipeline_mod.Pipeline | None = None,
) -> Iterator[Document]:
    """Read ``inputs`` and stream extracted documents; unreadable items go to ``on_error``."""
    nlp = nlp or pipeline_mod.build(config)
    items = read(inputs, max_bytes=max_bytes, allow_private=allow_private)
    docs = _documents(items, published=published and check_date(published), on_error=on_error)
    yield from nlp.pipe(docs)


def extract(
    text: str, *, published: str | None = None, doc_id: str = "text", config: str | Path | None = None
) -> Document:
    """Extract events from one text: the simplest way in from Python.

    The pipeline for a config is built once per process and reused by later calls.
    """
    doc = Document(id=doc_id, text=text, published=published and check_date(published))
    if published:
        doc.published_source = "caller"
    return _pipeline(str(config) if config is not None else None)(doc)


@lru_cache(maxsize=4)
def _pipeline(config: str | None) -> pipeline_mod.Pipeline:
    return pipeline_mod.build(config)


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: documents stored, already present, failed, and event mentions added."""

    stored: int = 0
    skipped: int = 0
    mentions: int = 0
    errors: list[ReadError] = field(default_factory=list)


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    config: str | Path | None = None,
    published: str | None = None,
    on_document: Callable[[Document, bool], None] | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
) -> IngestReport:
    """Extract ``inputs`` and store each document once (by text hash), with its events."""
    report = IngestReport()

    def failed(error: ReadError) -> None:
        report.errors.append(error)
        if on_error is not None:
            on_error(error)

    def fresh(items: Iterable[Document | ReadError]) -> Iterator[Document | ReadError]:
        # Skip documents already stored before paying for their extraction.
        for item in items:
            if isinstance(item, Document) and store.document_id_by_hash(item.content_hash) is not None:
                report.skipped += 1
                if on_document is not None:
                    on_document(item, False)
                continue
            yield item

    nlp = pipeline_mod.build(config)
    items = fresh(read(inputs, max_bytes=max_bytes, allow_private=allow_private))
    docs = _documents(items, published=published and check_date(published), on_error=failed)
    for doc in nlp.pipe(docs):
        _, new = store.add(doc)
        if new:
            report.stored += 1
            report.mentions += len(doc.events)
        else:
            report.skipped += 1
        if on_document is not None:
            on_document(doc, new)
    if report.stored:
        from .analysis.refresh import refresh

        refresh(store)
    return report
