"""The ``eventwatch`` command line: a thin shell over the library."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import api, registry
from .document import Document
from .errors import EventwatchError, message
from .readers import ReadError
from .render import ROW_FIELDS, event_row, excerpt, mention_row
from .store import DEFAULT_URL, EventFilter, Store

__all__ = ["main"]

err = Console(stderr=True)


def _console() -> Console:
    """Standard output; wide when it is not a terminal, so piped tables stay readable."""
    console = Console()
    return console if console.is_terminal else Console(width=200)


FORMATS_EXTRACT = ("jsonl", "json", "table")
FORMATS_EVENTS = ("table", "csv", "json")
EXPORT_FORMATS = ("csv", "json", "geojson", "acled", "plover")


def _report_error(error: ReadError) -> None:
    err.print(Text(f"skipped {error.source}: {error.message}", style="yellow"))


def _table(rows: Iterable[dict[str, str]], *, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for name in ROW_FIELDS:
        if name in ("id", "date", "type", "status"):
            table.add_column(name, no_wrap=True)
        else:
            table.add_column(name, overflow="fold", max_width=70 if name == "evidence" else 30)
    for row in rows:
        # Text objects, never markup: article text is untrusted.
        table.add_row(*(Text(row[name]) for name in ROW_FIELDS))
    return table


@click.group()
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    help="A pipeline config TOML laid over the default.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what the pipeline does.")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: bool) -> None:
    """eventwatch: news reports to a structured, deduplicated, source-linked record of events."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = {"config": config}


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--published", help="Publication date YYYY-MM-DD: the anchor for relative dates.")
@click.option("--format", "fmt", type=click.Choice(FORMATS_EXTRACT), default="jsonl", show_default=True)
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on loopback/private networks.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input item could not be read.")
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: tuple[str, ...],
    published: str | None,
    fmt: str,
    allow_private: bool,
    strict: bool,
) -> None:
    """Extract events from INPUTS (files, directories, URLs, JSONL, or - for stdin); no database.

    Example: eventwatch extract reports/ --published 2024-03-14 --format table
    """
    if not inputs:
        raise click.UsageError(message("E302"))
    errors: list[ReadError] = []

    def failed(error: ReadError) -> None:
        errors.append(error)
        _report_error(error)

    docs = api.iter_extracted(
        inputs, config=ctx.obj["config"], published=published, on_error=failed, allow_private=allow_private
    )
    out = sys.stdout
    if fmt == "jsonl":
        for doc in docs:
            out.write(json.dumps(doc.to_contract(), ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump([doc.to_contract() for doc in docs], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        console = _console()
        for doc in docs:
            title = doc.title or doc.id
            rows = [event_row(event, event_id=str(i)) for i, event in enumerate(doc.events)]
            console.print(_table(rows, title=f"{title} ({doc.published or 'no date'})"))
            for warning in doc.warnings:
                err.print(Text(warning, style="yellow"))
    if errors:
        err.print(f"{len(errors)} input item(s) could not be read.")
        if strict:
            sys.exit(1)


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--db", default=DEFAULT_URL, show_default=True, help="Database URL or SQLite file path.")
@click.option("--published", help="Publication date YYYY-MM-DD for inputs that have none.")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on loopback/private networks.")
@click.option("--progress/--no-progress", default=None, help="Show a progress line (default: on a terminal).")
@click.pass_context
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    db: str,
    published: str | None,
    allow_private: bool,
    progress: bool | None,
) -> None:
    """Extract INPUTS and store documents and events; a document already stored is skipped.

    Example: eventwatch ingest feeds/*.jsonl --db events.db
    """
    if not inputs:
        raise click.UsageError(message("E302"))
    store = Store(db)
    show = err.is_terminal if progress is None else progress
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, disable=not show
    ) as bar:
        task = bar.add_task("ingesting", total=None)

        def done(doc: Document, new: bool) -> None:
            bar.update(task, advance=1, description=f"ingesting: {doc.id[:50]}")

        report = api.ingest(
            inputs,
            store,
            config=ctx.obj["config"],
            published=published,
            on_document=done,
            on_error=_report_error,
            allow_private=allow_private,
        )
    err.print(
        f"stored {report.stored} document(s) with {report.mentions} event mention(s); "
        f"{report.skipped} already stored; {len(report.errors)} unreadable. Database: {store.url}"
    )


@cli.command()
@click.option("--db", default=DEFAULT_URL, show_default=True)
@click.option("--type", "types", multiple=True, help="Event type (repeatable).")
@click.option("--since", help="Events ending on or after YYYY-MM-DD.")
@click.option("--until", help="Events starting on or before YYYY-MM-DD.")
@click.option("--country", help="ISO3 country code of the event's place.")
@click.option("--status", help="occurred, planned, negated, ...")
@click.option("--q", help="Words in the evidence sentence.")
@click.option("--limit", default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS_EVENTS), default="table", show_default=True)
def events(
    db: str,
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    country: str | None,
    status: str | None,
    q: str | None,
    limit: int,
    fmt: str,
) -> None:
    """List stored event mentions, newest first.

    Example: eventwatch events --type desertion --since 2024-01-01 --country BLR
    """
    flt = EventFilter(
        types=types,
        since=since and api.check_date(since),
        until=until and api.check_date(until),
        country=country,
        status=status,
        q=q,
        limit=limit,
    )
    rows = Store(db).mentions(flt)
    records = [{**row["data"], "id": row["id"]} for row in rows]
    out = sys.stdout
    if fmt == "json":
        json.dump([_mention_json(row) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=[*ROW_FIELDS, "url"])
        writer.writeheader()
        for record, row in zip(records, rows, strict=True):
            writer.writerow({**mention_row(record), "url": row["url"] or ""})
    else:
        _console().print(
            _table([mention_row(record) for record in records], title=f"{len(records)} event(s)")
        )


def _mention_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row["data"],
        "id": row["id"],
        "document": {"id": row["doc_id"], "title": row["title"], "url": row["url"]},
    }


