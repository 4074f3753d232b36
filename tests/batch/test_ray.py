"""Ray Data gives the same rows as the local engine (a local Ray with 2 CPUs, started once here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwatch.batch import run_batch
from eventwatch.pipeline import Pipeline
from eventwatch.store import Store

ray = pytest.importorskip("ray")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _rows(out: Path) -> list[dict[str, str | None]]:
    return sorted(pq.read_table(out).to_pylist(), key=lambda row: str(row["key"]))


def test_ray_matches_local(
    local_ray: None, tmp_path: Path, shards: Callable[[], list[str]], default_pipeline: Pipeline
) -> None:
    paths = shards()
    local = run_batch(paths, out=tmp_path / "local", nlp=default_pipeline, batch_size=2)
    db = f"sqlite:///{tmp_path / 'ray.db'}"
    # Tiny blocks, so the rows of each shard spread over both actors.
    remote = run_batch(
        paths, engine="ray", out=tmp_path / "ray", db=db, workers=2, batch_size=2, block_bytes=512
    )
    assert (remote.processed, len(remote.errors)) == (local.processed, len(local.errors)) == (5, 1)
    local_rows, ray_rows = _rows(tmp_path / "local"), _rows(tmp_path / "ray")
    assert ray_rows == local_rows
    assert any(row["events"] not in (None, "[]") for row in ray_rows)  # the real pipeline found events
    assert Store(db).counts()["documents"] == 5
