"""API query speed on a large store: event list and stats, p50/p95 over repeated requests.

    python benchmarks/web_queries.py --events 200000 --db /tmp/ew-bench.db

Builds (once; reused if the file exists) an SQLite store of synthetic documents and event mentions
shaped like real output (types, days over three years, countries, places, evidence sentences),
then calls the JSON API in-process (no network in the timing) with typical filters, each both
"cold" (the aggregate cache emptied before every request, as right after an ingest) and cached.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

from eventwatch.store import Store, rollup
from eventwatch.store.schema import documents, mentions
from eventwatch.web import create_app, queries
from eventwatch.web.settings import Settings

TYPES = [
    "shelling",
    "armed_clash",
    "air_drone_strike",
    "peaceful_protest",
    "arrest",
    "desertion",
    "mobilization",
    "procurement",
    "asylum_application",
    "diplomacy",
    "attack",
    "abduction",
]
PLACES = [
    ("Kharkiv", "UKR", 49.99, 36.23),
    ("Minsk", "BLR", 53.9, 27.57),
    ("Vilnius", "LTU", 54.69, 25.28),
    ("Goma", "COD", -1.68, 29.22),
    ("Tbilisi", "GEO", 41.72, 44.78),
    ("Gao", "MLI", 16.27, -0.04),
    ("Warsaw", "POL", 52.23, 21.01),
    ("Aleppo", "SYR", 36.2, 37.16),
    ("Khartoum", "SDN", 15.5, 32.56),
]
# A vocabulary of common words and many rarer ones, so word searches select realistic shares.
WORDS = [
    "troops",
    "police",
    "protesters",
    "border",
    "village",
    "shelling",
    "drone",
    "convoy",
    "city",
    "soldiers",
]
WORDS += [f"word{n}" for n in range(3000)]


def build(path: Path, count: int, *, seed: int = 7) -> None:
    """Fill a fresh store at ``path`` with ``count`` mentions (four per document)."""
    rng = random.Random(seed)
    store = Store(str(path), cluster=False)
    start = dt.date(2022, 1, 1)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    batch_docs, batch_mentions = [], []
    with store.engine.begin() as connection:
        for index in range(count // 4):
            day = (start + dt.timedelta(days=rng.randrange(3 * 365))).isoformat()
            text = " ".join(rng.choice(WORDS) for _ in range(30)) + f" {index}."
            batch_docs.append(
                {
                    "id": index + 1,
                    "doc_id": f"doc-{index}",
                    "content_hash": f"{index:064x}",
                    "title": f"Report {index}",
                    "url": f"https://news.example.org/{index}",
                    "source": "bench",
                    "published": day,
                    "published_source": "jsonl",
                    "language": "en",
                    "text": text,
                    "data": {"id": f"doc-{index}"},
                    "ingested_at": now,
                }
            )
            for ordinal in range(4):
                place, country, lat, lon = rng.choice(PLACES)
                kind = rng.choice(TYPES)
                sentence = " ".join(rng.choice(WORDS) for _ in range(14))
                batch_mentions.append(
                    {
                        "document_id": index + 1,
                        "ordinal": ordinal,
                        "type": kind,
                        "status": "occurred",
                        "date_start": day,
                        "date_end": day,
                        "date_precision": "day",
                        "country": country,
                        "place": place,
                        "lat": lat,
                        "lon": lon,
                        "confidence": 0.8,
                        "evidence": sentence,
                        "data": {
                            "type": kind,
                            "evidence": [{"text": sentence, "start": 0, "end": len(sentence)}],
                            "status": "occurred",
                            "actors": [],
                            "date": {"start": day, "end": day, "precision": "day"},
                            "location": {"name": place, "country": country},
                            "quantities": {},
                            "confidence": 0.8,
                        },
                    }
                )
            if len(batch_docs) >= 2000:
                connection.execute(insert(documents), batch_docs)
                connection.execute(insert(mentions), batch_mentions)
                batch_docs, batch_mentions = [], []
        if batch_docs:
            connection.execute(insert(documents), batch_docs)
            connection.execute(insert(mentions), batch_mentions)
    with store.engine.begin() as connection:
        # The rows went in with plain INSERTs, past the store's rollup upkeep: count them now.
        rollup.rebuild(connection)
        connection.exec_driver_sql("ANALYZE")
    store.close()


def timed(client: TestClient, url: str, repeats: int, *, cold: bool) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``repeats`` GETs of ``url`` (after one warm-up).

    ``cold`` empties the service's aggregate cache before each request, as after an ingest.
    """
    client.get(url).raise_for_status()
    samples = []
    for _ in range(repeats):
        if cold:
            queries._cache.entries.clear()
        began = time.perf_counter()
        client.get(url).raise_for_status()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    """Build the store if needed, then time the queries."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwatch-web-bench.db"))
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    if not args.db.exists():
        began = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.events} mentions in {time.perf_counter() - began:.1f}s at {args.db}")
    store = Store(str(args.db))
    client = TestClient(create_app(Settings(db=store.url, read_only=True), store=store))
    gc.freeze()  # as ``eventwatch serve`` does after start-up (web/__init__.py)
    print(f"store: {store.counts()}")
    # The machine may be shared: the load says how much the figures below were slowed by others.
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for url in (
        "/api/events?limit=50",
        "/api/events?type=shelling&limit=50",
        "/api/events?country=UKR&since=2023-01-01&until=2023-06-30&limit=50",
        "/api/events?q=convoy+drone&limit=50",
        "/api/events?q=convoy&type=arrest&limit=50",
        "/api/events?q=nowhere&limit=50",
        "/api/events?limit=50&offset=5000",
        "/api/stats",
        "/api/stats?type=arrest",
        "/api/stats?country=BLR&since=2024-01-01",
        "/api/stats?since=2024-07-01",
        "/api/stats?since=2024-10-01&until=2024-11-30",
        "/api/stats?q=convoy",
        "/api/stats?q=drone&since=2024-07-01",
        "/api/stats?by_day_type=true",
    ):
        cold50, cold95 = timed(client, url, args.repeats, cold=True)
        warm50, warm95 = timed(client, url, args.repeats, cold=False)
        print(
            f"{url:<68} cold p50 {cold50:6.1f} p95 {cold95:6.1f} | cached p50 {warm50:6.1f} p95 {warm95:6.1f} ms"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