@cli.command()
@click.argument("event_id", type=int)
@click.option("--db", default=DEFAULT_URL, show_default=True)
def show(event_id: int, db: str) -> None:
    """Show one event: its fields and its evidence with the trigger highlighted.

    Example: eventwatch show 12
    """
    row = Store(db).mention(event_id)
    data = row["data"]
    console = _console()
    for key, value in mention_row({**data, "id": event_id}).items():
        if key != "evidence":
            console.print(Text(f"{key:>9}: ", style="bold") + Text(value))
    for key in ("plover", "attribution", "confidence", "why"):
        if data.get(key) is not None:
            console.print(Text(f"{key:>9}: ", style="bold") + Text(str(data[key])))
    if data.get("acled"):
        console.print(
            Text("    acled: ", style="bold")
            + Text(f"{data['acled']['event_type']} / {data['acled']['sub_event_type']}")
        )
    date = data.get("date") or {}
    if date.get("reason"):
        console.print(Text("  date by: ", style="bold") + Text(str(date["reason"])))
    console.print(
        Text(" document: ", style="bold") + Text(f"{row['title'] or row['doc_id']} {row['url'] or ''}")
    )
    trigger = data.get("trigger")
    for span in data.get("evidence") or []:
        line = Text(span["text"])
        if trigger and span["start"] <= trigger["start"] < span["end"]:
            line.stylize("bold reverse", trigger["start"] - span["start"], trigger["end"] - span["start"])
        console.print(Text(" evidence: ", style="bold") + line)


# canonical events (deduplicated clusters of mentions) -------------------------------------------


