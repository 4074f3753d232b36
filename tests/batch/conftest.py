"""Batch fixtures: small shards in every supported format, built by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

try:  # the batch extra: pip install 'eventwatch[batch]'
    import pyarrow  # noqa: F401
    import warcio  # noqa: F401
except ImportError:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def shards(tmp_path: Path) -> Callable[[], list[str]]:
    """Make a JSONL shard (with a bad line), a Parquet shard and a WARC shard: ``shards()`` -> paths."""

    def make() -> list[str]:
        from shardmaker import PAGE, REPORTS, write_jsonl, write_parquet, write_warc

        folder = tmp_path / "shards"
        folder.mkdir(exist_ok=True)
        records = [{"id": i, "text": t, "published": "2024-05-08"} for i, t in REPORTS]
        jsonl = write_jsonl(folder / "a.jsonl", records[:2], extra_lines=("{not json",))
        parquet = write_parquet(folder / "b.parquet", records[2:])
        warc = write_warc(
            folder / "c.warc.gz",
            [
                ("https://news.example.org/2024/05/02/officer", "text/html; charset=utf-8", PAGE),
                ("https://news.example.org/logo.png", "image/png", "PNG"),
            ],
        )
        return [str(jsonl), str(parquet), str(warc)]

    return make
