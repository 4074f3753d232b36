"""Competing-hypotheses boards in the store: hypotheses, evidence items, ratings with history, rules.

Every rating is appended, never overwritten: the latest per (item, hypothesis) is current and
the rest is the history of who changed what, when and why. Rules rate newly matching canonical
events automatically (``changed_by = "rule:<id>"``); an analyst's later rating replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError

from ..errors import EventwatchError
from ..store import Store, insert_id, utc_now
from ..store.analysis_schema import boards, evidence_items, hypotheses, indicators, ratings, rules
from ..store.clusters_schema import cluster_members, clusters
from . import ach
from .indicators import matching_events
from .query import EventQuery

__all__ = [
    "Board",
    "Item",
    "Matrix",
    "add_event_item",
    "add_hypothesis",
    "add_indicator_item",
    "add_rule",
    "apply_rules",
    "board_items",
    "create_board",
    "get_board",
    "list_boards",
    "matrix",
    "rate",
    "rating_log",
]


@dataclass(frozen=True, slots=True)
class Board:
    """A board and its hypotheses as (id, label, text)."""

    id: int
    name: str
    question: str | None
    hypotheses: list[tuple[int, str, str]]


@dataclass(slots=True)
class Item:
    """An evidence item as the matrix shows it."""

    id: int
    kind: str
    title: str
    weight: float
    added_at: str
    added_by: str
    event_id: int | None = None
    event_key: str | None = None
    indicator_id: int | None = None
    reports: int = 0
    sources: int = 0
    ratings: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    diagnosticity: float = 0.0
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Matrix:
    """The board's matrix: items × hypotheses, the ranking, and how it moved over time."""

    board: Board
    items: list[Item]
    ranking: list[ach.Ranked]
    history: list[tuple[str, list[ach.Ranked]]]


def create_board(store: Store, *, name: str, question: str | None = None) -> Board:
    """A new, empty board; E1210 if the name is taken."""
    try:
        with store.engine.begin() as connection:
            board_id = insert_id(
                connection, insert(boards).values(name=name, question=question, created_at=utc_now())
            )
    except IntegrityError:
        raise EventwatchError("E1210", name=name) from None
    return get_board(store, board_id)


def get_board(store: Store, ref: int | str) -> Board:
    """A board by id or name; E1211 if there is none."""
    by_id = isinstance(ref, int) or str(ref).isdigit()
    condition = boards.c.id == int(ref) if by_id else boards.c.name == str(ref)
    with store.engine.connect() as connection:
        row = connection.execute(select(boards).where(condition)).first()
        if row is None:
            raise EventwatchError("E1211", ref=ref)
        hyps = connection.execute(
            select(hypotheses.c.id, hypotheses.c.label, hypotheses.c.text)
            .where(hypotheses.c.board_id == row.id)
            .order_by(hypotheses.c.id)
        ).all()
    return Board(int(row.id), row.name, row.question, [(int(h.id), h.label, h.text) for h in hyps])


def list_boards(store: Store) -> list[Board]:
    """Every board, by name."""
    with store.engine.connect() as connection:
        ids = connection.execute(select(boards.c.id).order_by(boards.c.name)).scalars().all()
    return [get_board(store, int(i)) for i in ids]


def add_hypothesis(store: Store, board: Board, text: str, *, label: str | None = None) -> int:
    """Add a hypothesis (labelled H1, H2, ... unless ``label`` is given); returns its id."""
    with store.engine.begin() as connection:
        count = connection.execute(
            select(func.count()).select_from(hypotheses).where(hypotheses.c.board_id == board.id)
        ).scalar()
        label = label or f"H{int(count or 0) + 1}"
        return insert_id(connection, insert(hypotheses).values(board_id=board.id, label=label, text=text))


def _event_key(connection: Connection, event_id: int) -> str:
    key = connection.execute(
        select(cluster_members.c.mention_key)
        .where(cluster_members.c.cluster_id == event_id)
        .order_by(cluster_members.c.mention_key)
        .limit(1)
    ).scalar()
    if key is None:
        raise EventwatchError("E1212", event_id=event_id)
    return str(key)


