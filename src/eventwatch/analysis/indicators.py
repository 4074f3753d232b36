"""Indicators: a named saved query over canonical events, counted per day, week or month.

An event counts once, in the period of its start date, when any of its reports matches the
query (the same conditions as alerts: type, country, actor, place, text, status). A threshold
turns the indicator into an alarm: the first period whose count reaches it sends one
notification through an alert's destination (webhook or JSONL file), via the alert outbox so a
receiver that is down loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..dates.calendar import next_period, period_start
from ..errors import EventwatchError
from ..store import Store, insert_id, utc_now
from ..store.analysis_schema import indicators
from ..store.clusters_schema import cluster_members, clusters
from ..store.schema import documents, mentions
from .query import EventQuery

__all__ = [
    "INTERVALS",
    "Indicator",
    "add_from_template",
    "add_indicator",
    "check_thresholds",
    "get_indicator",
    "list_indicators",
    "matching_events",
    "period_of",
    "remove_indicator",
    "series",
    "templates",
]

INTERVALS = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class Indicator:
    """A stored indicator."""

    id: int
    name: str
    description: str | None
    queries: tuple[EventQuery, ...]
    interval: str
    threshold: float | None
    alert_id: int | None
    last_alerted_period: str | None

    @classmethod
    def from_row(cls, row: Any) -> Indicator:
        """From an ``indicators`` row."""
        return cls(
            id=int(row.id),
            name=row.name,
            description=row.description,
            queries=tuple(EventQuery.from_dict(q) for q in row.query),
            interval=row.interval,
            threshold=row.threshold,
            alert_id=row.alert_id,
            last_alerted_period=row.last_alerted_period,
        )


def period_of(day: str, interval: str) -> str:
    """The first day of the period (day, ISO week from Monday, or month) that ``day`` falls in."""
    if interval not in INTERVALS:
        raise EventwatchError("E1201", interval=interval, known=", ".join(INTERVALS))
    return period_start(dt.date.fromisoformat(day), interval).isoformat()


def add_indicator(
    store: Store,
    *,
    name: str,
    queries: Sequence[EventQuery],
    interval: str = "week",
    description: str | None = None,
    threshold: float | None = None,
    alert_id: int | None = None,
) -> Indicator:
    """Save an indicator (an event counts if it matches any of ``queries``).

    E1201 for an unknown interval, E1202 if the name is taken, E1203 if a query is empty.
    """
    period_of("2024-01-01", interval)
    if not queries or any(query.empty for query in queries):
        raise EventwatchError("E1203", name=name)
    try:
        with store.engine.begin() as connection:
            new_id = insert_id(
                connection,
                insert(indicators).values(
                    name=name,
                    description=description,
                    query=[query.to_dict() for query in queries],
                    interval=interval,
                    threshold=threshold,
                    alert_id=alert_id,
                    created_at=utc_now(),
                ),
            )
    except IntegrityError:
        raise EventwatchError("E1202", name=name) from None
    return get_indicator(store, new_id)


def get_indicator(store: Store, ref: int | str) -> Indicator:
    """An indicator by id or name; E1204 if there is none."""
    column = indicators.c.id if isinstance(ref, int) or str(ref).isdigit() else indicators.c.name
    value: int | str = int(ref) if column is indicators.c.id else str(ref)
    with store.engine.connect() as connection:
        row = connection.execute(select(indicators).where(column == value)).first()
    if row is None:
        raise EventwatchError("E1204", ref=ref)
    return Indicator.from_row(row)


def list_indicators(store: Store) -> list[Indicator]:
    """Every indicator, by name."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(indicators).order_by(indicators.c.name)).all()
    return [Indicator.from_row(row) for row in rows]


def remove_indicator(store: Store, ref: int | str) -> Indicator:
    """Delete an indicator (and the board items that cite it)."""
    indicator = get_indicator(store, ref)
    with store.engine.begin() as connection:
        connection.execute(delete(indicators).where(indicators.c.id == indicator.id))
    return indicator


