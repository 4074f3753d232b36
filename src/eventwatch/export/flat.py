"""Plain exports: CSV (one flat row per mention), JSON (full event objects) and GeoJSON points."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import IO, Any

from .records import Record

__all__ = [
    "FLAT_FIELDS",
    "flat_row",
    "json_object",
    "write_array",
    "write_csv",
    "write_geojson",
    "write_json",
]

FLAT_FIELDS = (
    "id",
    "event_id",
    "type",
    "mode",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "country",
    "admin1",
    "place",
    "lat",
    "lon",
    "actor1",
    "actor1_country",
    "actor1_sector",
    "actor2",
    "actor2_country",
    "actor2_sector",
    "actors",
    "fatalities",
    "injured",
    "participants",
    "attribution",
    "confidence",
    "plover",
    "acled_event_type",
    "acled_sub_event_type",
    "trigger",
    "evidence",
    "reports",
    "document_id",
    "document_title",
    "document_url",
    "document_published",
)


def _actor(actors: list[dict[str, Any]], role: str) -> dict[str, Any]:
    return next((a for a in actors if a.get("role") == role), {})


def flat_row(record: Record) -> dict[str, Any]:
    """One flat dict (``FLAT_FIELDS``) of scalars: what a spreadsheet or GIS attribute table wants."""
    event = record.event
    actors = event.get("actors") or []
    agent, target = _actor(actors, "agent"), _actor(actors, "target")
    date = event.get("date") or {}
    location = event.get("location") or {}
    quantities = event.get("quantities") or {}
    acled = event.get("acled") or {}
    trigger = event.get("trigger") or {}
    return {
        "id": record.id,
        "event_id": event.get("id"),
        "type": event.get("type"),
        "mode": event.get("mode"),
        "status": event.get("status"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "date_text": date.get("text"),
        "country": location.get("country"),
        "admin1": location.get("admin1"),
        "place": location.get("name") or location.get("text"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "actor1": agent.get("name") or agent.get("text"),
        "actor1_country": agent.get("country"),
        "actor1_sector": agent.get("sector"),
        "actor2": target.get("name") or target.get("text"),
        "actor2_country": target.get("country"),
        "actor2_sector": target.get("sector"),
        "actors": "; ".join(f"{a.get('name') or a.get('text')} ({a.get('role')})" for a in actors),
        "fatalities": quantities.get("fatalities"),
        "injured": quantities.get("injured"),
        "participants": quantities.get("participants"),
        "attribution": event.get("attribution"),
        "confidence": event.get("confidence"),
        "plover": event.get("plover"),
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "trigger": trigger.get("text"),
        "evidence": record.evidence,
        "reports": record.reports,
        "document_id": record.document.get("id"),
        "document_title": record.document.get("title"),
        "document_url": record.document.get("url"),
        "document_published": record.document.get("published"),
    }


def write_csv(records: Iterable[Record], out: IO[str]) -> int:
    """CSV with a header row of ``FLAT_FIELDS``; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=FLAT_FIELDS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in flat_row(record).items()})
        count += 1
    return count


def json_object(record: Record) -> dict[str, Any]:
    """The full event object with the row id, report count and its document."""
    return {
        **record.event,
        "id": record.id,
        "event_id": record.event.get("id"),
        "reports": record.reports,
        "document": record.document,
    }


def write_array(records: Iterable[Record], out: IO[str], to_object: Callable[[Record], Any]) -> int:
    """A JSON array of ``to_object(record)`` for each record, streamed one object at a time; returns how many."""
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(to_object(record), ensure_ascii=False))
        count += 1
    out.write("\n]\n")
    return count


def write_json(records: Iterable[Record], out: IO[str]) -> int:
    """A JSON array of full event objects, streamed one object at a time."""
    return write_array(records, out, json_object)


def write_geojson(records: Iterable[Record], out: IO[str]) -> int:
    """A GeoJSON FeatureCollection of Points with flat properties; events with no coordinates are left out.

    Coordinates are [longitude, latitude] in WGS 84 (RFC 7946), so QGIS opens the file as it is.
    """
    count = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for record in records:
        row = flat_row(record)
        if row["lat"] is None or row["lon"] is None:
            continue
        feature = {
            "type": "Feature",
            "id": record.id,
            "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
            "properties": row,
        }
        out.write(",\n" if count else "\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
