"""PLOVER JSON: events in the shape of the PLOVER/POLECAT event data standard.

Each object has the PLOVER fields (``event_type`` the PLOVER category such as ``PROTEST`` or
``ASSAULT``, ``mode``, ``context``, source/target actor with country and sector, a location block,
the date and its resolution) plus the provenance PLOVER asks for (story id, headline, url, the
sentence). Event types PLOVER has no category for keep ``event_type: null`` and name the
eventwatch type in ``context``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from .flat import write_array
from .records import Record

__all__ = ["plover_object", "write_plover"]


def _actor(actors: list[dict[str, Any]], role: str) -> dict[str, Any]:
    found = next((a for a in actors if a.get("role") == role), None)
    if found is None:
        return {"name": None, "text": None, "country": None, "sector": None}
    return {
        "name": found.get("name") or found.get("text"),
        "text": found.get("text"),
        "country": found.get("country"),
        "sector": found.get("sector"),
    }


def plover_object(record: Record) -> dict[str, Any]:
    """One PLOVER-style event object for a stored event mention."""
    event = record.event
    actors = event.get("actors") or []
    date = event.get("date") or {}
    location = event.get("location") or {}
    quantities = event.get("quantities") or {}
    context = [str(event.get("type"))]
    if event.get("mode"):
        context.append(str(event["mode"]))
    return {
        "event_id": f"eventwatch-{record.id}",
        "event_date": date.get("start"),
        "event_date_end": date.get("end"),
        "date_resolution": date.get("precision"),
        "event_type": event.get("plover"),
        "mode": event.get("mode"),
        "context": context,
        "status": event.get("status"),
        "source": _actor(actors, "agent"),
        "target": _actor(actors, "target"),
        "location": {
            "placename": location.get("name") or location.get("text"),
            "admin1": location.get("admin1"),
            "country": location.get("country"),
            "latitude": location.get("lat"),
            "longitude": location.get("lon"),
            "geonameid": location.get("geonameid"),
            "feature_type": location.get("feature"),
        },
        "fatalities": quantities.get("fatalities"),
        "injuries": quantities.get("injured"),
        "size": quantities.get("participants"),
        "attribution": event.get("attribution"),
        "confidence": event.get("confidence"),
        "text": record.evidence,
        "story_id": record.document.get("doc_id"),
        "headline": record.document.get("title"),
        "url": record.document.get("url"),
        "publication_date": record.document.get("published"),
        "reports": record.reports,
    }


def write_plover(records: Iterable[Record], out: IO[str]) -> int:
    """A JSON array of PLOVER-style event objects, streamed; returns how many."""
    return write_array(records, out, plover_object)
