"""The batch extractor: a callable class that loads the pipeline once and maps row batches.

Ray Data runs it in actors (``map_batches(Extractor, concurrency=N)``); the local engine calls
it in-process, so both give the same rows. A document that fails is reported in the ``error``
column; it never stops the batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..errors import message
from .shards import Row

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["OUTPUT_COLUMNS", "Extractor", "output_schema"]

log = logging.getLogger(__name__)

# One row per document: the contract (lists as JSON strings) plus bookkeeping. ``key`` is the text's
# content hash (``error:<id>`` for an unreadable item): a rerun skips keys already written. ``status``
# is ok / error / skipped; skipped rows tell the driver a document was already done and are not written.
OUTPUT_COLUMNS = (
    "id",
    "key",
    "source",
    "published",
    "language",
    "events",
    "places",
    "dates",
    "entities",
    "warnings",
    "error",
    "status",
)


def output_schema() -> Any:
    """The Arrow schema of extractor output (all strings, so every block has the same schema)."""
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in OUTPUT_COLUMNS])


def _empty(**values: str | None) -> dict[str, str | None]:
    row: dict[str, str | None] = dict.fromkeys(OUTPUT_COLUMNS)
    row.update(values)
    return row


def _result_row(doc: Document, key: str) -> dict[str, str | None]:
    contract = doc.to_contract()
    return _empty(
        id=doc.id,
        key=key,
        source=doc.source,
        published=doc.published,
        language=doc.language,
        events=json.dumps(contract["events"], ensure_ascii=False),
        places=json.dumps(contract["places"], ensure_ascii=False),
        dates=json.dumps(contract["dates"], ensure_ascii=False),
        entities=json.dumps(contract["entities"], ensure_ascii=False),
        warnings=json.dumps(doc.warnings, ensure_ascii=False),
        status="ok",
    )


class Extractor:
    """Extract a batch of shard rows; optionally store each document (idempotent by content hash)."""

    def __init__(
        self,
        *,
        config: str | None = None,
        db: str | None = None,
        done: Iterable[str] = (),
        batch_size: int = 32,
        nlp: Pipeline | None = None,
    ) -> None:
        from .. import pipeline
        from ..store import Store

        self.nlp = nlp or pipeline.build(Path(config) if config else None)
        self.store = Store(db, migrate=False) if db else None
        self.done = frozenset(done)
        self.batch_size = batch_size

    def __call__(self, batch: Any) -> Any:
        """A pyarrow Table of shard rows in, a pyarrow Table of ``OUTPUT_COLUMNS`` out."""
        import pyarrow as pa

        rows = self.rows(batch.to_pylist())
        return pa.Table.from_pylist(rows, schema=output_schema())

    def rows(self, rows: list[Row]) -> list[dict[str, str | None]]:
        """Output rows for ``rows``, in the same order."""
        out: list[dict[str, str | None] | None] = [None] * len(rows)
        todo: list[tuple[int, Document]] = []
        for index, row in enumerate(rows):
            if row["key"] in self.done:
                out[index] = _empty(id=row["id"], key=row["key"], status="skipped")
            elif row["error"]:
                out[index] = _empty(id=row["id"], key=row["key"], error=row["error"], status="error")
            else:
                try:
                    todo.append((index, Document.from_dict(json.loads(row["doc"]))))
                except Exception as exc:
                    out[index] = self._failed(row["id"], row["key"], exc)
        for (index, _), result in zip(todo, self._extract([doc for _, doc in todo]), strict=True):
            out[index] = result
        return [row for row in out if row is not None]

    def _extract(self, docs: list[Document]) -> list[dict[str, str | None]]:
        try:
            done = list(self.nlp.pipe(docs, batch_size=self.batch_size))
        except Exception:  # retry one by one so only the bad document is reported
            log.debug("batch failed; retrying documents one by one", exc_info=True)
            return [self._one(doc) for doc in docs]
        return [self._finish(doc) for doc in done]

    def _one(self, doc: Document) -> dict[str, str | None]:
        try:
            return self._finish(self.nlp(doc))
        except Exception as exc:
            return self._failed(doc.id, doc.content_hash, exc)

    def _finish(self, doc: Document) -> dict[str, str | None]:
        try:
            row = _result_row(doc, doc.content_hash)
        except Exception as exc:
            return self._failed(doc.id, doc.content_hash, exc)
        if self.store is not None:
            try:
                self.store.add(doc)
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
                row.update(status="error", error=message("E1007", doc_id=doc.id, reason=reason))
        return row

    @staticmethod
    def _failed(doc_id: str, key: str, exc: Exception) -> dict[str, str | None]:
        reason = f"{type(exc).__name__}: {exc}"
        return _empty(
            id=doc_id, key=key, error=message("E1006", doc_id=doc_id, reason=reason), status="error"
        )
