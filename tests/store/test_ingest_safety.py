"""Ingest is kill-safe and concurrency-safe: every document ends up stored exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventwatch.store import Store
from eventwatch.store.schema import documents, mentions

WRITER = Path(__file__).with_name("writer.py")
SRC = Path(__file__).resolve().parents[2] / "src"


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }


def _writer(url: str, count: int, delay: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), url, str(count), str(delay)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _assert_each_once(store: Store, count: int, events_per_doc: int) -> None:
    with store.engine.connect() as connection:
        ids = connection.execute(select(documents.c.doc_id)).scalars().all()
        per_doc = connection.execute(
            select(mentions.c.document_id, func.count()).group_by(mentions.c.document_id)
        ).all()
    assert sorted(ids) == sorted(f"gen-{i}" for i in range(count))
    # A document is never stored without all of its events (one transaction each).
    assert len(per_doc) == count and {n for _, n in per_doc} == {events_per_doc}


def test_ingest_killed_mid_run_then_rerun_stores_each_document_once(store: Store) -> None:
    count = 20
    proc = _writer(store.url, count, 0.05)
    assert proc.stdout is not None
    for _ in range(5):  # let it store a few documents, then kill it without warning
        assert proc.stdout.readline(), proc.stderr.read() if proc.stderr else ""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    partial = store.counts()["documents"]
    assert 5 <= partial < count
    rerun = _writer(store.url, count, 0.0)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    lines = out.split()
    assert lines.count("old") == partial and lines.count("new") == count - partial
    _assert_each_once(store, count, 2)


def test_concurrent_ingest_of_the_same_documents(store: Store) -> None:
    count = 15
    procs = [_writer(store.url, count, 0.0) for _ in range(3)]
    news = 0
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        news += out.split().count("new")
    assert news == count  # exactly one process stored each document
    _assert_each_once(store, count, 2)


@pytest.mark.slow
def test_cli_ingest_killed_with_sigkill_then_rerun(tmp_path: Path) -> None:
    """The acceptance check with the real pipeline: `eventwatch ingest` killed mid-run, then rerun."""
    count = 12
    source = tmp_path / "reports.jsonl"
    with source.open("w") as handle:
        for i in range(count):
            text = (
                f"On Monday {i + 2} soldiers deserted from a base near Grodno, officials said in report {i}."
            )
            handle.write(json.dumps({"id": f"r{i}", "text": text, "published": "2024-03-14"}) + "\n")
    config = tmp_path / "small.toml"
    config.write_text("[pipeline]\nbatch_size = 1\n")
    db = tmp_path / "ingest.db"
    command = [
        sys.executable,
        "-c",
        "from eventwatch.cli import main; main()",
        "--config",
        str(config),
        "ingest",
        str(source),
        "--db",
        str(db),
        "--no-progress",
    ]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = Store(str(db), migrate=False).counts()["documents"]
            except Exception:  # schema not created yet
                stored = 0
            if stored >= 2:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; give it more documents"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert 2 <= Store(str(db)).counts()["documents"] < count
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    store = Store(str(db))
    with store.engine.connect() as connection:
        ids = connection.execute(select(documents.c.doc_id)).scalars().all()
    assert sorted(ids) == sorted(f"r{i}" for i in range(count))
