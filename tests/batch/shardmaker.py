"""Shard writers for the batch tests: small JSONL, Parquet and WARC files built by hand."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REPORTS = [
    ("r1", "On Monday a conscript left his unit near Grodno and fled toward the border, the ministry said."),
    ("r2", "About 200 people protested outside the parliament in Vilnius on Saturday against the draft law."),
    ("r3", "Border guards detained two men who crossed the frontier illegally on Tuesday night."),
    ("r4", "Artillery shelled the outskirts of the town on Wednesday, killing three civilians."),
]
PAGE = """<!doctype html><html><head><title>Officer flees</title>
<meta property="article:published_time" content="2024-05-02"></head><body><article>
<h1>Officer flees</h1><p>An army officer crossed into Lithuania on Thursday and asked for asylum, border
guards said. He had served in a tank brigade for six years before he left his post.</p>
</article></body></html>"""


def write_jsonl(path: Path, records: list[dict[str, object]], *, extra_lines: tuple[str, ...] = ()) -> Path:
    """Write ``records`` (and raw ``extra_lines``) as JSONL, gzipped if the name ends in .gz."""
    lines = [json.dumps(record) for record in records] + list(extra_lines)
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def write_parquet(path: Path, records: list[dict[str, object]]) -> Path:
    """Write ``records`` as a Parquet file."""
    pq.write_table(pa.Table.from_pylist(records), path)
    return path


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> Path:
    """Write (url, content type, body) HTTP responses as a gzipped WARC file."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers
            )
            writer.write_record(record)
    return path