def _event_of_key(connection: Connection, key: str | None) -> int | None:
    if key is None:
        return None
    found = connection.execute(
        select(cluster_members.c.cluster_id).where(cluster_members.c.mention_key == key)
    ).scalar()
    return int(found) if found is not None else None


def _insert_item(connection: Connection, board: Board, *, by: str, **values: Any) -> int:
    return insert_id(
        connection,
        insert(evidence_items).values(board_id=board.id, added_at=utc_now(), added_by=by, **values),
    )


def add_event_item(
    store: Store, board: Board, event_id: int, *, weight: float = 1.0, by: str = "analyst"
) -> int:
    """Add a canonical event as evidence (E1212 if there is no such event); returns the item id.

    The item remembers the event by the key of one of its reports, so it follows the event
    through reclustering.
    """
    with store.engine.begin() as connection:
        key = _event_key(connection, event_id)
        existing = connection.execute(
            select(evidence_items.c.id).where(
                evidence_items.c.board_id == board.id, evidence_items.c.event_key == key
            )
        ).scalar()
        if existing is not None:
            return int(existing)
        event = connection.execute(select(clusters).where(clusters.c.id == event_id)).first()
        title = _event_title(dict(event._mapping)) if event is not None else f"event {event_id}"
        return _insert_item(connection, board, by=by, kind="event", event_key=key, title=title, weight=weight)


def _event_title(event: dict[str, Any]) -> str:
    where = f" in {event['place']}" if event.get("place") else ""
    when = f" on {event['date_start']}" if event.get("date_start") else ""
    return f"{event['type']}{where}{when}"


def add_indicator_item(
    store: Store, board: Board, indicator_id: int, *, weight: float = 1.0, by: str = "analyst"
) -> int:
    """Add an indicator as evidence; returns the item id."""
    with store.engine.begin() as connection:
        name = connection.execute(select(indicators.c.name).where(indicators.c.id == indicator_id)).scalar()
        if name is None:
            raise EventwatchError("E1204", ref=indicator_id)
        return _insert_item(
            connection,
            board,
            by=by,
            kind="indicator",
            indicator_id=indicator_id,
            title=f"indicator: {name}",
            weight=weight,
        )


def rate(
    store: Store,
    board: Board,
    item_id: int,
    hypothesis: int | str,
    code: str,
    *,
    by: str,
    why: str | None = None,
    note: str | None = None,
) -> None:
    """Rate an item against a hypothesis (id or label); the change is kept with who, when and why."""
    if code not in ach.RATINGS:
        _bad_rating(code)
    hypothesis_id = _hypothesis_id(board, hypothesis)
    with store.engine.begin() as connection:
        owner = connection.execute(
            select(evidence_items.c.board_id).where(evidence_items.c.id == item_id)
        ).scalar()
        if owner != board.id:
            raise EventwatchError("E1214", item_id=item_id, board=board.name)
        connection.execute(
            insert(ratings).values(
                item_id=item_id,
                hypothesis_id=hypothesis_id,
                code=code,
                note=note,
                changed_by=by,
                changed_at=utc_now(),
                why=why,
            )
        )


def _bad_rating(code: str) -> None:
    raise EventwatchError("E1213", rating=code, known=", ".join(ach.RATINGS))


def _hypothesis_id(board: Board, hypothesis: int | str) -> int:
    for hyp_id, label, _ in board.hypotheses:
        if hypothesis in (hyp_id, label) or str(hypothesis) == str(hyp_id):
            return hyp_id
    raise EventwatchError(
        "E1215",
        hypothesis=hypothesis,
        board=board.name,
        known=", ".join(label for _, label, _ in board.hypotheses),
    )


def add_rule(
    store: Store,
    board: Board,
    query: EventQuery,
    hypothesis: int | str,
    code: str,
    *,
    weight: float = 1.0,
    note: str | None = None,
) -> int:
    """Rate every new canonical event matching ``query`` as ``code`` against ``hypothesis``."""
    if code not in ach.RATINGS:
        _bad_rating(code)
    if query.empty:
        raise EventwatchError("E1203", name=f"rule on board {board.name}")
    hypothesis_id = _hypothesis_id(board, hypothesis)
    with store.engine.begin() as connection:
        return insert_id(
            connection,
            insert(rules).values(
                board_id=board.id,
                query=query.to_dict(),
                hypothesis_id=hypothesis_id,
                code=code,
                weight=weight,
                note=note,
                created_at=utc_now(),
            ),
        )


