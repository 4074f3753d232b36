"""Shards: JSONL, Parquet and WARC files turned into rows the batch extractor takes.

A row is ``{"key", "id", "doc", "error"}``, all strings: ``doc`` is the document as JSON
(``Document.to_dict``) and ``key`` its content hash; an item that could not be read has an
``error`` message and the key ``error:<id>`` instead. All-string rows keep Arrow schemas stable
across blocks. A bad line, record or shard yields an error row; reading never raises.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..document import Document
from ..errors import EventwatchError, message
from ..readers import ReadError, document_from_html, document_from_record, read_jsonl

__all__ = ["Row", "document_row", "error_row", "find_shards", "read_shard", "shard_kind"]

Row = dict[str, str]
JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET = (".parquet",)
WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")


def shard_kind(path: str | Path) -> str | None:
    """``jsonl``, ``parquet`` or ``warc`` by the file name's suffix, else None."""
    name = str(path).lower()
    for kind, suffixes in (("jsonl", JSONL), ("parquet", PARQUET), ("warc", WARC)):
        if name.endswith(suffixes):
            return kind
    return None


def find_shards(inputs: Iterable[str]) -> list[str]:
    """Shard files named by ``inputs`` (files, or directories searched recursively), sorted.

    A named file of an unknown kind is kept, so reading it reports E1001 instead of silently
    dropping it; inside directories, other files are ignored.
    """
    shards: list[str] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            shards.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and shard_kind(p))
        else:
            shards.append(str(path))
    return shards


def document_row(doc: Document) -> Row:
    """The row carrying ``doc`` to the extractor."""
    return {"key": doc.content_hash, "id": doc.id, "doc": json.dumps(doc.to_dict(tokens=False)), "error": ""}


def error_row(item_id: str, error: str) -> Row:
    """The row reporting an item that could not be read."""
    return {"key": f"error:{item_id}", "id": item_id, "doc": "", "error": error}


def read_shard(path: str) -> Iterator[Row]:
    """Every row of the shard at ``path``; problems become error rows."""
    kind = shard_kind(path)
    try:
        if kind is None:
            raise EventwatchError("E1001", source=path)
        if not Path(path).is_file():
            raise EventwatchError("E108", source=path)
        if kind == "jsonl":
            yield from _jsonl(path)
        elif kind == "parquet":
            yield from _parquet(path)
        else:
            yield from _warc(path)
    except EventwatchError as exc:
        yield error_row(path, str(exc))
    except Exception as exc:  # a corrupt file must not end the run: report the shard and go on
        yield error_row(path, message("E1002", source=path, reason=f"{type(exc).__name__}: {exc}"))


def _jsonl(path: str) -> Iterator[Row]:
    opener: Any = gzip.open if path.lower().endswith(".gz") else open
    handle: IO[bytes]
    with opener(path, "rb") as handle:
        for item in read_jsonl(handle, source=path):
            yield error_row(item.source, item.message) if isinstance(item, ReadError) else document_row(item)


def _parquet(path: str) -> Iterator[Row]:
    import pyarrow.parquet as pq

    shard = pq.ParquetFile(path)
    columns = shard.schema_arrow.names
    if "text" not in columns:
        raise EventwatchError("E1003", source=path, columns=", ".join(columns) or "none")
    wanted = [name for name in ("id", "text", "published", "title", "url", "source") if name in columns]
    line = 0
    for batch in shard.iter_batches(batch_size=1024, columns=wanted):
        for record in batch.to_pylist():
            line += 1
            try:
                yield document_row(document_from_record(record, source=path, line=line))
            except EventwatchError as exc:
                yield error_row(f"{path}:{line}", str(exc))


def _warc(path: str) -> Iterator[Row]:
    """HTML responses of a WARC file, each through trafilatura; other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            item_id = url or f"{path}@{records.get_record_offset()}"
            try:
                html = record.content_stream().read().decode(_charset(content_type), errors="replace")
                yield document_row(document_from_html(html, source=path, url=url))
            except EventwatchError as exc:
                yield error_row(item_id, str(exc))


def _charset(content_type: str) -> str:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            name = value.strip("\"' ").lower()
            try:
                "".encode(name)
            except LookupError:
                break
            return name
    return "utf-8"
