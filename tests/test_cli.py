"""The command line, in-process: extract to the contract, ingest once, browse, show, demo."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eventwatch.cli import cli

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "document.schema.json").read_text("utf-8"))
REPORTS = [
    {
        "id": "r1",
        "published": "2024-03-14",
        "title": "Conscript flees unit",
        "text": "On Tuesday a conscript deserted his unit near Brest and fled towards Poland. "
        "The border committee notified the Polish border guard. Police arrested two men in Minsk.",
    },
    {
        "id": "r2",
        "published": "2024-03-15",
        "text": "The defence ministry announced a tender for 20,000 dog tags on Friday.",
    },
]


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS) + "{broken\n", "utf-8")
    return path


def test_extract_writes_contract_documents(reports: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(reports)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["r1", "r2"]
    for doc in lines:
        jsonschema.validate(doc, SCHEMA)
    assert any(e["type"] == "desertion" for e in lines[0]["events"])
    assert "[E106]" in result.stderr


def test_extract_strict_fails_on_unreadable_items(reports: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", "--strict", str(reports)])
    assert result.exit_code == 1


def test_extract_published_overrides_and_is_checked(reports: Path) -> None:
    result = CliRunner().invoke(
        cli, ["extract", "--published", "2020-01-01", "--format", "json", str(reports)]
    )
    assert {d["published"] for d in json.loads(result.stdout)} == {"2020-01-01"}
    bad = CliRunner().invoke(cli, ["extract", "--published", "14/03/2024", str(reports)])
    assert bad.exit_code != 0
    assert "E110" in str(bad.exception) or "E110" in bad.output


def test_extract_table_shows_events(reports: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", "--format", "table", str(reports)])
    assert result.exit_code == 0
    assert "desertion" in result.stdout and "Conscript flees unit" in result.stdout


def test_ingest_is_idempotent_and_events_can_be_browsed(reports: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "ew.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(reports), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 2 document(s)" in first.stderr
    second = runner.invoke(cli, ["ingest", str(reports), "--db", db])
    assert "stored 0 document(s)" in second.stderr and "2 already stored" in second.stderr

    as_json = json.loads(runner.invoke(cli, ["events", "--db", db, "--format", "json"]).stdout)
    assert {e["document"]["id"] for e in as_json} == {"r1", "r2"}
    desertions = json.loads(
        runner.invoke(cli, ["events", "--db", db, "--type", "desertion", "--format", "json"]).stdout
    )
    assert desertions and all(e["type"] == "desertion" for e in desertions)
    found = json.loads(
        runner.invoke(cli, ["events", "--db", db, "--q", "dog tags", "--format", "json"]).stdout
    )
    assert [e["document"]["id"] for e in found] == ["r2"]
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(cli, ["events", "--db", db, "--format", "csv"]).stdout))
    )
    assert len(rows) == len(as_json) and set(rows[0]) >= {"date", "type", "evidence", "url"}
    later = json.loads(
        runner.invoke(cli, ["events", "--db", db, "--since", "2024-03-15", "--format", "json"]).stdout
    )
    assert {e["document"]["id"] for e in later} == {"r2"}

    shown = runner.invoke(cli, ["show", str(desertions[0]["id"]), "--db", db])
    assert shown.exit_code == 0 and "deserted" in shown.stdout and "Conscript flees unit" in shown.stdout


def test_show_unknown_event_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "999", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code != 0
    assert "E202" in str(result.exception)


def test_demo_ingests_the_bundled_samples(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Timeline" in result.stdout
    for kind in ("desertion", "procurement", "asylum_application", "shelling", "arrest"):
        assert kind in result.stdout, kind


def test_vendored_contract_matches_the_shared_one() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "contract" / "document.schema.json"
    if not shared.exists():
        pytest.skip(f"no shared contract at {shared} (only beside the repo in CI and development)")
    assert json.loads(shared.read_text("utf-8")) == SCHEMA