def _cluster_rows(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} event(s)")
    for name in ("id", "date", "type", "place", "reports", "sources", "killed", "reported", "disputed"):
        table.add_column(name, no_wrap=name in ("id", "date", "type"), overflow="fold", max_width=40)
    for row in rows:
        data = row["data"]
        killed = data["conflicts"].get("fatalities") or (
            [] if row["fatalities"] is None else [row["fatalities"]]
        )
        place = f"{row['place'] or ''} ({row['country']})" if row["country"] else row["place"] or ""
        dates = [d for d in (row["first_reported"], row["last_reported"]) if d]
        table.add_row(
            *(
                Text(str(v))
                for v in (
                    row["id"],
                    row["date_start"] or "?",
                    row["type"],
                    place,
                    row["reports"],
                    row["sources"],
                    "/".join(map(str, killed)),
                    "..".join(sorted(set(dates))),
                    ", ".join(sorted(data["conflicts"])),
                )
            )
        )
    return table


@cli.command()
@click.option("--db", default=DEFAULT_URL, show_default=True)
@click.option("--type", "types", multiple=True, help="Event type (repeatable).")
@click.option("--since", help="Events ending on or after YYYY-MM-DD.")
@click.option("--until", help="Events starting on or before YYYY-MM-DD.")
@click.option("--country", help="ISO3 country code of the event's place.")
@click.option(
    "--min-reports", default=1, show_default=True, help="Only events with at least this many reports."
)
@click.option("--limit", default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def clusters(
    db: str,
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    country: str | None,
    min_reports: int,
    limit: int,
    fmt: str,
) -> None:
    """List canonical events (one per real-world event, however many reports), newest first.

    Example: eventwatch clusters --type shelling --min-reports 2
    """
    from .store.clusters_read import ClusterFilter, list_clusters

    flt = ClusterFilter(
        types=types,
        since=since and api.check_date(since),
        until=until and api.check_date(until),
        country=country,
        min_reports=min_reports,
        limit=limit,
    )
    rows = list_clusters(Store(db), flt)
    if fmt == "json":
        click.echo(json.dumps([{"id": r["id"], **r["data"]} for r in rows], ensure_ascii=False, indent=2))
    else:
        _console().print(_cluster_rows(rows))


@cli.command(name="event")
@click.argument("event_id", type=int)
@click.option("--db", default=DEFAULT_URL, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def show_event(event_id: int, db: str, fmt: str) -> None:
    """Show one canonical event: merged fields, disagreements between reports, and each report with its score.

    Example: eventwatch event 7
    """
    from .store.clusters_read import event_detail

    detail = event_detail(Store(db), event_id)
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=2, default=str))
        return
    data, console = detail["data"], _console()
    ids = {member["mention_key"]: member["mention_id"] for member in detail["mentions"]}
    console.print(_cluster_rows([detail]))
    for field, values in sorted(data["conflicts"].items()):
        used = (
            f" (using {min(values)}, the lowest)"
            if field in ("fatalities", "injured", "participants")
            else ""
        )
        console.print(
            Text(f"reports disagree on {field}: {', '.join(map(str, values))}{used}", style="yellow")
        )
    for member in detail["mentions"]:
        why = member["why"]
        parts = ", ".join(f"{k} {v:g}" for k, v in why["parts"].items() if v)
        reason = (
            f"score {why['score']:g} ({parts}) with mention {ids.get(why['partner'], why['partner'])}"
            if why["rule"] == "linked"
            else why["rule"]
        )
        console.print(
            Text(
                f"mention {member['mention_id']} · {member['title'] or member['doc_id']} "
                f"[{member['source'] or member['url'] or ''}] {member['published'] or ''}",
                style="bold",
            )
        )
        console.print(Text(f"   {excerpt(member['evidence'], width=150)}"))
        console.print(Text(f"   why: {reason}", style="dim"))


@cli.command()
@click.option("--db", default=DEFAULT_URL, show_default=True)
def recluster(db: str) -> None:
    """Cluster every stored mention into canonical events again (analyst merges and splits kept).

    Example: eventwatch recluster --db events.db
    """
    from .store.clusters import recluster as run

    report = run(Store(db))
    err.print(
        f"{report.mentions} mention(s) in {report.events} event(s); "
        f"{report.merged} duplicate report(s) merged."
    )


