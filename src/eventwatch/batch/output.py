"""Batch output: Parquet part files written whole (temp file, then rename), and what is done.

A run killed at any point leaves only complete part files, so the keys found in them are
exactly the documents a rerun may skip.
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path
from typing import Any

from ..errors import EventwatchError
from .extract import OUTPUT_COLUMNS

__all__ = ["WRITTEN_COLUMNS", "PartWriter", "done_keys"]

log = logging.getLogger(__name__)

WRITTEN_COLUMNS = tuple(name for name in OUTPUT_COLUMNS if name != "status")


class PartWriter:
    """Collects output rows and writes them as ``part-<run>-<n>.parquet`` files of ``rows_per_file`` rows."""

    def __init__(self, out: str | Path, *, rows_per_file: int = 1000) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.run = uuid.uuid4().hex[:12]
        self.rows_per_file = rows_per_file
        self.pending: list[Any] = []  # pyarrow Tables
        self.pending_rows = 0
        self.files = 0

    def add(self, table: Any) -> None:
        """Queue the rows of an output Table (without its status column); flush full files."""
        table = table.select(list(WRITTEN_COLUMNS))
        if table.num_rows:
            self.pending.append(table)
            self.pending_rows += table.num_rows
        if self.pending_rows >= self.rows_per_file:
            self.flush()

    def flush(self) -> None:
        """Write the queued rows as one part file."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.pending_rows:
            return
        table = pa.concat_tables(self.pending)
        final = self.out / f"part-{self.run}-{self.files:05d}.parquet"
        temporary = final.with_suffix(".parquet.tmp")
        pq.write_table(table, temporary)
        os.replace(temporary, final)
        self.files += 1
        self.pending, self.pending_rows = [], 0


def done_keys(*, out: str | Path | None = None, db: str | None = None) -> set[str]:
    """Keys already done: in the output directory's part files and/or the database.

    With both, a document is done only when it is in both, so a rerun fills in whichever
    target lacks it (storing is idempotent by content hash anyway); unreadable items, which
    only the output records, are done once written there.
    """
    found: list[set[str]] = []
    unreadable: set[str] = set()  # error:<id> keys never reach the database: the output decides
    if out is not None:
        written = _keys_in_parquet(Path(out))
        unreadable = {key for key in written if key.startswith("error:")}
        found.append(written)
    if db is not None:
        from sqlalchemy import select

        from ..store import Store
        from ..store.schema import documents

        store = Store(db)
        with store.engine.connect() as connection:
            found.append(set(connection.execute(select(documents.c.content_hash)).scalars()))
        store.close()
    if not found:
        raise EventwatchError("E1005")
    return set.intersection(*found) | unreadable


def _keys_in_parquet(out: Path) -> set[str]:
    import pyarrow.parquet as pq

    keys: set[str] = set()
    if not out.is_dir():
        return keys
    for path in sorted(out.glob("*.parquet")):
        try:
            keys.update(key for key in pq.read_table(path, columns=["key"]).column("key").to_pylist() if key)
        except Exception as exc:  # an unreadable file: its documents are simply done again
            log.warning("ignoring unreadable output file %s: %s", path, exc)
    return keys
