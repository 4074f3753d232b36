"""Canonical events in the store: mentions clustered by ``eventwatch.dedup``, analyst corrections kept.

``assign_document`` runs after a new document is stored: it gathers the *closed neighbourhood* of
the document's mentions (every stored mention that could link to one of them, repeated until
nothing new comes in) and reclusters that neighbourhood, which gives the same partition as a full
``recluster``. ``merge`` and ``split`` store must-link / cannot-link constraints keyed by content,
so they hold through later ingests and reclusters.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, text, update

from ..dedup import ActorKey, Cluster, Mention, Rules, cluster, load_rules, summarise
from ..dedup.compare import window
from ..errors import EventwatchError
from .clusters_read import cluster_id_of
from .clusters_schema import cluster_constraints, cluster_members, clusters
from .schema import documents, mentions

if TYPE_CHECKING:
    from .store import Store

__all__ = ["ReclusterReport", "assign_document", "merge", "recluster", "split"]

CHUNK = 500
# A neighbourhood larger than this is clustered as gathered so far (``recluster`` is then exact).
MAX_NEIGHBOURHOOD = 20_000


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    items = sorted(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# reading mentions as dedup records -----------------------------------------------------------


def _outlet(url: str | None, source: str | None, doc_id: str) -> str:
    if url and (host := urlsplit(url).hostname):
        return host.removeprefix("www.")
    return source or doc_id


def _anchor(data: dict[str, Any]) -> int:
    trigger = data.get("trigger")
    if trigger:
        return int(trigger["start"])
    evidence = data.get("evidence") or [{"start": 0}]
    return int(evidence[0]["start"])


def _load(connection: Connection, mention_ids: Iterable[int]) -> dict[int, Mention]:
    """Dedup records for ``mention_ids``, keyed by mention id, with content-based keys."""
    wanted = set(mention_ids)
    records: dict[int, Mention] = {}
    for chunk in _chunks(wanted):
        # Whole documents are read: a key needs the document's other mentions to break ties.
        documents_of = select(mentions.c.document_id).where(mentions.c.id.in_(chunk))
        query = (
            select(
                mentions,
                documents.c.content_hash,
                documents.c.published.label("doc_published"),
                documents.c.url,
                documents.c.source,
                documents.c.doc_id,
            )
            .join(documents, documents.c.id == mentions.c.document_id)
            .where(mentions.c.document_id.in_(documents_of))
            .order_by(mentions.c.document_id, mentions.c.ordinal)
        )
        by_doc: dict[int, list[Any]] = defaultdict(list)
        for row in connection.execute(query):
            by_doc[row.document_id].append(row)
        for rows in by_doc.values():
            # Key: text hash + trigger position + type; the ordinal only breaks the rare tie.
            bases = [f"{row.content_hash[:20]}:{_anchor(row.data)}:{row.type}" for row in rows]
            repeated = {base for base, n in Counter(bases).items() if n > 1}
            for row, base in zip(rows, bases, strict=True):
                if row.id in wanted:
                    key = f"{base}#{row.ordinal}" if base in repeated else base
                    records[int(row.id)] = _record(row, key)
    return records


def _record(row: Any, key: str) -> Mention:
    data = row.data
    location = data.get("location") or {}
    return Mention(
        key=key,
        id=int(row.id),
        type=row.type,
        status=row.status,
        date_start=row.date_start,
        date_end=row.date_end,
        precision=row.date_precision or "unknown",
        published=row.doc_published,
        country=row.country,
        admin1=row.admin1,
        place=row.place,
        lat=row.lat,
        lon=row.lon,
        feature=location.get("feature"),
        geonameid=location.get("geonameid"),
        actors=tuple(
            ActorKey(
                role=a.get("role", "other"),
                country=a.get("country"),
                sector=a.get("sector"),
                name=a.get("name") or a.get("text"),
            )
            for a in data.get("actors") or []
        ),
        text=row.evidence,
        source=_outlet(row.url, row.source, row.doc_id),
        document=row.content_hash,
        fatalities=row.fatalities,
        injured=row.injured,
        participants=row.participants,
    )


# the closed neighbourhood ----------------------------------------------------------------------


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(max(1, ordinal)).isoformat()


def _blocking_query(*, placed: bool) -> Any:
    """Stored mentions passing blocking with one mention; built once so its SQL is compiled once."""
    dated = and_(
        mentions.c.date_start.is_not(None),
        mentions.c.date_start <= bindparam("hi"),
        func.coalesce(mentions.c.date_end, mentions.c.date_start) >= bindparam("lo"),
    )
    undated = and_(
        mentions.c.date_start.is_(None),
        documents.c.published >= bindparam("lo"),
        documents.c.published <= bindparam("published_hi"),
    )
    conditions = [mentions.c.type.in_(bindparam("types", expanding=True)), or_(dated, undated)]
    if placed:
        conditions.append(or_(mentions.c.country == bindparam("country"), mentions.c.country.is_(None)))
    return select(mentions.c.id).join(documents, documents.c.id == mentions.c.document_id).where(*conditions)


_BLOCKING = {placed: _blocking_query(placed=placed) for placed in (True, False)}


def _candidates(connection: Connection, batch: Iterable[Mention], rules: Rules) -> set[int]:
    """Ids of stored mentions that pass blocking with any of ``batch`` (a superset of their links)."""
    found: set[int] = set()
    span = rules.max_tolerance
    for mention in batch:
        lo, hi, _ = window(mention, rules)
        if lo is None or hi is None:
            continue
        params = {
            "types": rules.group_types(mention.type),
            "lo": _iso(lo - span),
            "hi": _iso(hi + span),
            "published_hi": _iso(hi + span + rules.undated_days),
        }
        if mention.country:
            params["country"] = mention.country
        query = _BLOCKING[bool(mention.country)]
        found.update(int(n) for n in connection.execute(query, params).scalars())
    return found


Pairs = list[tuple[str, str]]


def _constraints(connection: Connection, keys: Iterable[str]) -> tuple[Pairs, Pairs]:
    must: set[tuple[str, str]] = set()
    cannot: set[tuple[str, str]] = set()
    table = cluster_constraints
    for chunk in _chunks(set(keys)):
        rows = connection.execute(
            select(table.c.kind, table.c.key_a, table.c.key_b).where(
                or_(table.c.key_a.in_(chunk), table.c.key_b.in_(chunk))
            )
        )
        for row in rows:
            (must if row.kind == "must" else cannot).add((row.key_a, row.key_b))
    return sorted(must), sorted(cannot)


def _ids_by_key(connection: Connection, keys: Iterable[str]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(set(keys)):
        found.update(
            connection.execute(
                select(cluster_members.c.mention_id).where(cluster_members.c.mention_key.in_(chunk))
            ).scalars()
        )
    return found


def _cluster_mates(connection: Connection, mention_ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(set(mention_ids)):
        owners = select(cluster_members.c.cluster_id).where(cluster_members.c.mention_id.in_(chunk))
        found.update(
            connection.execute(
                select(cluster_members.c.mention_id).where(cluster_members.c.cluster_id.in_(owners))
            ).scalars()
        )
    return found


def _neighbourhood(
    connection: Connection, seeds: Iterable[int], rules: Rules
) -> tuple[dict[int, Mention], Pairs, Pairs]:
    """Every mention reachable from ``seeds`` by possible links, analyst must-links and current
    clusters, with the analyst constraints that touch them (must, cannot)."""
    known: dict[int, Mention] = {}
    must: set[tuple[str, str]] = set()
    cannot: set[tuple[str, str]] = set()
    frontier = set(seeds)
    while frontier and len(known) < MAX_NEIGHBOURHOOD:
        loaded = _load(connection, frontier)
        known.update(loaded)
        found = _candidates(connection, loaded.values(), rules)
        new_must, new_cannot = _constraints(connection, (m.key for m in loaded.values()))
        must.update(new_must)
        cannot.update(new_cannot)
        found |= _ids_by_key(connection, (key for pair in new_must for key in pair))
        found |= _cluster_mates(connection, loaded)
        frontier = found - known.keys()
    return known, sorted(must), sorted(cannot)


# writing results ---------------------------------------------------------------------------------


def _summary_row(members: Sequence[Mention]) -> dict[str, Any]:
    data = summarise(members)
    place = data["place"] or {}
    return {
        "type": data["type"],
        "status": data["status"],
        "date_start": data["date"]["start"],
        "date_end": data["date"]["end"],
        "date_precision": data["date"]["precision"],
        "country": place.get("country"),
        "place": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "fatalities": data["fatalities"],
        "reports": data["reports"],
        "sources": data["sources"],
        "first_reported": data["first_reported"],
        "last_reported": data["last_reported"],
        "data": data,
        "updated_at": _now(),
    }


def _apply(connection: Connection, records: dict[int, Mention], result: list[Cluster]) -> None:
    """Write ``result`` (a partition of ``records``), keeping old event ids where members stay together."""
    by_key = {m.key: m for m in records.values()}
    old: dict[int, int] = {}
    for chunk in _chunks(records):
        rows = connection.execute(
            select(cluster_members.c.mention_id, cluster_members.c.cluster_id).where(
                cluster_members.c.mention_id.in_(chunk)
            )
        )
        old.update({int(r.mention_id): int(r.cluster_id) for r in rows})
    for chunk in _chunks(records):
        connection.execute(delete(cluster_members).where(cluster_members.c.mention_id.in_(chunk)))
    touched = set(old.values())
    # Events that keep members outside this neighbourhood are left alone (their summary is redone).
    partial: set[int] = set()
    for chunk in _chunks(touched):
        partial.update(
            connection.execute(
                select(cluster_members.c.cluster_id).where(cluster_members.c.cluster_id.in_(chunk)).distinct()
            ).scalars()
        )
    used: set[int] = set(partial)
    updates: list[dict[str, Any]] = []
    members_rows: list[dict[str, Any]] = []
    fresh: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for found in sorted(result, key=lambda c: (-len(c.keys), c.keys[0])):
        members = [by_key[key] for key in found.keys]
        votes = Counter(old[m.id] for m in members if m.id in old and old[m.id] not in used)
        row = _summary_row(members)
        links = [
            {
                "mention_id": m.id,
                "mention_key": m.key,
                "score": found.why[m.key].score,
                "why": found.why[m.key].to_dict(),
            }
            for m in members
        ]
        if not votes:
            fresh.append((row, links))
            continue
        event_id = min(votes, key=lambda n: (-votes[n], n))
        updates.append({**row, "_id": event_id})
        used.add(event_id)
        members_rows.extend({**r, "cluster_id": event_id} for r in links)
    if fresh:
        # One multi-row INSERT ... RETURNING, ids in the order of the rows given.
        returning = insert(clusters).returning(clusters.c.id, sort_by_parameter_order=True)
        ids = connection.execute(returning, [row for row, _ in fresh]).scalars().all()
        for new_id, (_, new_links) in zip(ids, fresh, strict=True):
            members_rows.extend({**r, "cluster_id": int(new_id)} for r in new_links)
    if updates:
        columns: dict[str, Any] = {name: bindparam(name) for name in updates[0] if name != "_id"}
        statement = update(clusters).where(clusters.c.id == bindparam("_id")).values(**columns)
        connection.execute(statement, updates)
    for chunk in _chunks(touched - used):
        connection.execute(delete(clusters).where(clusters.c.id.in_(chunk)))
    if members_rows:
        connection.execute(insert(cluster_members), members_rows)
    for event_id in sorted(partial):
        _refresh(connection, event_id)


def _refresh(connection: Connection, event_id: int) -> None:
    ids = connection.execute(
        select(cluster_members.c.mention_id).where(cluster_members.c.cluster_id == event_id)
    ).scalars()
    members = list(_load(connection, ids).values())
    if members:
        connection.execute(update(clusters).where(clusters.c.id == event_id).values(**_summary_row(members)))
    else:
        connection.execute(delete(clusters).where(clusters.c.id == event_id))


def _recluster_around(connection: Connection, seeds: Iterable[int], rules: Rules) -> None:
    records, must, cannot = _neighbourhood(connection, seeds, rules)
    if not records:
        return
    _apply(connection, records, cluster(list(records.values()), rules=rules, must=must, cannot=cannot))


def _serialise(connection: Connection) -> None:
    """On PostgreSQL, one cluster update at a time: concurrent writers recluster overlapping
    neighbourhoods and would otherwise insert the same cluster_members rows (the lock ends with
    the transaction). SQLite already serialises writers."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CLUSTER_LOCK})