def matching_events(
    store: Store, queries: Sequence[EventQuery], *, since: str | None = None, until: str | None = None
) -> Iterator[dict[str, Any]]:
    """Canonical events (``clusters`` rows) with at least one report matching any of ``queries``."""
    conditions: list[Any] = []
    types = {query.type for query in queries}
    if None not in types:
        conditions.append(clusters.c.type.in_(sorted(t for t in types if t)))
    if since:
        conditions.append(clusters.c.date_start >= since)
    if until:
        conditions.append(clusters.c.date_start <= until)
    rows = (
        select(clusters.c.id.label("cluster_id"), mentions, documents.c.title)
        .join(cluster_members, cluster_members.c.cluster_id == clusters.c.id)
        .join(mentions, mentions.c.id == cluster_members.c.mention_id)
        .join(documents, documents.c.id == mentions.c.document_id)
        .where(*conditions)
        .order_by(clusters.c.id)
    )
    seen: set[int] = set()
    with store.engine.connect() as connection:
        hits = [
            row.cluster_id
            for row in connection.execute(rows)
            if any(query.matches(dict(row._mapping)) for query in queries)
        ]
        for cluster_id in hits:
            if cluster_id in seen:
                continue
            seen.add(cluster_id)
            event = connection.execute(select(clusters).where(clusters.c.id == cluster_id)).first()
            if event is not None:
                yield dict(event._mapping)


def series(
    store: Store, indicator: Indicator, *, since: str | None = None, until: str | None = None
) -> list[tuple[str, int]]:
    """(period start, number of canonical events) for every period from the first to the last.

    Periods with no events are included as 0, so the series can be charted as it is.
    """
    counts: Counter[str] = Counter()
    for event in matching_events(store, indicator.queries, since=since, until=until):
        if event["date_start"]:
            counts[period_of(event["date_start"], indicator.interval)] += 1
    if not counts:
        return []
    first = dt.date.fromisoformat(period_of(since, indicator.interval) if since else min(counts))
    last = dt.date.fromisoformat(period_of(until, indicator.interval) if until else max(counts))
    out: list[tuple[str, int]] = []
    while first <= last:
        out.append((first.isoformat(), counts.get(first.isoformat(), 0)))
        first = next_period(first, indicator.interval)
    return out


def check_thresholds(store: Store, *, today: str | None = None) -> list[tuple[Indicator, str, int]]:
    """Queue one notification per indicator whose current period reached its threshold.

    The notification goes into the alert outbox of the indicator's alert (``alert_id``) and is
    delivered by ``eventwatch watch`` like any alert; a period alarms once. Returns what fired.
    """
    from ..watch.schema import outbox

    now = utc_now()
    day = today or dt.date.today().isoformat()
    fired: list[tuple[Indicator, str, int]] = []
    for indicator in list_indicators(store):
        if indicator.threshold is None or indicator.alert_id is None:
            continue
        period = period_of(day, indicator.interval)
        if indicator.last_alerted_period == period:
            continue
        count = dict(series(store, indicator, since=period, until=day)).get(period, 0)
        if count < indicator.threshold:
            continue
        payload = {
            "indicator": {
                "id": indicator.id,
                "name": indicator.name,
                "queries": [q.to_dict() for q in indicator.queries],
            },
            "period": period,
            "interval": indicator.interval,
            "count": count,
            "threshold": indicator.threshold,
            "fired_at": now,
        }
        with store.engine.begin() as connection:
            connection.execute(
                insert(outbox).values(
                    alert_id=indicator.alert_id,
                    payload=payload,
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
            connection.execute(
                update(indicators).where(indicators.c.id == indicator.id).values(last_alerted_period=period)
            )
        fired.append((indicator, period, count))
    return fired


def templates() -> dict[str, Mapping[str, Any]]:
    """The documented indicator templates shipped in ``data/indicator_templates.yaml``."""
    text = resources.files("eventwatch.data").joinpath("indicator_templates.yaml").read_text("utf-8")
    data: dict[str, Mapping[str, Any]] = yaml.safe_load(text)
    return data


def add_from_template(
    store: Store,
    template: str,
    *,
    params: Mapping[str, str],
    name: str | None = None,
    threshold: float | None = None,
    alert_id: int | None = None,
) -> Indicator:
    """Save an indicator from a shipped template with its ``{placeholders}`` filled (E1205 if unknown)."""
    known = templates()
    if template not in known:
        raise EventwatchError("E1205", name=template, known=", ".join(sorted(known)))
    spec = known[template]

    def fill(value: str) -> str:
        try:
            return value.format(**params)
        except KeyError as exc:
            raise EventwatchError("E1206", name=template, param=exc.args[0]) from None

    queries = [EventQuery.build(**{k: fill(str(v)) for k, v in q.items()}) for q in spec["queries"]]
    default_name = f"{template} " + " ".join(f"{k}={v}" for k, v in sorted(params.items()))
    return add_indicator(
        store,
        name=name or default_name.strip(),
        queries=queries,
        interval=str(spec.get("interval", "week")),
        description=fill(str(spec.get("description", ""))) or None,
        threshold=threshold,
        alert_id=alert_id,
    )
