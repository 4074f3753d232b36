"""The local batch engine with a stand-in pipeline: outputs, failures, reruns and the database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwatch.batch import run_batch
from eventwatch.batch.output import WRITTEN_COLUMNS, PartWriter, done_keys
from eventwatch.document import Document, Event, Span
from eventwatch.errors import EventwatchError
from eventwatch.store import Store


class FakePipeline:
    """Marks each document English with one event on its first 20 characters; 'BOOM' texts raise."""

    def __call__(self, doc: Document) -> Document:
        if "BOOM" in doc.text:
            raise RuntimeError("stage exploded")
        doc.language = "en"
        doc.events = [Event(type="report", evidence=[Span.of(doc.text, 0, min(20, len(doc.text)))])]
        return doc

    def pipe(self, docs: Iterable[Document], *, batch_size: int | None = None) -> Iterator[Document]:
        docs = list(docs)
        if any("BOOM" in doc.text for doc in docs):
            raise RuntimeError("batch exploded")
        return iter([self(doc) for doc in docs])


def _rows(out: Path) -> list[dict[str, str | None]]:
    return sorted(pq.read_table(out).to_pylist(), key=lambda row: str(row["key"]))


def test_local_run_writes_one_row_per_document(tmp_path: Path, shards: Callable[[], list[str]]) -> None:
    out = tmp_path / "out"
    report = run_batch(shards(), out=out, nlp=FakePipeline(), batch_size=2)  # type: ignore[arg-type]
    assert (report.processed, len(report.errors), report.skipped, report.shards) == (5, 1, 0, 3)
    rows = _rows(out)
    assert len(rows) == 6 and set(rows[0]) == set(WRITTEN_COLUMNS)
    good = [row for row in rows if not row["error"]]
    assert {row["id"] for row in good} == {
        "r1",
        "r2",
        "r3",
        "r4",
        "https://news.example.org/2024/05/02/officer",
    }
    r1 = next(row for row in good if row["id"] == "r1")
    assert r1["published"] == "2024-05-08" and r1["language"] == "en"
    [event] = json.loads(str(r1["events"]))
    assert event["type"] == "report" and event["id"] == "r1#e0"
    assert json.loads(str(r1["places"])) == [] and json.loads(str(r1["entities"])) == []
    [bad] = [row for row in rows if row["error"]]
    assert str(bad["error"]).startswith("[E106]") and bad["events"] is None


def test_rerun_skips_what_is_done(tmp_path: Path, shards: Callable[[], list[str]]) -> None:
    out = tmp_path / "out"
    paths = shards()
    run_batch(paths, out=out, nlp=FakePipeline())  # type: ignore[arg-type]
    again = run_batch(paths, out=out, nlp=FakePipeline())  # type: ignore[arg-type]
    assert (again.processed, len(again.errors), again.skipped) == (0, 0, 6)
    assert len(_rows(out)) == 6
    # A new document in a shard is the only one processed.
    with open(paths[0], "a") as handle:
        handle.write(json.dumps({"id": "r9", "text": "A new report arrived later."}) + "\n")
    third = run_batch(paths, out=out, nlp=FakePipeline())  # type: ignore[arg-type]
    assert (third.processed, third.skipped) == (1, 6)
    assert len(_rows(out)) == 7


def test_a_failing_document_is_reported_not_fatal(tmp_path: Path) -> None:
    shard = tmp_path / "s.jsonl"
    shard.write_text(
        "\n".join(
            json.dumps({"id": f"d{i}", "text": t})
            for i, t in enumerate(["Fine one.", "BOOM here.", "Fine two."])
        )
    )
    report = run_batch([str(shard)], out=tmp_path / "out", nlp=FakePipeline(), batch_size=8)  # type: ignore[arg-type]
    assert report.processed == 2 and [doc_id for doc_id, _ in report.errors] == ["d1"]
    failed = next(row for row in _rows(tmp_path / "out") if row["id"] == "d1")
    assert str(failed["error"]).startswith("[E1006]") and "stage exploded" in str(failed["error"])


def test_database_target_and_its_reruns(tmp_path: Path, shards: Callable[[], list[str]]) -> None:
    db = f"sqlite:///{tmp_path / 'b.db'}"
    paths = shards()
    report = run_batch(paths, db=db, nlp=FakePipeline())  # type: ignore[arg-type]
    assert report.processed == 5
    store = Store(db)
    assert store.counts() == {"documents": 5, "mentions": 5}
    again = run_batch(paths, db=db, nlp=FakePipeline())  # type: ignore[arg-type]
    # Stored documents are skipped; unreadable items are not in the database, so they are reported again.
    assert (again.processed, again.skipped, len(again.errors)) == (0, 5, 1)
    # With both targets, a document missing from one of them is done again (storing is idempotent).
    both = run_batch(paths, db=db, out=tmp_path / "out", nlp=FakePipeline())  # type: ignore[arg-type]
    assert both.processed == 5 and store.counts()["documents"] == 5
    # Everything is now done: documents in both targets, the unreadable line in the output.
    assert done_keys(out=tmp_path / "out", db=db) == {row["key"] for row in _rows(tmp_path / "out")}
    last = run_batch(paths, db=db, out=tmp_path / "out", nlp=FakePipeline())  # type: ignore[arg-type]
    assert (last.processed, last.skipped, len(last.errors)) == (0, 6, 0)


def test_part_files_are_whole_and_unreadable_ones_ignored(tmp_path: Path) -> None:
    import pyarrow as pa

    from eventwatch.batch.extract import output_schema

    writer = PartWriter(tmp_path, rows_per_file=2)
    row = dict.fromkeys(output_schema().names, None)
    for key in "abc":
        writer.add(
            pa.Table.from_pylist([{**row, "key": key, "id": key, "status": "ok"}], schema=output_schema())
        )
    writer.flush()
    assert len(list(tmp_path.glob("part-*.parquet"))) == 2 and not list(tmp_path.glob("*.tmp"))
    (tmp_path / "part-broken.parquet").write_bytes(b"PAR1 truncated")
    assert done_keys(out=tmp_path) == {"a", "b", "c"}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [({}, "E1005"), ({"out": "x", "address": "ray://h:1"}, "E1009")],
)
def test_argument_errors(tmp_path: Path, kwargs: dict[str, str], code: str) -> None:
    with pytest.raises(EventwatchError) as found:
        run_batch([str(tmp_path)], **kwargs)  # type: ignore[arg-type]
    assert found.value.code == code


def test_no_shards(tmp_path: Path) -> None:
    with pytest.raises(EventwatchError) as found:
        run_batch([str(tmp_path)], out=str(tmp_path / "out"))
    assert found.value.code == "E1008"


def test_cli_batch_command(
    tmp_path: Path, shards: Callable[[], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from eventwatch import pipeline
    from eventwatch.cli import cli

    monkeypatch.setattr(pipeline, "build", lambda config=None: FakePipeline())
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", *shards(), "--out", str(out), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 0, result.output
    assert "5 document(s) extracted, 1 failed, 0 already done, from 3 shard(s)" in result.output
    assert len(_rows(out)) == 6
    again = CliRunner().invoke(cli, ["batch", *shards(), "--out", str(out), "--db", str(tmp_path / "c.db")])
    assert "0 document(s) extracted, 0 failed, 6 already done" in again.output
