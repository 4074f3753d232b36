"""The JSON API: events, documents, stats, map points, exports and ingest (OpenAPI at /openapi.json)."""

from __future__ import annotations

import dataclasses
import hmac
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from ..errors import EventwatchError
from ..export import FORMATS, MEDIA_TYPES, Redactor, export
from ..export.redact import KEY_ENV
from ..store import EventFilter, Store
from . import clusters, queries
from .app import event_filter
from .settings import TOKEN_ENV, Settings

__all__ = ["mention_json", "router"]

router = APIRouter(prefix="/api", tags=["api"])
Filter = Annotated[EventFilter, Depends(event_filter)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def mention_json(row: dict[str, Any], *, reports: int = 1) -> dict[str, Any]:
    """An event mention as the API returns it: the event, its row id, report count and document."""
    return {
        **row["data"],
        "id": row["id"],
        "event_id": row["data"].get("id"),
        "reports": reports,
        "document": {
            "id": row["document_id"],
            "doc_id": row["doc_id"],
            "title": row["title"],
            "url": row["url"],
        },
    }


@router.get(
    "/events",
    summary="List events (mentions) matching the filters, newest first",
    description="`total` counts every match, except that a free-text (`q`) count stops past 10,000: "
    "then `total` is 10000 and `total_capped` is true (show it as 10000+). The items and paging are not capped.",
)
def list_events(
    request: Request,
    flt: Filter,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    store = _store(request)
    rows = store.mentions(dataclasses.replace(flt, limit=limit, offset=offset))
    reports = clusters.reports_by_mention(store, [row["id"] for row in rows])
    total, capped = queries.total(store, flt)
    return {
        "total": total,
        "total_capped": capped,
        "limit": limit,
        "offset": offset,
        "items": [mention_json(row, reports=reports.get(row["id"], 1)) for row in rows],
    }


@router.get("/events/{event_id}", summary="One event with its evidence and document")
def get_event(request: Request, event_id: int) -> dict[str, Any]:
    store = _store(request)
    row = store.mention(event_id)
    reports = clusters.reports_by_mention(store, [event_id]).get(event_id, 1)
    return {**mention_json(row, reports=reports), "cluster": clusters.cluster_of(store, event_id)}


@router.get("/clusters", summary="List canonical events (deduplicated clusters of mentions), newest first")
def list_canonical(
    request: Request,
    flt: Filter,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    min_reports: int = Query(1, ge=1, description="Only events with at least this many reports."),
) -> dict[str, Any]:
    store = _store(request)
    rows = clusters.list_clusters(
        store, dataclasses.replace(flt, limit=limit, offset=offset), min_reports=min_reports
    )
    total = clusters.count_clusters(store, flt, min_reports=min_reports)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/clusters/{cluster_id}", summary="One canonical event with each of its reports")
def get_canonical(request: Request, cluster_id: int) -> dict[str, Any]:
    return clusters.cluster_detail(_store(request), cluster_id)


@router.get("/documents", summary="List stored documents, newest first")
def list_documents(
    request: Request,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    q: str | None = Query(None, max_length=200, description="Words in the title."),
) -> dict[str, Any]:
    rows, total = queries.document_rows(_store(request), limit=limit, offset=offset, q=q)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/documents/{document_id}", summary="One document: text, metadata and its events")
def get_document(request: Request, document_id: int) -> dict[str, Any]:
    store = _store(request)
    doc = store.document(document_id)
    rows = store.mentions(EventFilter(document_id=document_id, limit=10_000))
    return {
        "id": document_id,
        "doc_id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "published": doc.published,
        "published_source": doc.published_source,
        "language": doc.language,
        "text": doc.text,
        "entities": [dataclasses.asdict(e) for e in doc.entities],
        "events": [mention_json(row) for row in sorted(rows, key=lambda r: r["ordinal"])],
    }


@router.get(
    "/stats",
    summary="Counts of matching events by type, day, week, country and status; a timeline",
    description="Exact for every filter but free text. With `q`, the groupings cover at most the 5,000 most "
    "recently stored matches: then `capped` is true and `total` is the number grouped. `matched` is the number "
    "of matches as the event list's `total` gives it (counted up to 10,000; `matched_capped` true past that).",
)
def get_stats(
    request: Request,
    flt: Filter,
    by_day_type: bool = Query(
        False, description="Also a count per day and type (thousands of rows over years)."
    ),
) -> dict[str, Any]:
    return queries.stats(_store(request), flt, by_day_type=by_day_type)


@router.get("/map", summary="Matching events with coordinates as GeoJSON points, one per place")
def get_map(request: Request, flt: Filter) -> dict[str, Any]:
    points = queries.map_points(_store(request), flt)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                "properties": {k: v for k, v in p.items() if k not in ("lat", "lon")},
            }
            for p in points
        ],
    }


