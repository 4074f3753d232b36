"""CLI groups ``eventwatch indicator`` and ``eventwatch board``: thin shells over the analysis library."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..store import DEFAULT_URL, Store
from . import boards as board_lib
from . import indicators as indicator_lib
from .query import EventQuery
from .report import matrix_csv, report_html

__all__ = ["board", "indicator"]

_db = click.option("--db", default=DEFAULT_URL, show_default=True, help="Database URL or SQLite file path.")


F = TypeVar("F", bound=Callable[..., Any])


def _query_options(command: F) -> F:
    for name, text in reversed(
        [
            ("type", "Event type, e.g. desertion."),
            ("country", "Country of the event's place (ISO3 or name)."),
            ("actor", "Words about an actor; a country adjective or sector word matches actor coding."),
            ("actor-country", "Country an actor is coded with (ISO3 or name), e.g. BLR."),
            ("place", "Words in the event's place."),
            ("text", "Words in the evidence sentence or title."),
            ("status", "occurred, planned, negated, ..."),
        ]
    ):
        command = click.option(f"--{name}", help=text)(command)
    return command


@click.group()
def indicator() -> None:
    """Indicators: saved queries over canonical events, counted per day, week or month."""


@indicator.command("add")
@click.argument("name")
@_query_options
@click.option("--interval", type=click.Choice(indicator_lib.INTERVALS), default="week", show_default=True)
@click.option("--description")
@click.option("--threshold", type=float, help="Alarm when a period's count reaches this.")
@click.option("--alert", "alert_id", type=int, help="Alert whose destination receives the alarm.")
@_db
def indicator_add(
    name: str,
    interval: str,
    description: str | None,
    threshold: float | None,
    alert_id: int | None,
    db: str,
    **conditions: str | None,
) -> None:
    """Save an indicator.

    Example: eventwatch indicator add blr-desertions --type desertion --actor Belarusian --interval month
    """
    query = EventQuery.build(**conditions)
    saved = indicator_lib.add_indicator(
        Store(db),
        name=name,
        queries=[query],
        interval=interval,
        description=description,
        threshold=threshold,
        alert_id=alert_id,
    )
    click.echo(f"indicator {saved.id}: {saved.name}")


@indicator.command("add-template")
@click.argument("template")
@click.option("--param", "params", multiple=True, help="KEY=VALUE for the template's placeholders.")
@click.option("--name")
@click.option("--threshold", type=float)
@click.option("--alert", "alert_id", type=int)
@_db
def indicator_add_template(
    template: str,
    params: tuple[str, ...],
    name: str | None,
    threshold: float | None,
    alert_id: int | None,
    db: str,
) -> None:
    """Save an indicator from a shipped template (see `eventwatch indicator templates`).

    Example: eventwatch indicator add-template desertions-by-country --param country=BLR
    """
    values = dict(p.split("=", 1) for p in params if "=" in p)
    saved = indicator_lib.add_from_template(
        Store(db), template, params=values, name=name, threshold=threshold, alert_id=alert_id
    )
    click.echo(f"indicator {saved.id}: {saved.name}")


@indicator.command("templates")
def indicator_templates() -> None:
    """List the shipped indicator templates."""
    for name, spec in indicator_lib.templates().items():
        click.echo(f"{name} ({spec.get('interval', 'week')}): {spec.get('description', '')}")


@indicator.command("list")
@_db
def indicator_list(db: str) -> None:
    """List indicators."""
    for item in indicator_lib.list_indicators(Store(db)):
        queries = " OR ".join(f"({q.describe()})" for q in item.queries)
        threshold = f" threshold {item.threshold:g}" if item.threshold is not None else ""
        click.echo(f"{item.id}\t{item.name}\t{item.interval}{threshold}\t{queries}")


@indicator.command("series")
@click.argument("ref")
@click.option("--since")
@click.option("--until")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@_db
def indicator_series(ref: str, since: str | None, until: str | None, fmt: str, db: str) -> None:
    """Print an indicator's time series (every period, zeros included).

    Example: eventwatch indicator series blr-desertions --format csv > series.csv
    """
    store = Store(db)
    found = indicator_lib.get_indicator(store, ref)
    points = indicator_lib.series(store, found, since=since, until=until)
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["period_start", "events"])
        writer.writerows(points)
        return
    top = max((count for _, count in points), default=0) or 1
    for period, count in points:
        click.echo(f"{period}  {count:5d}  {'█' * round(30 * count / top)}")


@indicator.command("check")
@_db
def indicator_check(db: str) -> None:
    """Queue alarms for indicators whose current period reached its threshold (run from cron or after ingest)."""
    for found, period, count in indicator_lib.check_thresholds(Store(db)):
        click.echo(f"alarm: {found.name} counted {count} in the period from {period}")


@indicator.command("remove")
@click.argument("ref")
@_db
def indicator_remove(ref: str, db: str) -> None:
    """Delete an indicator."""
    click.echo(f"removed {indicator_lib.remove_indicator(Store(db), ref).name}")


@click.group()
def board() -> None:
    """Competing-hypotheses boards: hypotheses, evidence, ratings, ranking."""


@board.command("create")
@click.argument("name")
@click.option("--question")
@click.option("--hypothesis", "texts", multiple=True, help="A hypothesis (repeatable): H1, H2, ... in order.")
@_db
def board_create(name: str, question: str | None, texts: tuple[str, ...], db: str) -> None:
    """Create a board with its hypotheses.

    Example: eventwatch board create belarus-offensive --hypothesis "Belarus joins within 3 months" --hypothesis "It does not"
    """
    store = Store(db)
    created = board_lib.create_board(store, name=name, question=question)
    for text in texts:
        board_lib.add_hypothesis(store, board_lib.get_board(store, created.id), text)
    click.echo(f"board {created.id}: {created.name}")


@board.command("hypothesis")
@click.argument("board_ref")
@click.argument("text")
@_db
def board_hypothesis(board_ref: str, text: str, db: str) -> None:
    """Add a hypothesis to a board."""
    store = Store(db)
    board_lib.add_hypothesis(store, board_lib.get_board(store, board_ref), text)
    click.echo("added")


@board.command("add-event")
@click.argument("board_ref")
@click.argument("event_id", type=int)
@click.option("--weight", type=float, default=1.0, show_default=True)
@click.option("--by", default="analyst", show_default=True)
@_db
def board_add_event(board_ref: str, event_id: int, weight: float, by: str, db: str) -> None:
    """Add a canonical event as evidence; prints the item id."""
    store = Store(db)
    click.echo(
        board_lib.add_event_item(store, board_lib.get_board(store, board_ref), event_id, weight=weight, by=by)
    )


@board.command("add-indicator")
@click.argument("board_ref")
@click.argument("indicator_ref")
@click.option("--weight", type=float, default=1.0, show_default=True)
@click.option("--by", default="analyst", show_default=True)
@_db
def board_add_indicator(board_ref: str, indicator_ref: str, weight: float, by: str, db: str) -> None:
    """Add an indicator as evidence; prints the item id."""
    store = Store(db)
    found = indicator_lib.get_indicator(store, indicator_ref)
    click.echo(
        board_lib.add_indicator_item(
            store, board_lib.get_board(store, board_ref), found.id, weight=weight, by=by
        )
    )


@board.command("rate")
@click.argument("board_ref")
@click.argument("item_id", type=int)
@click.argument("hypothesis")
@click.argument("code")
@click.option("--by", required=True, help="Who rates (kept in the history).")
@click.option("--why", help="Why (kept in the history).")
@click.option("--note")
@_db
def board_rate(
    board_ref: str,
    item_id: int,
    hypothesis: str,
    code: str,
    by: str,
    why: str | None,
    note: str | None,
    db: str,
) -> None:
    """Rate an item against a hypothesis: CC, C, N, I, II or NA.

    Example: eventwatch board rate belarus-offensive 3 H1 II --by anna --why "troops withdrawn from the border"
    """
    store = Store(db)
    board_lib.rate(
        store,
        board_lib.get_board(store, board_ref),
        item_id,
        hypothesis,
        code.upper(),
        by=by,
        why=why,
        note=note,
    )
    click.echo("rated")


@board.command("rule")
@click.argument("board_ref")
@click.argument("hypothesis")
@click.argument("code")
@_query_options
@click.option("--weight", type=float, default=1.0, show_default=True)
@click.option("--note")
@_db
def board_rule(
    board_ref: str,
    hypothesis: str,
    code: str,
    weight: float,
    note: str | None,
    db: str,
    **conditions: str | None,
) -> None:
    """Rate every matching canonical event by default (an analyst can change it later).

    Example: eventwatch board rule belarus-offensive H1 I --type desertion --actor Belarusian
    """
    store = Store(db)
    found = board_lib.get_board(store, board_ref)
    board_lib.add_rule(
        store, found, EventQuery.build(**conditions), hypothesis, code.upper(), weight=weight, note=note
    )
    click.echo(f"rule added; {board_lib.apply_rules(store, found)} rating(s) given now")


@board.command("update")
@click.argument("board_ref")
@_db
def board_update(board_ref: str, db: str) -> None:
    """Apply the board's rules to canonical events that arrived since."""
    store = Store(db)
    click.echo(f"{board_lib.apply_rules(store, board_lib.get_board(store, board_ref))} rating(s) given")


