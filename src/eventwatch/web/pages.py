"""Server-rendered HTML pages: the event list (filters, timeline, map), an event, documents."""

from __future__ import annotations

import dataclasses
import math
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ..document import STATUSES
from ..export import FORMATS
from ..render import mention_row
from ..store import EventFilter, Store
from . import clusters, queries
from .app import event_filter, templates
from .charts import timeline_svg
from .highlight import document_marks, event_marks, segments

__all__ = ["router", "safe_url"]

router = APIRouter(include_in_schema=False)
Filter = Annotated[EventFilter, Depends(event_filter)]


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None: hostile documents may carry ``javascript:`` URLs."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


templates.env.filters["safe_url"] = safe_url


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    settings = request.app.state.settings
    response: HTMLResponse = templates.TemplateResponse(request, name, {"settings": settings, **context})
    return response


def _filter_params(flt: EventFilter) -> list[tuple[str, str]]:
    params = [("type", t) for t in flt.types]
    for key in ("since", "until", "country", "status", "q"):
        value = getattr(flt, key)
        if value:
            params.append((key, str(value)))
    return params


@router.get("/", response_class=HTMLResponse)
def index(request: Request, flt: Filter, page: int = Query(1, ge=1, le=100_000)) -> HTMLResponse:
    store = _store(request)
    size = request.app.state.settings.page_size
    rows = store.mentions(dataclasses.replace(flt, limit=size, offset=(page - 1) * size))
    total, total_capped = queries.total(store, flt)
    stats = queries.stats(store, flt)
    reports = clusters.reports_by_mention(store, [row["id"] for row in rows])
    params = _filter_params(flt)
    return _render(
        request,
        "index.html",
        flt=flt,
        rows=[
            {
                **mention_row({**row["data"], "id": row["id"]}),
                "reports": reports.get(row["id"], 1),
                "title": row["title"] or row["doc_id"],
                "document_id": row["document_id"],
            }
            for row in rows
        ],
        total=total,
        total_capped=total_capped,
        page=page,
        pages=max(1, math.ceil(total / size)),
        query=urlencode(params),
        page_query=lambda n: urlencode([*params, ("page", str(n))]),
        facets=queries.facets(store),
        statuses=STATUSES,
        chart=timeline_svg(stats),
        stats=stats,
        formats=FORMATS,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int) -> HTMLResponse:
    store = _store(request)
    row = store.mention(event_id)
    event = row["data"]
    evidence = [
        segments(span["text"], event_marks(event, span), offset=span["start"])
        for span in event.get("evidence") or []
    ]
    others = [
        r
        for r in store.mentions(EventFilter(document_id=row["document_id"], limit=1000))
        if r["id"] != event_id
    ]
    return _render(
        request,
        "event.html",
        row=row,
        event=event,
        summary=mention_row({**event, "id": event_id}),
        evidence=evidence,
        others=[mention_row({**r["data"], "id": r["id"]}) for r in others],
        cluster=clusters.cluster_of(store, event_id),
        reports=clusters.reports_by_mention(store, [event_id]).get(event_id, 1),
    )


def _cluster_summary(row: dict[str, Any]) -> dict[str, str]:
    """A readable row for a canonical event, from its lifted columns and its ``data`` summary."""
    data = row.get("data") or {}
    place = (
        data.get("place") or data.get("location") or {"name": row.get("place"), "country": row.get("country")}
    )
    quantities = data.get("quantities") or {
        key: data.get(key, row.get(key)) for key in ("fatalities", "injured", "participants")
    }
    event = {
        "id": row["id"],
        "type": row["type"],
        "date": data.get("date") or {"start": row.get("date_start"), "end": row.get("date_end")},
        "location": place,
        "actors": data.get("actors") or [],
        "quantities": quantities,
        "status": row.get("status") or "",
    }
    return mention_row(event)


@router.get("/clusters", response_class=HTMLResponse)
def clusters_page(
    request: Request,
    flt: Filter,
    page: int = Query(1, ge=1, le=100_000),
    min_reports: int = Query(1, ge=1, le=10_000),
) -> HTMLResponse:
    store = _store(request)
    size = request.app.state.settings.page_size
    rows = []
    if clusters.available(store):
        # One row more than a page says whether there is a next page.
        window = dataclasses.replace(flt, limit=size + 1, offset=(page - 1) * size)
        rows = clusters.list_clusters(store, window, min_reports=min_reports)
    params = [*_filter_params(flt), ("min_reports", str(min_reports))]
    return _render(
        request,
        "clusters.html",
        flt=flt,
        available=clusters.available(store),
        rows=[{**row, "summary": _cluster_summary(row)} for row in rows[:size]],
        more=len(rows) > size,
        page=page,
        min_reports=min_reports,
        facets=queries.facets(store),
        page_query=lambda n: urlencode([*params, ("page", str(n))]),
    )


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(request: Request, cluster_id: int) -> HTMLResponse:
    detail = clusters.cluster_detail(_store(request), cluster_id)
    reports = []
    for mention in detail["mentions"]:
        event = mention.get("event") or {}
        reports.append(
            {
                **mention,
                "evidence_segments": [
                    segments(span["text"], event_marks(event, span), offset=span["start"])
                    for span in event.get("evidence") or []
                ],
            }
        )
    return _render(
        request,
        "cluster.html",
        cluster=detail,
        summary=_cluster_summary(detail),
        reports=reports,
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request, page: int = Query(1, ge=1, le=100_000), q: str | None = Query(None, max_length=200)
) -> HTMLResponse:
    size = request.app.state.settings.page_size
    rows, total = queries.document_rows(_store(request), limit=size, offset=(page - 1) * size, q=q or None)
    return _render(
        request,
        "documents.html",
        rows=rows,
        total=total,
        page=page,
        q=q or "",
        pages=max(1, math.ceil(total / size)),
        page_query=lambda n: urlencode([*([("q", q)] if q else []), ("page", str(n))]),
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int) -> HTMLResponse:
    store = _store(request)
    doc = store.document(document_id)
    rows = sorted(
        store.mentions(EventFilter(document_id=document_id, limit=10_000)), key=lambda r: r["ordinal"]
    )
    marks = document_marks([(r["id"], r["data"]) for r in rows])
    return _render(
        request,
        "document.html",
        doc=doc,
        document_id=document_id,
        text=segments(doc.text, marks),
        events=[mention_row({**r["data"], "id": r["id"]}) for r in rows],
    )


@router.get("/about", response_class=HTMLResponse)
def about(request: Request) -> HTMLResponse:
    return _render(request, "about.html")
