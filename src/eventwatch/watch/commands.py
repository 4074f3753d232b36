"""The ``sources``, ``watch`` and ``alerts`` commands: thin shells over ``eventwatch.watch``."""

from __future__ import annotations

import json
import os
import signal
import threading
from dataclasses import asdict
from types import FrameType
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..store import DEFAULT_URL, Store
from . import alerts as alerts_mod
from . import outbox
from . import sources as sources_mod
from .clock import system_clock
from .discover import KINDS
from .fetch import DEFAULT_USER_AGENT, FetchSettings
from .poll import PollReport, Watcher
from .query import AlertQuery
from .urls import format_interval, parse_interval

__all__ = ["alerts", "sources", "watch"]

err = Console(stderr=True)
# Webhook bodies are signed with this secret when it is set (kept out of the database and argv).
SECRET_ENV = "EVENTWATCH_WEBHOOK_SECRET"


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=200)


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title)
    for name in columns:
        table.add_column(name, overflow="fold", max_width=60)
    for row in rows:
        # Text objects, never markup: URLs and error messages are untrusted.
        table.add_row(*(Text("" if value is None else str(value)) for value in row))
    return table


@click.group()
def sources() -> None:
    """Feeds, sitemaps and pages that `eventwatch watch` polls."""


@sources.command("add")
@click.argument("url")
@click.option("--name", help="A short name shown in listings and stored as the documents' source.")
@click.option(
    "--kind",
    type=click.Choice([*KINDS, "auto"]),
    default="auto",
    show_default=True,
    help="What the URL is; auto tells from the content.",
)
@click.option("--every", default="15m", show_default=True, help="How often to poll: 30m, 2h, 1d.")
@click.option("--allow-private", is_flag=True, help="Allow a source on a loopback/private network.")
@click.option("--db", default=DEFAULT_URL, show_default=True, help="Database URL or SQLite file path.")
def add_source(url: str, name: str | None, kind: str, every: str, allow_private: bool, db: str) -> None:
    """Watch URL: an RSS/Atom feed, a sitemap, or a page that names its feed.

    Example: eventwatch sources add https://example.org/rss.xml --name example --every 30m
    """
    source = sources_mod.add_source(
        Store(db),
        url,
        now=system_clock(),
        name=name,
        kind=kind,
        every_seconds=parse_interval(every),
        allow_private=allow_private,
    )
    err.print(f"watching source {source.id}: {source.url} every {format_interval(source.every_seconds)}")


@sources.command("list")
@click.option("--db", default=DEFAULT_URL, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_sources(db: str, fmt: str) -> None:
    """List watched sources with their schedule, article count and last error.

    Example: eventwatch sources list
    """
    found = sources_mod.list_sources(Store(db))
    if fmt == "json":
        click.echo(json.dumps([_source_dict(source) for source in found], indent=2))
        return
    columns = [
        "id",
        "name",
        "kind",
        "every",
        "articles",
        "last ok",
        "next poll",
        "failures",
        "last error",
        "url",
    ]
    rows = [
        [
            s.id,
            s.name,
            s.kind,
            format_interval(s.every_seconds),
            s.articles,
            s.last_ok_at,
            s.next_poll_at,
            s.failures,
            s.last_error,
            s.url,
        ]
        for s in found
    ]
    _console().print(_table(f"{len(found)} source(s)", columns, rows))


def _source_dict(source: sources_mod.Source) -> dict[str, Any]:
    return asdict(source)


@sources.command("remove")
@click.argument("source")
@click.option("--db", default=DEFAULT_URL, show_default=True)
def remove_source(source: str, db: str) -> None:
    """Stop watching SOURCE (its id, URL or name); documents already stored stay.

    Example: eventwatch sources remove 3
    """
    removed = sources_mod.remove_source(Store(db), source)
    err.print(f"removed source {removed.id}: {removed.url}")


def _summary(report: PollReport) -> str:
    return (
        f"polled {report.polled} source(s) ({report.failed_sources} failed); stored {report.stored} new "
        f"article(s), {report.duplicates} duplicate(s), {report.skipped} skipped, {report.failed_articles} "
        f"failed; {report.alerts_fired} alert(s) fired, {report.delivered} delivered, "
        f"{report.undelivered} to retry"
    )


def _report_round(report: PollReport, *, always: bool = False) -> None:
    # A quiet round (nothing due, nothing to deliver) prints nothing, so the log stays readable.
    if always or report.polled or report.alerts_fired or report.delivered or report.undelivered:
        stamp = system_clock().strftime("%Y-%m-%d %H:%M:%S")
        err.print(f"{stamp} {_summary(report)}", soft_wrap=True, markup=False, highlight=False)
    for error in report.errors:
        err.print(error, soft_wrap=True, markup=False, highlight=False, style="yellow")


@click.command()
@click.option("--once", is_flag=True, help="Poll what is due once and exit (for cron).")
@click.option("--db", default=DEFAULT_URL, show_default=True)
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=True)
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for a server.")
@click.option("--max-bytes", default=5_000_000, show_default=True, help="Largest response read.")
@click.option("--host-delay", default=1.0, show_default=True, help="Seconds between requests to one host.")
@click.option("--max-items", default=50, show_default=True, help="New articles taken per source per poll.")
@click.option("--tick", default=30.0, show_default=True, help="Longest sleep between rounds, in seconds.")
@click.pass_context
def watch(
    ctx: click.Context,
    once: bool,
    db: str,
    user_agent: str,
    timeout: float,
    max_bytes: int,
    host_delay: float,
    max_items: int,
    tick: float,
) -> None:
    """Poll the sources that are due, store new articles with their events, and fire alerts.

    Runs until SIGTERM or Ctrl-C (finishing the article in hand; a second one stops at once),
    or once with --once. Webhook bodies are signed (X-Eventwatch-Signature: sha256=HMAC) when
    EVENTWATCH_WEBHOOK_SECRET is set.

    Example: eventwatch watch --once --db events.db
    """
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            # Asked twice: stop at once. The open transaction, if any, is rolled back.
            raise KeyboardInterrupt
        err.print(
            f"stopping after the current article ({signal.Signals(signum).name}; again to stop at once)"
        )
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    settings = FetchSettings(
        user_agent=user_agent,
        timeout=timeout,
        total_timeout=max(timeout * 3, timeout),
        max_bytes=max_bytes,
        host_delay=host_delay,
    )
    config = (ctx.obj or {}).get("config")
    delivery = outbox.DeliverySettings(user_agent=user_agent, secret=os.environ.get(SECRET_ENV) or None)
    watcher = Watcher(
        Store(db), config=config, fetch=settings, delivery=delivery, stop=stop, max_items=max_items
    )
    try:
        if once:
            _report_round(watcher.run_once(), always=True)
        else:
            err.print(f"watching {len(sources_mod.list_sources(watcher.store))} source(s); SIGTERM stops")
            watcher.run(tick=tick, on_round=_report_round)
            err.print("stopped cleanly")
    finally:
        watcher.close()


