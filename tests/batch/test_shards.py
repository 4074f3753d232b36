"""Reading shards: every format yields document rows, and every problem an error row."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from shardmaker import PAGE, write_jsonl, write_parquet, write_warc

from eventwatch.batch.shards import find_shards, read_shard, shard_kind
from eventwatch.document import Document


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.jsonl", "jsonl"),
        ("a.NDJSON", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("b.parquet", "parquet"),
        ("c.warc", "warc"),
        ("c.warc.gz", "warc"),
        ("d.txt", None),
        ("e.gz", None),
    ],
)
def test_shard_kind(name: str, kind: str | None) -> None:
    assert shard_kind(name) == kind


def test_find_shards_walks_directories_and_keeps_named_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("sub/b.parquet", "a.jsonl", "notes.txt"):
        (tmp_path / name).write_text("x")
    assert find_shards([str(tmp_path)]) == [str(tmp_path / "a.jsonl"), str(tmp_path / "sub/b.parquet")]
    assert find_shards([str(tmp_path / "notes.txt")]) == [str(tmp_path / "notes.txt")]


def test_jsonl_rows_and_bad_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl.gz",
        [{"id": "x", "text": "Some text.", "published": "2024-01-02"}],
        extra_lines=("[1, 2]", '{"id": "empty", "text": ""}'),
    )
    rows = list(read_shard(str(path)))
    assert [row["id"] for row in rows] == ["x", f"{path}:2", f"{path}:3"]
    doc = Document.from_dict(json.loads(rows[0]["doc"]))
    assert (doc.text, doc.published, rows[0]["key"]) == ("Some text.", "2024-01-02", doc.content_hash)
    assert rows[1]["error"].startswith("[E106]") and rows[2]["error"].startswith("[E107]")
    assert rows[1]["key"] == f"error:{path}:2" and rows[0]["error"] == ""


def test_parquet_rows(tmp_path: Path) -> None:
    path = write_parquet(
        tmp_path / "b.parquet",
        [
            {"id": "p1", "text": "First report.", "title": "T", "published": None},
            {"id": "p2", "text": "", "title": None, "published": None},
        ],
    )
    rows = list(read_shard(str(path)))
    assert rows[0]["id"] == "p1" and json.loads(rows[0]["doc"])["title"] == "T"
    assert rows[1]["error"].startswith("[E107]")


def test_parquet_without_text_column(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "b.parquet", [{"id": "p1", "body": "x"}])
    [row] = read_shard(str(path))
    assert row["error"].startswith("[E1003]") and "body" in row["error"]


def test_warc_html_responses_only(tmp_path: Path) -> None:
    url = "https://news.example.org/2024/05/02/officer"
    path = write_warc(
        tmp_path / "c.warc.gz",
        [
            (url, "text/html; charset=utf-8", PAGE),
            ("https://news.example.org/a.css", "text/css", "body {}"),
            ("https://news.example.org/empty", "text/html", "<html><body></body></html>"),
        ],
    )
    rows = list(read_shard(str(path)))
    assert [row["id"] for row in rows] == [url, "https://news.example.org/empty"]
    doc = Document.from_dict(json.loads(rows[0]["doc"]))
    assert "tank brigade" in doc.text and doc.url == url and doc.published == "2024-05-02"
    assert rows[1]["error"].startswith("[E102]")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("x.txt", b"text", "[E1001]"),
        ("x.parquet", b"not parquet at all", "[E1002]"),
        (
            "x.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>cut",
            "[E1002]",
        ),
    ],
)
def test_broken_or_unknown_shards_give_one_error_row(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    rows = list(read_shard(str(path)))
    assert len(rows) == 1 and rows[0]["error"].startswith(code) and rows[0]["id"] == str(path)


def test_missing_shard(tmp_path: Path) -> None:
    [row] = read_shard(str(tmp_path / "gone.jsonl"))
    assert row["error"].startswith("[E108]")


def test_fixture_shards_read(shards: Callable[[], list[str]]) -> None:
    rows = [row for shard in shards() for row in read_shard(shard)]
    assert sum(1 for row in rows if not row["error"]) == 5
    assert sum(1 for row in rows if row["error"]) == 1