@board.command("list")
@_db
def board_list(db: str) -> None:
    """List boards."""
    for found in board_lib.list_boards(Store(db)):
        click.echo(f"{found.id}\t{found.name}\t{len(found.hypotheses)} hypotheses")


@board.command("show")
@click.argument("board_ref")
@_db
def board_show(board_ref: str, db: str) -> None:
    """Show the matrix, most diagnostic items first, and the ranking."""
    store = Store(db)
    matrix = board_lib.matrix(store, board_lib.get_board(store, board_ref))
    click.echo(matrix_csv(matrix).replace(",", "\t"), nl=False)
    labels = {h: label for h, label, _ in matrix.board.hypotheses}
    for ranked in matrix.ranking:
        click.echo(
            f"rank {ranked.rank}: {labels[ranked.hypothesis]} (against {ranked.inconsistency:g}, "
            f"for {ranked.consistency:g})"
        )


@board.command("export")
@click.argument("board_ref")
@click.option("--format", "fmt", type=click.Choice(["csv", "html"]), default="html", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output)."
)
@_db
def board_export(board_ref: str, fmt: str, output: str | None, db: str) -> None:
    """Export the matrix as CSV, or the whole board as one self-contained HTML report.

    Example: eventwatch board export belarus-offensive --format html -o report.html
    """
    store = Store(db)
    found = board_lib.get_board(store, board_ref)
    matrix = board_lib.matrix(store, found)
    text = (
        matrix_csv(matrix) if fmt == "csv" else report_html(store, matrix, board_lib.rating_log(store, found))
    )
    if output:
        Path(output).write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
