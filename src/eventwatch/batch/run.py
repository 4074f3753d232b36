"""Run the pipeline over shards, locally or on Ray Data, writing Parquet and/or the database.

Both engines read shards with ``shards.read_shard``, extract with ``extract.Extractor`` and let
the driver write Parquet part files, so they give the same rows. On Ray, reading is one task per
shard and extraction runs in ``workers`` actors, each loading the models once; with ``--db`` the
actors store documents themselves.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EventwatchError
from .extract import Extractor
from .output import PartWriter, done_keys
from .shards import Row, find_shards, read_shard

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["BatchReport", "run_batch"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchReport:
    """What a batch run did."""

    processed: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (id, message)
    seconds: float = 0.0
    shards: int = 0

    @property
    def documents_per_second(self) -> float:
        """Documents processed (extracted or failed) per wall-clock second."""
        done = self.processed + len(self.errors)
        return done / self.seconds if self.seconds else 0.0


def _require_batch_extra() -> None:
    missing = []
    for module, name in (("pyarrow", "pyarrow"), ("warcio", "warcio")):
        try:
            __import__(module)
        except ImportError:
            missing.append(name)
    if missing:
        raise EventwatchError("E1000", missing=" and ".join(missing))


def run_batch(
    inputs: Sequence[str],
    *,
    engine: str = "local",
    out: str | Path | None = None,
    db: str | None = None,
    config: str | None = None,
    address: str | None = None,
    workers: int | None = None,
    batch_size: int = 32,
    rows_per_file: int = 1000,
    block_bytes: int = 1 << 20,
    nlp: Pipeline | None = None,
    on_row: Callable[[dict[str, Any]], None] | None = None,
) -> BatchReport:
    """Extract every document in the shards ``inputs``; documents already done are skipped.

    ``engine`` is ``local`` (this process) or ``ray`` (Ray Data; ``address`` of a cluster, or
    the running / a new local Ray). ``workers`` is the number of extractor actors on Ray (default:
    one per CPU) and ``block_bytes`` the Ray block size that spreads rows over them. ``nlp`` is a
    built pipeline to reuse on the local engine (Ray actors always build their own).
    """
    _require_batch_extra()
    if out is None and db is None:
        raise EventwatchError("E1005")
    if address and engine != "ray":
        raise EventwatchError("E1009")
    shards = find_shards(inputs)
    if not shards:
        raise EventwatchError("E1008", inputs=", ".join(inputs) or "no inputs")
    if db is not None:
        from ..store import Store

        Store(db).close()  # migrate once here, not in every worker
    done = done_keys(out=out, db=db)
    report = BatchReport(shards=len(shards))
    writer = PartWriter(out, rows_per_file=rows_per_file) if out is not None else None
    extractor_args = {"config": config, "db": db, "done": done, "batch_size": batch_size}
    started = time.perf_counter()
    if engine == "local":
        tables = _local(shards, {**extractor_args, "nlp": nlp}, batch_size)
    elif engine == "ray":
        tables = _ray(
            shards, extractor_args, batch_size, address=address, workers=workers, block_bytes=block_bytes
        )
    else:
        raise ValueError(f"unknown engine {engine!r}")
    for table in tables:
        for row in table.to_pylist():
            if row["status"] == "skipped":
                report.skipped += 1
                continue
            if row["status"] == "error":
                report.errors.append((row["id"], row["error"]))
            else:
                report.processed += 1
            if on_row is not None:
                on_row(row)
        if writer is not None:
            writer.add(table.filter(_not_skipped(table)))
    if writer is not None:
        writer.flush()
    report.seconds = time.perf_counter() - started
    return report


def _not_skipped(table: Any) -> Any:
    import pyarrow.compute as pc

    return pc.not_equal(table.column("status"), "skipped")


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _local(shards: list[str], extractor_args: dict[str, Any], batch_size: int) -> Iterator[Any]:
    import pyarrow as pa

    extractor = Extractor(**extractor_args)
    for shard in shards:
        for chunk in _chunks(read_shard(shard), batch_size):
            yield extractor(pa.Table.from_pylist(chunk))


def _catalogue_error(exc: BaseException) -> EventwatchError | None:
    """E1010 carrying the catalogue error a Ray worker failed with, if there is one.

    Ray wraps worker failures (an actor whose constructor raised dies) and keeps the original
    error only as text, so the message is taken from there.
    """
    found = re.search(r"EventwatchError: (\[E\d+\][^\n]*)", str(exc))
    return EventwatchError("E1010", reason=found.group(1)) if found else None


def _shard_rows(item: dict[str, Any]) -> Iterator[Row]:
    return read_shard(str(item["shard"]))


def _ray(
    shards: list[str],
    extractor_args: dict[str, Any],
    batch_size: int,
    *,
    address: str | None,
    workers: int | None,
    block_bytes: int,
) -> Iterator[Any]:
    try:
        import ray
        import ray.data
    except ImportError:
        raise EventwatchError("E1000", missing="ray[data]") from None
    started_here = False
    if not ray.is_initialized():
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        except Exception as exc:
            raise EventwatchError("E1004", address=address or "local", reason=str(exc)) from None
        started_here = True
    try:
        api: Any = ray  # typed loosely: Ray's own annotations vary between releases
        size = workers or max(1, int(api.cluster_resources().get("CPU", 1)))
        ds: Any = ray.data.from_items([{"shard": shard} for shard in shards], override_num_blocks=len(shards))
        # Reading takes no CPU reservation: the extractor actors hold one CPU each for the whole run,
        # and a read task waiting for a CPU they hold would never start.
        # Small blocks, so even one shard's rows spread over every actor (a shard would otherwise be
        # one block of up to 128 MiB, handed to a single actor).
        ray.data.DataContext.get_current().target_max_block_size = block_bytes
        ds = ds.flat_map(_shard_rows, num_cpus=0)
        ds = ds.map_batches(
            Extractor,
            fn_constructor_kwargs=extractor_args,
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=size),
            num_cpus=1,
        )
        try:
            yield from ds.iter_batches(batch_format="pyarrow", batch_size=None)
        except Exception as exc:
            # An actor that cannot build the pipeline (bad config, missing model) fails the run;
            # show the catalogue error it raised rather than Ray's wrapping of it.
            found = _catalogue_error(exc)
            if found is not None:
                raise found from None
            raise
    finally:
        if started_here:
            ray.shutdown()