def apply_rules(store: Store, board: Board) -> int:
    """Link canonical events matching the board's rules as items with the rules' default ratings.

    An event already on the board keeps its ratings; returns how many ratings were added.
    """
    with store.engine.connect() as connection:
        board_rules = connection.execute(
            select(rules).where(rules.c.board_id == board.id).order_by(rules.c.id)
        ).all()
    added = 0
    for rule in board_rules:
        query = EventQuery.from_dict(rule.query)
        for event in matching_events(store, [query]):
            with store.engine.begin() as connection:
                key = _event_key(connection, int(event["id"]))
                item_id = connection.execute(
                    select(evidence_items.c.id).where(
                        evidence_items.c.board_id == board.id, evidence_items.c.event_key == key
                    )
                ).scalar()
                if item_id is None:
                    item_id = _insert_item(
                        connection,
                        board,
                        by=f"rule:{rule.id}",
                        kind="event",
                        event_key=key,
                        title=_event_title(event),
                        weight=rule.weight,
                    )
                rated = connection.execute(
                    select(ratings.c.id).where(
                        ratings.c.item_id == item_id, ratings.c.hypothesis_id == rule.hypothesis_id
                    )
                ).first()
                if rated is not None:
                    continue
                connection.execute(
                    insert(ratings).values(
                        item_id=item_id,
                        hypothesis_id=rule.hypothesis_id,
                        code=rule.code,
                        note=rule.note,
                        changed_by=f"rule:{rule.id}",
                        changed_at=utc_now(),
                        why="default rating from a board rule",
                    )
                )
                added += 1
    return added


def rating_log(store: Store, board: Board) -> list[dict[str, Any]]:
    """Every rating ever given on the board, oldest first."""
    query = (
        select(ratings, evidence_items.c.title, hypotheses.c.label)
        .join(evidence_items, evidence_items.c.id == ratings.c.item_id)
        .join(hypotheses, hypotheses.c.id == ratings.c.hypothesis_id)
        .where(evidence_items.c.board_id == board.id)
        .order_by(ratings.c.changed_at, ratings.c.id)
    )
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def matrix(store: Store, board: Board) -> Matrix:
    """The board's matrix with current ratings, diagnosticity, source counts, ranking and history."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(evidence_items)
            .where(evidence_items.c.board_id == board.id)
            .order_by(evidence_items.c.added_at, evidence_items.c.id)
        ).all()
        items: dict[int, Item] = {}
        for row in rows:
            item = Item(
                id=int(row.id),
                kind=row.kind,
                title=row.title,
                weight=float(row.weight),
                added_at=row.added_at,
                added_by=row.added_by,
                event_key=row.event_key,
                indicator_id=row.indicator_id,
            )
            item.event_id = _event_of_key(connection, row.event_key)
            if item.event_id is not None:
                event = connection.execute(select(clusters).where(clusters.c.id == item.event_id)).first()
                if event is not None:
                    item.reports, item.sources = int(event.reports), int(event.sources)
            items[item.id] = item
    log = rating_log(store, board)
    changes = [
        ach.Rating(r["item_id"], r["hypothesis_id"], r["code"], items[r["item_id"]].weight, r["changed_at"])
        for r in log
        if r["item_id"] in items
    ]
    for r in log:
        if r["item_id"] in items:
            items[r["item_id"]].ratings[r["hypothesis_id"]] = (r["code"], r["note"])
    current = ach.current(changes)
    for item_id, score in ach.diagnosticity(current).items():
        items[item_id].diagnosticity = score
    hyp_ids = [h for h, _, _ in board.hypotheses]
    return Matrix(board, list(items.values()), ach.rank(hyp_ids, current), ach.history(hyp_ids, changes))


def board_items(matrix_: Matrix) -> Sequence[Item]:
    """Items most diagnostic first (how the method reads a matrix)."""
    return sorted(matrix_.items, key=lambda item: -item.diagnosticity)