_CLUSTER_LOCK = 0x65766E7478  # advisory lock key ("evntx"); the store's migration lock is "evntw"


# public operations ---------------------------------------------------------------------------------


def assign_document(store: Store, document_id: int, *, rules: Rules | None = None) -> None:
    """Link the mentions of stored document ``document_id`` to canonical events (new or existing)."""
    rules = rules or load_rules()
    with store.engine.begin() as connection:
        _serialise(connection)
        seeds = select(mentions.c.id).where(mentions.c.document_id == document_id)
        _recluster_around(connection, list(connection.execute(seeds).scalars()), rules)


@dataclass(slots=True)
class ReclusterReport:
    """What a full recluster produced."""

    mentions: int
    events: int
    merged: int


def recluster(store: Store, *, rules: Rules | None = None) -> ReclusterReport:
    """Cluster every stored mention again from scratch (analyst constraints applied)."""
    rules = rules or load_rules()
    with store.engine.begin() as connection:
        _serialise(connection)
        ids = list(connection.execute(select(mentions.c.id)).scalars())
        records = _load(connection, ids)
        must, cannot = _constraints(connection, (m.key for m in records.values()))
        result = cluster(list(records.values()), rules=rules, must=must, cannot=cannot)
        _apply(connection, records, result)
        stale = select(cluster_members.c.cluster_id)
        connection.execute(delete(clusters).where(clusters.c.id.not_in(stale)))
    return ReclusterReport(mentions=len(records), events=len(result), merged=len(records) - len(result))


