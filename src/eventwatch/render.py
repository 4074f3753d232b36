"""Plain renderings of events for terminals and CSV: one row per event mention."""

from __future__ import annotations

from typing import Any

from .document import Event

__all__ = ["ROW_FIELDS", "event_row", "excerpt", "mention_row"]

ROW_FIELDS = ("id", "date", "type", "actors", "place", "numbers", "status", "evidence")


def excerpt(text: str, *, width: int = 90) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _date(start: str | None, end: str | None) -> str:
    if start is None:
        return "?"
    return start if end in (None, start) else f"{start}..{end}"


def _numbers(quantities: dict[str, Any]) -> str:
    parts = []
    for key, label in (("fatalities", "killed"), ("injured", "injured"), ("participants", "people")):
        if quantities.get(key) is not None:
            parts.append(f"{quantities[key]} {label}")
    for item in quantities.get("items") or []:
        value = item["value"]
        shown = int(value) if float(value).is_integer() else value
        parts.append(f"{shown} {item['unit']}")
    return ", ".join(parts)


def _actors(actors: list[dict[str, Any]]) -> str:
    shown = []
    for actor in actors:
        label = actor.get("name") or actor["text"]
        codes = "/".join(c for c in (actor.get("country"), actor.get("sector")) if c)
        arrow = {"agent": "", "target": "→ "}.get(actor["role"], "· ")
        shown.append(f"{arrow}{label}" + (f" [{codes}]" if codes else ""))
    return "; ".join(shown)


def event_row(event: Event, *, event_id: str = "") -> dict[str, str]:
    """A flat, readable row for one extracted event."""
    return mention_row({**event.to_dict(), "id": event.id or event_id})


def mention_row(data: dict[str, Any]) -> dict[str, str]:
    """A flat, readable row from an event dict (contract form, with an optional ``id``)."""
    location = data.get("location") or {}
    place = location.get("name") or location.get("text") or ""
    if place and location.get("country"):
        place = f"{place} ({location['country']})"
    date = data.get("date") or {}
    return {
        "id": str(data.get("id") or ""),
        "date": _date(date.get("start"), date.get("end")),
        "type": data["type"]
        + (f"/{data['mode']}" if data.get("mode") not in (None, "", data["type"]) else ""),
        "actors": _actors(data.get("actors") or []),
        "place": place,
        "numbers": _numbers(data.get("quantities") or {}),
        "status": data.get("status", ""),
        "evidence": excerpt(" ".join(span["text"] for span in data.get("evidence") or [])),
    }
