"""Watching sources: feeds, sitemaps and pages polled on a schedule, new reports ingested, alerts fired.

The library behind ``eventwatch sources``, ``eventwatch watch`` and ``eventwatch alerts``::

    store = Store("events.db")
    add_source(store, "https://example.org/rss.xml", now=system_clock(), every_seconds=900)
    add_alert(store, AlertQuery.build(type="desertion", actor="Belarusian army"),
              now=system_clock(), file="alerts.jsonl")
    Watcher(store).run_once()
"""

from .alerts import Alert, add_alert, get_alert, list_alerts, remove_alert, scan
from .clock import system_clock
from .fetch import DEFAULT_USER_AGENT, Fetcher, FetchSettings, Response
from .intake import PollReport
from .keys import event_key
from .outbox import DeliverySettings, deliver_due, pending
from .poll import Watcher
from .query import AlertQuery
from .sources import Source, add_source, get_source, list_sources, remove_source
from .urls import canonical_url, format_interval, parse_interval

__all__ = [
    "DEFAULT_USER_AGENT",
    "Alert",
    "AlertQuery",
    "DeliverySettings",
    "FetchSettings",
    "Fetcher",
    "PollReport",
    "Response",
    "Source",
    "Watcher",
    "add_alert",
    "add_source",
    "canonical_url",
    "deliver_due",
    "event_key",
    "format_interval",
    "get_alert",
    "get_source",
    "list_alerts",
    "list_sources",
    "parse_interval",
    "pending",
    "remove_alert",
    "remove_source",
    "scan",
    "system_clock",
]