def _members(connection: Connection, event_id: int) -> list[tuple[int, str]]:
    rows = connection.execute(
        select(cluster_members.c.mention_id, cluster_members.c.mention_key)
        .where(cluster_members.c.cluster_id == event_id)
        .order_by(cluster_members.c.mention_key)
    ).all()
    if not rows:
        raise EventwatchError("E802", event_id=event_id)
    return [(int(r.mention_id), str(r.mention_key)) for r in rows]


def _add_constraints(connection: Connection, kind: str, pairs: Iterable[tuple[str, str]]) -> None:
    for a, b in sorted({tuple(sorted(pair)) for pair in pairs if pair[0] != pair[1]}):
        table = cluster_constraints
        found = select(table.c.id).where(table.c.kind == kind, table.c.key_a == a, table.c.key_b == b)
        if connection.execute(found).first() is None:
            connection.execute(insert(table).values(kind=kind, key_a=a, key_b=b, created_at=_now()))


def _drop_constraints(
    connection: Connection, kind: str, keys: set[str], *, touching: str | None = None
) -> None:
    table = cluster_constraints
    for chunk in _chunks(keys):
        condition = and_(table.c.kind == kind, table.c.key_a.in_(chunk), table.c.key_b.in_(chunk))
        if touching is not None:
            condition = and_(condition, or_(table.c.key_a == touching, table.c.key_b == touching))
        connection.execute(delete(table).where(condition))