@cli.command()
@click.argument("first", type=int)
@click.argument("second", type=int)
@click.option("--db", default=DEFAULT_URL, show_default=True)
def merge(first: int, second: int, db: str) -> None:
    """Declare events FIRST and SECOND one event; the correction survives re-ingest and recluster.

    Example: eventwatch merge 12 15
    """
    from .store.clusters import merge as run

    click.echo(f"merged into event {run(Store(db), first, second)}")


@cli.command()
@click.argument("event_id", type=int)
@click.argument("mention_id", type=int)
@click.option("--db", default=DEFAULT_URL, show_default=True)
def split(event_id: int, mention_id: int, db: str) -> None:
    """Take report MENTION_ID out of event EVENT_ID; it is never merged with that event's reports again.

    Example: eventwatch split 12 40
    """
    from .store.clusters import split as run

    click.echo(f"mention {mention_id} is now event {run(Store(db), event_id, mention_id)}")


@cli.command()
@click.option("--db", default="eventwatch-demo.db", show_default=True, help="Recreated from scratch.")
@click.pass_context
def demo(ctx: click.Context, db: str) -> None:
    """Ingest the bundled sample articles into a fresh database and print the timeline.

    Example: eventwatch demo
    """
    path = Path(db)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    samples = resources.files("eventwatch.data") / "samples"
    store = Store(str(path))
    with resources.as_file(samples) as folder:
        report = api.ingest([str(folder)], store, config=ctx.obj["config"], on_error=_report_error)
    rows = store.mentions(EventFilter(limit=1000))
    rows.sort(key=lambda row: (row["date_start"] or "", row["document_id"], row["ordinal"]))
    _console().print(
        _table(
            [mention_row({**row["data"], "id": row["id"]}) for row in rows],
            title=f"Timeline: {report.mentions} events from {report.stored} sample articles",
        )
    )
    err.print(
        f"Database: {path}. Try: eventwatch events --db {path} --type desertion; eventwatch show ID --db {path}"
    )