@click.group()
def alerts() -> None:
    """Saved queries that notify a webhook or a JSONL file once per new matching event."""


@alerts.command("add")
@click.option("--name", help="A name for the alert, sent with each notification.")
@click.option("--type", "event_type", help="Event type, e.g. desertion.")
@click.option("--country", help="Country of the event's place: ISO3 or a name.")
@click.option("--actor", help="Words about an actor: 'Belarusian army'.")
@click.option("--place", help="Words of the place name.")
@click.option("--text", help="Words in the evidence sentence or title.")
@click.option("--status", help="occurred, planned, negated, ...")
@click.option("--webhook", help="POST each notification as JSON to this URL.")
@click.option(
    "--file", "path", type=click.Path(dir_okay=False), help="Append each notification to this JSONL file."
)
@click.option("--allow-private", is_flag=True, help="Allow a webhook on a loopback/private network.")
@click.option("--db", default=DEFAULT_URL, show_default=True)
def add_alert(
    name: str | None,
    event_type: str | None,
    country: str | None,
    actor: str | None,
    place: str | None,
    text: str | None,
    status: str | None,
    webhook: str | None,
    path: str | None,
    allow_private: bool,
    db: str,
) -> None:
    """Notify once per new event matching every condition given.

    Example: eventwatch alerts add --type desertion --actor "Belarusian army" --file alerts.jsonl
    """
    query = AlertQuery.build(
        type=event_type, country=country, actor=actor, place=place, text=text, status=status
    )
    alert = alerts_mod.add_alert(
        Store(db),
        query,
        now=system_clock(),
        name=name,
        webhook=webhook,
        file=path,
        allow_private=allow_private,
    )
    err.print(f"alert {alert.id}: {json.dumps(alert.query.to_dict())} -> {alert.destination} {alert.target}")


@alerts.command("list")
@click.option("--db", default=DEFAULT_URL, show_default=True)
def list_alerts(db: str) -> None:
    """List alerts and how many notifications wait for delivery.

    Example: eventwatch alerts list
    """
    store = Store(db)
    found = alerts_mod.list_alerts(store)
    rows = [[a.id, a.name, json.dumps(a.query.to_dict()), a.destination, a.target] for a in found]
    _console().print(
        _table(
            f"{len(found)} alert(s), {outbox.pending(store)} notification(s) waiting",
            ["id", "name", "query", "to", "target"],
            rows,
        )
    )


@alerts.command("remove")
@click.argument("alert_id", type=int)
@click.option("--db", default=DEFAULT_URL, show_default=True)
def remove_alert(alert_id: int, db: str) -> None:
    """Delete alert ALERT_ID and its undelivered notifications.

    Example: eventwatch alerts remove 2
    """
    removed = alerts_mod.remove_alert(Store(db), alert_id)
    err.print(f"removed alert {removed.id}")
