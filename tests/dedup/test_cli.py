"""The clusters / event / merge / split / recluster commands, in-process on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventwatch.cli import cli
from eventwatch.store import Store
from eventwatch.store.clusters_read import cluster_id_of

from .conftest import corpus_document, load_corpus

RECORDS = [r for r in load_corpus() if r["event"] in ("e01", "n02", "e13")]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_commands_list_show_merge_split_and_recluster(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    store = Store(db)
    ids = {record["id"]: store.add(corpus_document(record))[0] for record in RECORDS}
    mention = {
        doc: next(r["id"] for r in store.mentions() if r["document_id"] == n) for doc, n in ids.items()
    }

    listed = json.loads(run("clusters", "--db", db, "--format", "json", "--min-reports", "2"))
    nairobi = next(e for e in listed if e["place"]["name"] == "Nairobi")
    assert nairobi["fatalities"] == 5 and nairobi["conflicts"]["fatalities"] == [5, 8, 13]

    event = cluster_id_of(store, mention["e13-1"])
    assert event is not None
    shown = run("event", str(event), "--db", db)
    assert "reports disagree on fatalities: 5, 8, 13 (using 5, the lowest)" in shown
    assert "why: score" in shown and "Rift Valley Times" in shown

    izium = cluster_id_of(store, mention["n02-1"])
    kupiansk = cluster_id_of(store, mention["e01-1"])
    assert izium is not None and kupiansk is not None
    assert "merged into event" in run("merge", str(kupiansk), str(izium), "--db", db)
    assert cluster_id_of(store, mention["n02-1"]) == cluster_id_of(store, mention["e01-1"])

    merged = cluster_id_of(store, mention["e01-1"])
    assert "is now event" in run("split", str(merged), str(mention["n02-1"]), "--db", db)
    run("recluster", "--db", db)
    assert cluster_id_of(store, mention["n02-1"]) != cluster_id_of(store, mention["e01-1"])
    store.close()


def test_unknown_event_is_a_catalogue_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["event", "42", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code != 0
    assert "E802" in str(result.exception)
