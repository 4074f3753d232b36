"""The indicator and board commands, in-process, over a store of hand-built reports."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from eventwatch.cli import cli
from eventwatch.store import Store
from eventwatch.store.clusters_read import list_clusters

from .test_boards import TIMELINE, _document


def test_indicator_and_board_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    store = Store(db)
    for index in range(len(TIMELINE)):
        store.add(_document(index))
    run = CliRunner().invoke

    added = run(
        cli,
        [
            "indicator",
            "add",
            "blr-desertions",
            "--type",
            "desertion",
            "--actor-country",
            "BLR",
            "--interval",
            "month",
            "--db",
            db,
        ],
    )
    assert added.exit_code == 0, added.output
    series = run(cli, ["indicator", "series", "blr-desertions", "--format", "csv", "--db", db])
    assert series.stdout.splitlines() == [
        "period_start,events",
        "2024-01-01,1",
        "2024-02-01,1",
        "2024-03-01,2",
    ]
    assert "desertions-by-country" in run(cli, ["indicator", "templates"]).stdout
    templated = run(
        cli, ["indicator", "add-template", "asylum-by-nationality", "--param", "country=Belarus", "--db", db]
    )
    assert templated.exit_code == 0 and "asylum-by-nationality country=Belarus" in templated.stdout
    duplicate = run(cli, ["indicator", "add", "blr-desertions", "--type", "desertion", "--db", db])
    assert duplicate.exit_code != 0 and "E1202" in str(duplicate.exception)

    created = run(
        cli,
        ["board", "create", "offensive", "--hypothesis", "joins", "--hypothesis", "stays out", "--db", db],
    )
    assert created.exit_code == 0, created.output
    ruled = run(
        cli,
        [
            "board",
            "rule",
            "offensive",
            "H1",
            "I",
            "--type",
            "desertion",
            "--actor-country",
            "BLR",
            "--db",
            db,
        ],
    )
    assert "4 rating(s) given now" in ruled.stdout
    first = min(e["id"] for e in list_clusters(store) if e["type"] == "mobilization")
    item = run(cli, ["board", "add-event", "offensive", str(first), "--db", db]).stdout.strip()
    assert (
        run(cli, ["board", "rate", "offensive", item, "H2", "ii", "--by", "anna", "--db", db]).exit_code == 0
    )
    bad = run(cli, ["board", "rate", "offensive", item, "H2", "maybe", "--by", "anna", "--db", db])
    assert "E1213" in str(bad.exception)
    shown = run(cli, ["board", "show", "offensive", "--db", db]).stdout
    # H1: four desertions against it (rule); H2: one very inconsistent item (2): H2 leads.
    assert "rank 1: H2 (against 2, for 0)" in shown and "rank 2: H1 (against 4, for 0)" in shown
    report = tmp_path / "board.html"
    exported = run(cli, ["board", "export", "offensive", "--format", "html", "-o", str(report), "--db", db])
    assert exported.exit_code == 0 and "deserted" in report.read_text("utf-8")
    matrix = run(cli, ["board", "export", "offensive", "--format", "csv", "--db", db]).stdout
    assert matrix.splitlines()[0].endswith("H1,H2")