def merge(store: Store, first: int, second: int, *, rules: Rules | None = None) -> int:
    """Make events ``first`` and ``second`` one event (a stored must-link); returns its id."""
    rules = rules or load_rules()
    with store.engine.begin() as connection:
        _serialise(connection)
        members = _members(connection, first) + ([] if first == second else _members(connection, second))
        keys = sorted(key for _, key in members)
        _drop_constraints(connection, "cannot", set(keys))
        _add_constraints(connection, "must", pairwise(keys))
        _recluster_around(connection, [n for n, _ in members], rules)
    result = cluster_id_of(store, members[0][0])
    assert result is not None
    return result


def split(store: Store, event_id: int, mention_id: int, *, rules: Rules | None = None) -> int:
    """Take mention ``mention_id`` out of event ``event_id`` (stored cannot-links); returns its new event."""
    rules = rules or load_rules()
    with store.engine.begin() as connection:
        _serialise(connection)
        members = _members(connection, event_id)
        keys = dict(members)
        if mention_id not in keys:
            raise EventwatchError("E205", mention_id=mention_id, event_id=event_id)
        if len(members) == 1:
            raise EventwatchError("E803", event_id=event_id)
        key = keys[mention_id]
        others = {k for n, k in members if n != mention_id}
        must, _ = _constraints(connection, [key])
        partners = {k for pair in must for k in pair if k in others}
        _drop_constraints(connection, "must", others | {key}, touching=key)
        # Keep the rest of an earlier analyst merge together without the mention taken out.
        chain = sorted(partners)
        _add_constraints(connection, "must", pairwise(chain))
        _add_constraints(connection, "cannot", ((key, other) for other in others))
        _recluster_around(connection, [n for n, _ in members], rules)
    result = cluster_id_of(store, mention_id)
    assert result is not None
    return result
