"""Batch throughput: documents/s for the local engine and for Ray Data with 1 and 2 extractor actors.

    python benchmarks/batch.py --copies 10 --shards 4

The bundled sample articles (``eventwatch/data/samples/articles.jsonl``), repeated ``--copies``
times, are split into ``--shards`` JSONL shards and run through ``run_batch`` to a fresh Parquet
directory per engine. Times are wall clock for the whole run, so they include loading the
pipeline (once in-process for local, once per actor on Ray) and Ray's scheduling; the local run
is also timed with the pipeline already loaded, which is the steady-state rate. Ray runs on a
local cluster of ``--cpus`` CPUs, started once.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

from eventwatch import pipeline
from eventwatch.batch import BatchReport, run_batch


def _records() -> list[dict[str, str]]:
    samples = resources.files("eventwatch.data") / "samples"
    lines = (samples / "articles.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _write_shards(folder: Path, copies: int, shards: int) -> tuple[list[str], int, int]:
    """JSONL shards with ``copies`` of every sample (distinct ids); returns paths, documents, words."""
    records = [{**record, "id": f"{record['id']}-c{copy}"} for copy in range(copies) for record in _records()]
    paths = []
    for index in range(shards):
        path = folder / f"shard-{index:03d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in records[index::shards]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(str(path))
    return paths, len(records), sum(len(str(r["text"]).split()) for r in records)


def _line(label: str, report: BatchReport, words: int) -> str:
    done = report.processed + len(report.errors)
    return (
        f"{label:<34} {done:>5} docs {report.seconds:>8.1f} s {report.documents_per_second:>8.2f} docs/s "
        f"{words / report.seconds if report.seconds else 0:>8.0f} words/s"
    )


def main() -> None:
    """Run every engine over the same shards and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=10, help="copies of the sample corpus (default 10)")
    parser.add_argument("--shards", type=int, default=4, help="JSONL shards to split them into (default 4)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray cluster (default 2)")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="Ray actor counts (default 1 2)"
    )
    parser.add_argument("--skip-ray", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eventwatch-batch-bench-") as tmp:
        folder = Path(tmp)
        paths, documents, words = _write_shards(folder, args.copies, args.shards)
        print(
            f"{documents} documents, {words} words, {args.shards} shards; load average {os.getloadavg()[0]:.1f}"
        )
        local = run_batch(paths, engine="local", out=folder / "local", batch_size=args.batch_size)
        print(_line("local (incl. pipeline load)", local, words))
        warm_nlp = pipeline.build()
        warm = run_batch(paths, engine="local", out=folder / "warm", batch_size=args.batch_size, nlp=warm_nlp)
        print(_line("local (pipeline loaded)", warm, words))
        if args.skip_ray:
            return
        import ray

        ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
        try:
            for workers in args.workers:
                report = run_batch(
                    paths,
                    engine="ray",
                    out=folder / f"ray{workers}",
                    workers=workers,
                    batch_size=args.batch_size,
                    block_bytes=64 << 10,
                )
                print(_line(f"ray, {workers} actor(s) (incl. actor start)", report, words))
        finally:
            ray.shutdown()


if __name__ == "__main__":
    main()
