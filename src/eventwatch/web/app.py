"""The FastAPI application: JSON API under ``/api``, server-rendered pages, static assets.

``create_app(settings)`` builds one app over one store; ``eventwatch serve`` runs it with uvicorn.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from .. import __version__, api
from ..errors import EventwatchError
from ..store import EventFilter, Store
from .ingest import Ingestor, PipelineFactory
from .security import BodyLimit, SecurityHeaders, content_security_policy
from .settings import Settings

__all__ = ["create_app", "event_filter", "templates"]

HERE = Path(str(resources.files("eventwatch.web")))
# Autoescape everywhere: article text, titles and URLs are untrusted.
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True)
)

# Which HTTP status each catalogue code maps to; anything else a user sent is a 400.
STATUS = {
    "E202": 404,
    "E204": 404,
    "E802": 404,
    "E1204": 404,
    "E1211": 404,
    "E1212": 404,
    "E902": 403,
    "E903": 401,
    "E904": 413,
    "E907": 404,
}


def event_filter(
    type: list[str] | None = Query(None, description="Event type; repeat for several."),
    since: str | None = Query(None, description="Events ending on or after YYYY-MM-DD."),
    until: str | None = Query(None, description="Events starting on or before YYYY-MM-DD."),
    country: str | None = Query(None, max_length=3, description="ISO3 country code of the place."),
    status: str | None = Query(None, max_length=16, description="occurred, planned, negated, ..."),
    q: str | None = Query(None, max_length=200, description="Words in the evidence sentence."),
) -> EventFilter:
    """The filter query parameters shared by the list, stats, map and export endpoints and pages."""
    return EventFilter(
        types=[t for t in (type or []) if t],
        since=api.check_date(since) if since else None,
        until=api.check_date(until) if until else None,
        country=country.upper() if country else None,
        status=status or None,
        q=q.strip() if q and q.strip() else None,
    )


def _error_response(request: Request, exc: EventwatchError) -> Response:
    status = STATUS.get(exc.code, 400)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if request.url.path.startswith("/api"):
        return JSONResponse(
            {"error": {"code": exc.code, "message": str(exc)}}, status_code=status, headers=headers
        )
    response: Response = templates.TemplateResponse(
        request,
        "error.html",
        {"error": exc, "status": status, "settings": request.app.state.settings},
        status_code=status,
    )
    return response


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    pipeline_factory: PipelineFactory | None = None,
) -> FastAPI:
    """A FastAPI app over ``settings.db`` (or ``store``); tests may replace the pipeline by a factory."""
    settings = settings or Settings.from_env()
    settings.check()
    store = store or Store(settings.db)
    app = FastAPI(
        title="eventwatch",
        version=__version__,
        description="Events extracted from news reports, with the sentences that support them.",
        # The interactive docs pages load scripts from a CDN; the schema itself is served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.ingestor = Ingestor(
        store,
        config=settings.config,
        allow_private=settings.allow_private,
        max_document_bytes=settings.max_document_bytes,
        factory=pipeline_factory,
    )
    app.add_exception_handler(EventwatchError, _error_response)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from .analysis_routes import api as analysis_api
    from .analysis_routes import pages as analysis_pages
    from .api_routes import router as api_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(analysis_api)
    app.include_router(analysis_pages)
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    app.add_middleware(
        SecurityHeaders,
        csp=content_security_policy(tiles_origin=settings.tiles_origin),
    )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"ok": True, "read_only": settings.read_only}

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(("/api", "/static")):
            return JSONResponse({"error": {"code": "404", "message": "Not found."}}, status_code=404)
        return HTMLResponse(
            templates.get_template("error.html").render(
                request=request, error="Page not found.", status=404, settings=settings
            ),
            status_code=404,
        )

    return app
