"""Ingest over HTTP: text, a URL or JSONL in, documents and events stored; the pipeline is built once.

The same path as ``eventwatch.api.ingest`` (read, skip texts already stored, extract, store), but
the readers are called directly so a request can never make the server read a local file, and
URLs on loopback/private/link-local networks are refused unless the server allows them.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from .. import api
from .. import pipeline as pipeline_mod
from ..document import Document
from ..errors import EventwatchError
from ..readers import ReadError, check_public_url, read, read_jsonl
from ..store import Store

__all__ = ["Ingestor"]

PipelineFactory = Callable[[], Any]


class Ingestor:
    """Builds the pipeline on first use (loading spaCy takes seconds) and serialises access to it."""

    def __init__(
        self,
        store: Store,
        *,
        config: str | None = None,
        allow_private: bool = False,
        max_document_bytes: int = 1_000_000,
        factory: PipelineFactory | None = None,
    ) -> None:
        self.store = store
        self.allow_private = allow_private
        self.max_document_bytes = max_document_bytes
        self._factory = factory or (lambda: pipeline_mod.build(config))
        self._nlp: Any = None
        self._lock = threading.Lock()

    def items_from_text(
        self,
        text: str,
        *,
        title: str | None = None,
        url: str | None = None,
        published: str | None = None,
        doc_id: str | None = None,
    ) -> list[Document | ReadError]:
        """One document from posted text (its size checked against the document limit)."""
        size = len(text.encode("utf-8"))
        if size > self.max_document_bytes:
            raise EventwatchError("E105", source="text", size=size, limit=self.max_document_bytes)
        if not text.strip():
            raise EventwatchError("E102", source="text")
        doc = Document(id=doc_id or "", text=text.strip(), title=title, url=url, source="api")
        doc.id = doc.id or f"api#{doc.content_hash[:12]}"
        if title:
            doc.title_source = "api"
        if published:
            doc.published, doc.published_source = api.check_date(published), "caller"
        return [doc]

    def items_from_url(self, url: str) -> list[Document | ReadError]:
        """The article at ``url``; only http(s), and no private addresses unless allowed (E111)."""
        if urlsplit(url).scheme not in ("http", "https") or not url.lower().startswith(
            ("http://", "https://")
        ):
            raise EventwatchError("E109", source=url, reason="only http and https URLs are fetched")
        if not self.allow_private:
            check_public_url(url)
        return list(read([url], max_bytes=self.max_document_bytes, allow_private=self.allow_private))

    def items_from_jsonl(self, jsonl: str) -> Iterator[Document | ReadError]:
        """Documents from JSONL text, one object per line with 'text'."""
        return read_jsonl(
            io.BytesIO(jsonl.encode("utf-8")), source="request", max_bytes=self.max_document_bytes
        )

    def run(self, items: Iterable[Document | ReadError], *, published: str | None = None) -> dict[str, Any]:
        """Extract and store ``items``; returns counts, per-document results and per-item errors."""
        result: dict[str, Any] = {"stored": 0, "skipped": 0, "mentions": 0, "documents": [], "errors": []}
        fresh: list[Document] = []
        for item in items:
            if isinstance(item, ReadError):
                result["errors"].append({"source": item.source, "message": item.message})
                continue
            if published and not item.published:
                item.published, item.published_source = api.check_date(published), "caller"
            found = self.store.document_id_by_hash(item.content_hash)
            if found is not None:
                result["skipped"] += 1
                result["documents"].append({"id": found, "doc_id": item.id, "new": False})
                continue
            fresh.append(item)
        if not fresh:
            return result
        with self._lock:
            if self._nlp is None:
                self._nlp = self._factory()
            docs = list(self._nlp.pipe(fresh))
        for doc in docs:
            document_id, new = self.store.add(doc)
            result["stored" if new else "skipped"] += 1
            result["mentions"] += len(doc.events) if new else 0
            result["documents"].append(
                {"id": document_id, "doc_id": doc.id, "new": new, "events": len(doc.events)}
            )
        return result
