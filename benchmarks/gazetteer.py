"""Gazetteer benchmark: index build time, index size, and name lookups per second.

Run: ``.venv/bin/python benchmarks/gazetteer.py [--build] [--n 20000]``.
``--build`` builds a fresh index into a temporary directory (about 20-30 s) instead of
measuring the cached one. Lookups use names drawn from the index itself plus misses,
with the lookup cache cleared so each lookup reaches SQLite.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from eventwatch.places.gazetteer import Gazetteer, build_index, default_gazetteer
from eventwatch.places.sources import package_records


def _sample_names(path: Path, n: int, seed: int) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        names = [row[0] for row in con.execute("SELECT name FROM place ORDER BY random() LIMIT ?", (n,))]
    rng = random.Random(seed)
    misses = [f"Nowhere{rng.randint(0, 10**9)}" for _ in range(n // 10)]
    mixed = names + misses
    rng.shuffle(mixed)
    return mixed


def main() -> None:
    """Print build time (with --build), index size and lookups/s."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", action="store_true", help="build a fresh index and time it")
    parser.add_argument("--n", type=int, default=20_000, help="number of lookups")
    args = parser.parse_args()

    if args.build:
        tmp = Path(tempfile.mkdtemp(prefix="eventwatch-bench-"))
        started, cpu = time.perf_counter(), time.process_time()
        path = build_index(tmp / "gazetteer.sqlite", package_records(min_city_population=500))
        print(
            f"index build: {time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU "
            "(wall time grows with other load on the machine)"
        )
        gazetteer = Gazetteer(path)
    else:
        started = time.perf_counter()
        gazetteer = default_gazetteer()
        print(f"open (build if missing): {time.perf_counter() - started:.2f} s")
    stats = gazetteer.stats()
    print(f"index: {gazetteer.path}")
    print(
        f"index size: {stats['bytes'] / 2**20:.1f} MiB, {stats['places']:,} places, {stats['names']:,} names"
    )

    with sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True) as con:
        kinds = con.execute("SELECT feature, count(*) FROM place GROUP BY feature ORDER BY 2 DESC").fetchall()
    print("places by feature: " + ", ".join(f"{feature} {count:,}" for feature, count in kinds))

    names = _sample_names(gazetteer.path, args.n, seed=7)
    gazetteer._lookup.cache_clear()  # type: ignore[attr-defined]
    started, cpu = time.perf_counter(), time.process_time()
    hits = sum(1 for name in names if gazetteer.lookup(name))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"lookups: {len(names):,} in {elapsed:.2f} s = {len(names) / elapsed:,.0f}/s "
        f"({elapsed / len(names) * 1e6:.0f} µs wall, {cpu / len(names) * 1e6:.0f} µs CPU each, uncached), "
        f"{hits:,} found"
    )
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    elapsed = time.perf_counter() - started
    print(f"cached lookups: {len(names) / elapsed:,.0f}/s")


if __name__ == "__main__":
    main()
