"""Dedup benchmarks: clustering speed on synthetic mentions, and quality on the evaluation corpus.

    python benchmarks/dedup.py speed [--n 100000]   # mentions/s of eventwatch.dedup.cluster
    python benchmarks/dedup.py corpus [--file F]    # clustering alone, on the hand-built mentions
    python benchmarks/dedup.py pipeline [--file F]  # the real pipeline + store on the corpus texts

Run from the repository root with eventwatch importable (PYTHONPATH=src or installed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eventwatch.dedup import ActorKey, Mention, cluster
from eventwatch.dedup.evaluate import mention_from_record, score_partition

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "dedup" / "corpus" / "corpus.jsonl"
TYPES = (
    "shelling",
    "air_strike",
    "armed_clash",
    "attack",
    "protest",
    "riot",
    "arrest",
    "kidnapping",
    "desertion",
    "border_crossing",
    "bombing",
    "asylum_application",
)
WORDS = (
    "forces",
    "town",
    "village",
    "district",
    "people",
    "killed",
    "wounded",
    "police",
    "army",
    "market",
    "school",
    "hospital",
    "road",
    "border",
    "fighters",
    "crowd",
    "residents",
    "attack",
    "fire",
    "night",
)


VOCABULARY = [f"{word}{n}" for word in WORDS for n in range(10)]


def synthetic(n: int, *, seed: int = 0) -> tuple[list[Mention], dict[str, str]]:
    """``n`` mentions of about n/3 events (1-5 reports each) over two years and 60 countries."""
    rng = random.Random(seed)
    mentions: list[Mention] = []
    gold: dict[str, str] = {}
    start = dt.date(2023, 1, 1).toordinal()
    event = 0
    while len(mentions) < n:
        event += 1
        kind = rng.choice(TYPES)
        country = f"C{rng.randrange(60):02d}"
        day = start + rng.randrange(730)
        lat, lon = rng.uniform(-40, 60), rng.uniform(-100, 120)
        name = f"Town{event}"
        words = [*rng.sample(VOCABULARY, 20), name, f"Name{event}"]
        for _report in range(rng.randint(1, 5)):
            if len(mentions) >= n:
                break
            coarse = rng.random() < 0.15
            date = dt.date.fromordinal(day).isoformat()
            key = f"m{len(mentions):07d}"
            mentions.append(
                Mention(
                    key=key,
                    type=kind,
                    date_start=date[:8] + "01" if coarse else date,
                    date_end=date if not coarse else date[:8] + "28",
                    precision="month" if coarse else "day",
                    published=dt.date.fromordinal(day + rng.randint(0, 3)).isoformat(),
                    country=country,
                    place=None if coarse else name,
                    lat=None if coarse else lat + rng.uniform(-0.01, 0.01),
                    lon=None if coarse else lon,
                    feature=None if coarse else "city",
                    actors=(ActorKey(role="agent", country=country, sector="MIL"),),
                    text=" ".join(rng.sample(words, 18)),
                    source=f"outlet{rng.randrange(40)}",
                    document=key,
                )
            )
            gold[key] = f"ev{event}"
    return mentions, gold


def run_speed(n: int) -> dict[str, Any]:
    mentions, gold = synthetic(n)
    began, cpu = time.perf_counter(), time.process_time()
    clusters = cluster(mentions)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    predicted = {key: i for i, found in enumerate(clusters) for key in found.keys}
    return {
        "mentions": n,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "mentions_per_s": round(n / seconds),
        "mentions_per_cpu_s": round(n / cpu),
        "events": len(clusters),
        "score": score_partition(gold, predicted).to_dict(),
    }


def _records(path: Path = CORPUS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def run_corpus(shuffles: int, path: Path = CORPUS) -> dict[str, Any]:
    records = _records(path)
    mentions = [mention_from_record(r) for r in records]
    gold = {r["id"]: r["event"] for r in records}
    partition = sorted(tuple(c.keys) for c in cluster(mentions))
    rng = random.Random(1)
    stable = True
    for _ in range(shuffles):
        rng.shuffle(mentions)
        stable &= sorted(tuple(c.keys) for c in cluster(mentions)) == partition
    predicted = {key: i for i, keys in enumerate(partition) for key in keys}
    multi = {k: v for k, v in gold.items() if sum(1 for e in gold.values() if e == v) > 1}
    return {
        "all_events": score_partition(gold, predicted).to_dict(),
        "multi_report_events": score_partition(multi, predicted).to_dict(),
        "same_partition_after_shuffles": stable,
        "shuffles": shuffles,
    }


def run_pipeline(keep: str | None = None, path: Path = CORPUS) -> dict[str, Any]:
    from sqlalchemy import select

    from eventwatch import api
    from eventwatch.store import Store
    from eventwatch.store.clusters_schema import cluster_members
    from eventwatch.store.schema import documents, mentions

    records = _records(path)
    gold = {r["id"]: r["event"] for r in records}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(keep) if keep else Path(folder) / "dedup.db"
        database.unlink(missing_ok=True)
        store = Store(str(database))
        began = time.perf_counter()
        api.ingest([str(path)], store)
        seconds = time.perf_counter() - began
        query = (
            select(documents.c.doc_id, mentions.c.ordinal, mentions.c.type, cluster_members.c.cluster_id)
            .join(mentions, mentions.c.document_id == documents.c.id)
            .join(cluster_members, cluster_members.c.mention_id == mentions.c.id)
        )
        with store.engine.connect() as connection:
            rows = connection.execute(query).all()
        store.close()
    main = {row.doc_id: row.cluster_id for row in rows if row.ordinal == 0}
    return {
        "reports": len(records),
        "reports_with_an_event": len(main),
        "mentions": len(rows),
        "seconds_ingest": round(seconds, 1),
        "main_event_of_each_report": score_partition(gold, main).to_dict(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    speed = sub.add_parser("speed")
    speed.add_argument("--n", type=int, default=100_000)
    corpus = sub.add_parser("corpus")
    corpus.add_argument("--shuffles", type=int, default=20)
    corpus.add_argument("--file", type=Path, default=CORPUS, help="A corpus JSONL (e.g. the holdout.jsonl).")
    pipeline = sub.add_parser("pipeline")
    pipeline.add_argument("--keep", help="Keep the database at this path (for `eventwatch clusters --db`).")
    pipeline.add_argument(
        "--file", type=Path, default=CORPUS, help="A corpus JSONL (e.g. the holdout.jsonl)."
    )
    args = parser.parse_args()
    if args.command == "speed":
        result = run_speed(args.n)
    elif args.command == "corpus":
        result = run_corpus(args.shuffles, args.file)
    else:
        result = run_pipeline(args.keep, args.file)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
