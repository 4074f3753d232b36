"""Indicators and competing-hypotheses boards over HTTP: JSON API under ``/api`` and HTML pages.

Thin shells over ``eventwatch.analysis``; writes need the bearer token and are off when read-only.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape
from pydantic import BaseModel, Field

from ..analysis import ach
from ..analysis import boards as board_lib
from ..analysis import indicators as indicator_lib
from ..analysis.query import EventQuery
from ..analysis.report import matrix_csv, report_html
from ..errors import EventwatchError
from ..store import Store
from .api_routes import _authorise
from .app import templates

__all__ = ["api", "pages", "series_svg"]

api = APIRouter(prefix="/api", tags=["analysis"])
pages = APIRouter(include_in_schema=False)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


class QueryBody(BaseModel):
    """Conditions on events; each given one must hold."""

    type: str | None = Field(None, max_length=64)
    country: str | None = Field(None, max_length=64)
    actor: str | None = Field(None, max_length=200)
    actor_country: str | None = Field(None, max_length=64)
    place: str | None = Field(None, max_length=200)
    text: str | None = Field(None, max_length=200)
    status: str | None = Field(None, max_length=16)

    def query(self) -> EventQuery:
        """As an ``EventQuery``."""
        return EventQuery.build(**self.model_dump())


class IndicatorBody(BaseModel):
    """A new indicator: an event counts if it matches any of ``queries``."""

    name: str = Field(..., min_length=1, max_length=200)
    queries: list[QueryBody] = Field(..., min_length=1, max_length=20)
    interval: str = Field("week", pattern="^(day|week|month)$")
    description: str | None = Field(None, max_length=2000)
    threshold: float | None = None
    alert_id: int | None = None


class BoardBody(BaseModel):
    """A new board with its hypotheses (labelled H1, H2, ... in order)."""

    name: str = Field(..., min_length=1, max_length=200)
    question: str | None = Field(None, max_length=2000)
    hypotheses: list[str] = Field(default_factory=list, max_length=20)


class ItemBody(BaseModel):
    """Evidence to add: a canonical event or an indicator."""

    event_id: int | None = None
    indicator: str | None = None
    weight: float = Field(1.0, gt=0, le=10)
    by: str = Field("analyst", min_length=1, max_length=200)


class RatingBody(BaseModel):
    """One rating of an item against a hypothesis; who and why are kept in the history."""

    item_id: int
    hypothesis: str = Field(..., max_length=16)
    rating: str = Field(..., pattern="^(CC|C|N|I|II|NA)$")
    by: str = Field(..., min_length=1, max_length=200)
    why: str | None = Field(None, max_length=2000)
    note: str | None = Field(None, max_length=2000)


class RuleBody(BaseModel):
    """Rate every matching canonical event by default."""

    query: QueryBody
    hypothesis: str = Field(..., max_length=16)
    rating: str = Field(..., pattern="^(CC|C|N|I|II|NA)$")
    weight: float = Field(1.0, gt=0, le=10)
    note: str | None = Field(None, max_length=2000)


def _indicator_json(found: indicator_lib.Indicator) -> dict[str, Any]:
    return {
        "id": found.id,
        "name": found.name,
        "description": found.description,
        "queries": [q.to_dict() for q in found.queries],
        "interval": found.interval,
        "threshold": found.threshold,
        "alert_id": found.alert_id,
    }


def _matrix_json(matrix: board_lib.Matrix) -> dict[str, Any]:
    labels = {h: label for h, label, _ in matrix.board.hypotheses}
    return {
        "id": matrix.board.id,
        "name": matrix.board.name,
        "question": matrix.board.question,
        "hypotheses": [{"id": h, "label": label, "text": text} for h, label, text in matrix.board.hypotheses],
        "ranking": [
            {
                "hypothesis": labels[r.hypothesis],
                "rank": r.rank,
                "against": r.inconsistency,
                "for": r.consistency,
            }
            for r in matrix.ranking
        ],
        "items": [
            {
                "id": item.id,
                "kind": item.kind,
                "title": item.title,
                "event_id": item.event_id,
                "indicator_id": item.indicator_id,
                "weight": item.weight,
                "reports": item.reports,
                "sources": item.sources,
                "diagnosticity": round(item.diagnosticity, 3),
                "ratings": {labels[h]: code for h, (code, _) in item.ratings.items()},
                "added_by": item.added_by,
                "added_at": item.added_at,
            }
            for item in board_lib.board_items(matrix)
        ],
        "history": [
            {
                "at": at,
                "leading": [labels[h] for h in ach.leader(ranked)],
                "against": {labels[r.hypothesis]: r.inconsistency for r in ranked},
            }
            for at, ranked in matrix.history
        ],
    }


# JSON API --------------------------------------------------------------------------------


@api.get("/indicators", summary="List indicators")
def list_indicators(request: Request) -> list[dict[str, Any]]:
    return [_indicator_json(i) for i in indicator_lib.list_indicators(_store(request))]


@api.get("/indicators/{ref}", summary="One indicator with its time series")
def get_indicator(
    request: Request,
    ref: str,
    since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
    until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
) -> dict[str, Any]:
    store = _store(request)
    found = indicator_lib.get_indicator(store, ref)
    points = indicator_lib.series(store, found, since=since, until=until)
    return {**_indicator_json(found), "series": [{"period": p, "events": n} for p, n in points]}


@api.get("/indicators/{ref}/series.csv", summary="An indicator's time series as CSV")
def indicator_csv(request: Request, ref: str) -> Response:
    store = _store(request)
    found = indicator_lib.get_indicator(store, ref)
    lines = ["period_start,events", *(f"{p},{n}" for p, n in indicator_lib.series(store, found))]
    return Response("\n".join(lines) + "\n", media_type="text/csv")


@api.post("/indicators", summary="Save an indicator (bearer token; off when read-only)", status_code=201)
def post_indicator(
    request: Request, body: IndicatorBody, authorization: str | None = Header(None)
) -> dict[str, Any]:
    _authorise(request.app.state.settings, authorization)
    saved = indicator_lib.add_indicator(
        _store(request),
        name=body.name,
        queries=[q.query() for q in body.queries],
        interval=body.interval,
        description=body.description,
        threshold=body.threshold,
        alert_id=body.alert_id,
    )
    return _indicator_json(saved)


@api.get("/boards", summary="List competing-hypotheses boards")
def list_boards(request: Request) -> list[dict[str, Any]]:
    return [
        {"id": b.id, "name": b.name, "question": b.question, "hypotheses": len(b.hypotheses)}
        for b in board_lib.list_boards(_store(request))
    ]


@api.get("/boards/{ref}", summary="A board's matrix, ranking and history")
def get_board(request: Request, ref: str) -> dict[str, Any]:
    store = _store(request)
    return _matrix_json(board_lib.matrix(store, board_lib.get_board(store, ref)))


@api.get("/boards/{ref}/matrix.csv", summary="A board's matrix as CSV")
def board_csv(request: Request, ref: str) -> Response:
    store = _store(request)
    return Response(
        matrix_csv(board_lib.matrix(store, board_lib.get_board(store, ref))), media_type="text/csv"
    )


@api.get("/boards/{ref}/report.html", summary="A board as one self-contained HTML report")
def board_report(request: Request, ref: str) -> HTMLResponse:
    store = _store(request)
    found = board_lib.get_board(store, ref)
    html = report_html(store, board_lib.matrix(store, found), board_lib.rating_log(store, found))
    return HTMLResponse(
        html, headers={"Content-Disposition": f'attachment; filename="board-{found.id}.html"'}
    )


@api.post("/boards", summary="Create a board (bearer token; off when read-only)", status_code=201)
def post_board(request: Request, body: BoardBody, authorization: str | None = Header(None)) -> dict[str, Any]:
    _authorise(request.app.state.settings, authorization)
    store = _store(request)
    created = board_lib.create_board(store, name=body.name, question=body.question)
    for text in body.hypotheses:
        board_lib.add_hypothesis(store, created, text)
    return _matrix_json(board_lib.matrix(store, board_lib.get_board(store, created.id)))


@api.post("/boards/{ref}/items", summary="Add a canonical event or an indicator as evidence", status_code=201)
def post_item(
    request: Request, ref: str, body: ItemBody, authorization: str | None = Header(None)
) -> dict[str, int]:
    _authorise(request.app.state.settings, authorization)
    store = _store(request)
    found = board_lib.get_board(store, ref)
    if (body.event_id is None) == (body.indicator is None):
        raise EventwatchError("E1216")
    if body.event_id is not None:
        item = board_lib.add_event_item(store, found, body.event_id, weight=body.weight, by=body.by)
    else:
        indicator = indicator_lib.get_indicator(store, body.indicator or "")
        item = board_lib.add_indicator_item(store, found, indicator.id, weight=body.weight, by=body.by)
    return {"item_id": item}


@api.post("/boards/{ref}/ratings", summary="Rate an item against a hypothesis", status_code=201)
def post_rating(
    request: Request, ref: str, body: RatingBody, authorization: str | None = Header(None)
) -> dict[str, Any]:
    _authorise(request.app.state.settings, authorization)
    store = _store(request)
    found = board_lib.get_board(store, ref)
    board_lib.rate(
        store, found, body.item_id, body.hypothesis, body.rating, by=body.by, why=body.why, note=body.note
    )
    return _matrix_json(board_lib.matrix(store, found))


@api.post("/boards/{ref}/rules", summary="Rate matching canonical events by default", status_code=201)
def post_rule(
    request: Request, ref: str, body: RuleBody, authorization: str | None = Header(None)
) -> dict[str, int]:
    _authorise(request.app.state.settings, authorization)
    store = _store(request)
    found = board_lib.get_board(store, ref)
    rule = board_lib.add_rule(
        store, found, body.query.query(), body.hypothesis, body.rating, weight=body.weight, note=body.note
    )
    return {"rule_id": rule, "ratings_given": board_lib.apply_rules(store, found)}


# HTML pages ------------------------------------------------------------------------------


def series_svg(points: list[tuple[str, int]], *, width: int = 640, height: int = 200) -> Markup:
    """Bars of an indicator's counts per period, drawn on the server (no script, every label escaped)."""
    if not points:
        return Markup('<p class="muted">No matching events yet.</p>')
    top = max(n for _, n in points) or 1
    left, bottom, plot_h = 30, 30, height - 40
    bar_w = max(2.0, (width - left - 10) / len(points))
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="events per period">']
    parts.append(
        f'<text x="2" y="14" font-size="11">{top}</text><text x="2" y="{height - bottom}" font-size="11">0</text>'
    )
    for index, (period, count) in enumerate(points):
        bar_h = plot_h * count / top
        x = left + index * bar_w
        y = 10 + plot_h - bar_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(1.0, bar_w - 2):.1f}" height="{bar_h:.1f}" fill="#1f77b4">'
            f"<title>{escape(period)}: {count}</title></rect>"
        )
    step = max(1, len(points) // 6)
    for index in range(0, len(points), step):
        x = left + index * bar_w
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="10">{escape(points[index][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    response: HTMLResponse = templates.TemplateResponse(
        request, name, {"settings": request.app.state.settings, **context}
    )
    return response


@pages.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request) -> HTMLResponse:
    store = _store(request)
    rows = []
    for found in indicator_lib.list_indicators(store):
        points = indicator_lib.series(store, found)
        rows.append(
            {"indicator": found, "total": sum(n for _, n in points), "last": points[-1] if points else None}
        )
    return _render(request, "indicators.html", rows=rows, templates_=indicator_lib.templates())


@pages.get("/indicators/{ref}", response_class=HTMLResponse)
def indicator_page(request: Request, ref: str) -> HTMLResponse:
    store = _store(request)
    found = indicator_lib.get_indicator(store, ref)
    points = indicator_lib.series(store, found)
    events = list(indicator_lib.matching_events(store, found.queries))
    events.sort(key=lambda e: e.get("date_start") or "", reverse=True)
    return _render(
        request,
        "indicator.html",
        indicator=found,
        points=points,
        chart=series_svg(points),
        events=events[:200],
    )


@pages.get("/boards", response_class=HTMLResponse)
def boards_page(request: Request) -> HTMLResponse:
    return _render(request, "boards.html", boards=board_lib.list_boards(_store(request)))


@pages.get("/boards/{ref}", response_class=HTMLResponse)
def board_page(request: Request, ref: str) -> HTMLResponse:
    store = _store(request)
    found = board_lib.get_board(store, ref)
    matrix = board_lib.matrix(store, found)
    labels = {h: label for h, label, _ in found.hypotheses}
    return _render(
        request,
        "board.html",
        board=found,
        matrix=matrix,
        items=board_lib.board_items(matrix),
        labels=labels,
        leaders=lambda ranked: ", ".join(labels[h] for h in ach.leader(ranked)),
        by_hypothesis=lambda ranked: {r.hypothesis: r for r in ranked},
        log=board_lib.rating_log(store, found),
    )