@cli.command(name="export")
@click.option("--db", default=DEFAULT_URL, show_default=True, help="Database URL or SQLite file path.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True)
@click.option("--type", "types", multiple=True, help="Event type (repeatable).")
@click.option("--since", help="Events ending on or after YYYY-MM-DD.")
@click.option("--until", help="Events starting on or before YYYY-MM-DD.")
@click.option("--country", help="ISO3 country code of the event's place.")
@click.option("--status", help="occurred, planned, negated, ...")
@click.option("--q", help="Words in the evidence sentence.")
@click.option("--limit", type=int, help="At most this many events.")
@click.option("--redact-persons", is_flag=True, help="Replace personal names with stable keyed pseudonyms.")
@click.option(
    "--redact-key",
    envvar="EVENTWATCH_REDACT_KEY",
    help="Secret key for the pseudonyms (default: $EVENTWATCH_REDACT_KEY).",
)
def export_command(
    db: str,
    fmt: str,
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    country: str | None,
    status: str | None,
    q: str | None,
    limit: int | None,
    redact_persons: bool,
    redact_key: str | None,
) -> None:
    """Export stored events as CSV, JSON, GeoJSON, ACLED-style CSV or PLOVER JSON to standard output.

    Example: eventwatch export --format geojson --type protest --redact-persons > protests.geojson
    """
    from .export import KEY_ENV, Redactor, export

    flt = EventFilter(
        types=types,
        since=since and api.check_date(since),
        until=until and api.check_date(until),
        country=country,
        status=status,
        q=q,
    )
    redactor = None
    if redact_persons:
        if not redact_key:
            raise EventwatchError("E901", env=KEY_ENV, minimum=8)
        redactor = Redactor(redact_key)
    count = export(Store(db), fmt, sys.stdout, flt=flt, limit=limit, redactor=redactor)
    err.print(f"exported {count} event(s) as {fmt}")


@cli.command()
@click.option("--db", default=DEFAULT_URL, show_default=True, help="Database URL or SQLite file path.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--read-only", is_flag=True, help="Refuse ingest requests.")
@click.option("--allow-private", is_flag=True, help="Let ingest fetch URLs on loopback/private networks.")
@click.option(
    "--tiles",
    help="Map tiles URL template with {z}/{x}/{y} (default: none, offline "
    "outlines only; or $EVENTWATCH_TILES).",
)
@click.option("--tiles-attribution", default="", help="Attribution the tiles' licence requires.")
@click.pass_context
def serve(
    ctx: click.Context,
    db: str,
    host: str,
    port: int,
    read_only: bool,
    allow_private: bool,
    tiles: str | None,
    tiles_attribution: str,
) -> None:
    """Serve the web UI and JSON API; ingest needs a bearer token from $EVENTWATCH_TOKEN.

    Example: EVENTWATCH_TOKEN=s3cret eventwatch serve --db events.db --port 8000
    """
    from .web import Settings
    from .web import serve as run

    settings = Settings.from_env(
        db=db,
        read_only=read_only,
        allow_private=allow_private,
        tiles=tiles,
        tiles_attribution=tiles_attribution or None,
        config=ctx.obj["config"],
    )
    err.print(
        f"eventwatch on http://{host}:{port}/ (database {db}; ingest "
        f"{'off: read-only' if read_only else 'on' if settings.token else 'off: no EVENTWATCH_TOKEN'})"
    )
    run(settings, host=host, port=port)


@cli.command(name="batch")
@click.argument("inputs", nargs=-1)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", help="Ray cluster address (ray://head:10001 or head:6379); default: a local Ray.")
@click.option(
    "--out", type=click.Path(file_okay=False), help="Directory for Parquet part files (one row per document)."
)
@click.option("--db", help="Also store documents and events in this database (URL or SQLite path).")
@click.option("--workers", type=int, help="Extractor actors on Ray (default: one per CPU).")
@click.option("--batch-size", default=32, show_default=True, help="Documents per extraction batch.")
@click.pass_context
def batch_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    engine: str,
    address: str | None,
    out: str | None,
    db: str | None,
    workers: int | None,
    batch_size: int,
) -> None:
    """Extract JSONL, Parquet and WARC shards in bulk, locally or on Ray; reruns skip finished documents.

    Example: eventwatch batch shards/ --engine ray --out results/ --db postgresql://user@host/events
    """
    from .batch import run_batch

    if not inputs:
        raise click.UsageError(message("E302"))
    report = run_batch(
        inputs,
        engine=engine,
        address=address,
        out=out,
        db=db,
        config=ctx.obj["config"],
        workers=workers,
        batch_size=batch_size,
    )
    for doc_id, error in report.errors[:20]:
        err.print(Text(f"failed {doc_id}: {error}", style="yellow"))
    if len(report.errors) > 20:
        err.print(f"... and {len(report.errors) - 20} more failures (see the error column of the output).")
    err.print(
        f"{report.processed} document(s) extracted, {len(report.errors)} failed, {report.skipped} already done, "
        f"from {report.shards} shard(s) in {report.seconds:.1f}s ({report.documents_per_second:.2f} documents/s)."
    )


@cli.command(name="stages")
def list_stages() -> None:
    """List the registered pipeline stages with what each requires and assigns."""
    for name in registry.names():
        info = registry.get(name)
        click.echo(
            f"{name}\n  requires: {', '.join(info.requires) or '-'}\n  assigns:  {', '.join(info.assigns) or '-'}"
        )


def _add_watch_commands() -> None:
    # The watcher's and the analysts' commands live with their libraries; click imports them only here.
    from .analysis.commands import board, indicator
    from .watch.commands import alerts, sources, watch

    for command in (sources, watch, alerts, indicator, board):
        cli.add_command(command)


_add_watch_commands()


def main() -> None:
    """Entry point: run the CLI, turning catalogue errors into a clear message and exit code 2."""
    try:
        cli(standalone_mode=True)
    except EventwatchError as exc:
        err.print(Text(str(exc), style="red"))
        sys.exit(2)