@router.get("/export", summary="Export matching events as CSV, JSON, GeoJSON, ACLED-style CSV or PLOVER JSON")
def get_export(
    request: Request,
    flt: Filter,
    format: str = Query("csv", description=f"One of {', '.join(FORMATS)}."),
    redact_persons: bool = Query(False, description="Replace personal names with keyed pseudonyms."),
    limit: int | None = Query(None, ge=1, le=1_000_000),
) -> Response:
    settings = _settings(request)
    redactor = None
    if redact_persons:
        if not settings.redact_key:
            raise EventwatchError("E901", env=KEY_ENV, minimum=8)
        redactor = Redactor(settings.redact_key)
    out = io.StringIO()
    export(_store(request), format, out, flt=flt, limit=limit, redactor=redactor)
    extension = {"acled": "acled.csv", "plover": "plover.json"}.get(format, format)
    return Response(
        out.getvalue(),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="events.{extension}"'},
    )


class IngestRequest(BaseModel):
    """Exactly one of ``text``, ``url`` or ``jsonl``; the rest describe a posted text."""

    text: str | None = Field(None, description="The article text.")
    url: str | None = Field(None, description="An http(s) URL to fetch (public addresses only).")
    jsonl: str | None = Field(
        None, description="JSON lines, each an object with 'text' (and id, title, ...)."
    )
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, description="Publication date YYYY-MM-DD.")
    id: str | None = Field(None, max_length=512, description="Your id for the posted text.")


# Declared so the OpenAPI schema shows the bearer requirement; checked by ``_authorise``.
bearer = HTTPBearer(auto_error=False, description="The server's EVENTWATCH_TOKEN.")


def _authorise(settings: Settings, credentials: HTTPAuthorizationCredentials | str | None) -> None:
    """E902 when read-only, E903 unless ``credentials`` (or an Authorization header) carry the token."""
    if settings.read_only:
        raise EventwatchError("E902")
    if isinstance(credentials, str):
        scheme, _, token = credentials.partition(" ")
        given = token.strip() if scheme.lower() == "bearer" else ""
    else:
        given = credentials.credentials.strip() if credentials is not None else ""
    if not settings.token or not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise EventwatchError("E903", env=TOKEN_ENV)


@router.post("/ingest", summary="Extract and store a text, a URL or JSONL (bearer token; off when read-only)")
def post_ingest(
    request: Request,
    body: IngestRequest,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
) -> dict[str, Any]:
    _authorise(_settings(request), credentials)
    given = [name for name in ("text", "url", "jsonl") if getattr(body, name)]
    if len(given) != 1:
        raise EventwatchError("E905")
    ingestor = request.app.state.ingestor
    if body.text:
        items = ingestor.items_from_text(
            body.text, title=body.title, published=body.published, doc_id=body.id
        )
    elif body.url:
        items = ingestor.items_from_url(body.url)
    else:
        items = ingestor.items_from_jsonl(body.jsonl or "")
    result: dict[str, Any] = ingestor.run(items, published=body.published)
    return result
