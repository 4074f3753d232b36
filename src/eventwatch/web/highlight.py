"""Highlighting: cut a text into flat segments, each carrying the marks (trigger, actor, date, ...) over it.

Marks may overlap or nest; sweeping their boundaries gives non-overlapping segments, so templates
render one ``<span>`` per segment with no nesting and every character escaped by Jinja.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Mark", "Segment", "document_marks", "event_marks", "segments"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch ``[start, end)`` in document offsets."""

    start: int
    end: int
    kind: str
    label: str = ""
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text and the marks over it (empty for plain text)."""

    text: str
    kinds: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    href: str | None = None

    @property
    def css(self) -> str:
        """CSS classes: ``hl hl-<kind>`` for each mark."""
        return " ".join(["hl", *(f"hl-{kind}" for kind in self.kinds)]) if self.kinds else ""

    @property
    def title(self) -> str:
        """A tooltip naming the marks."""
        return "; ".join(label for label in self.labels if label)


def segments(text: str, marks: Iterable[Mark], *, offset: int = 0) -> list[Segment]:
    """Cut ``text`` (which starts at document offset ``offset``) into segments by ``marks``."""
    end = offset + len(text)
    kept = [m for m in marks if m.start < m.end and m.end > offset and m.start < end]
    cuts = sorted({offset, end, *(max(m.start, offset) for m in kept), *(min(m.end, end) for m in kept)})
    out: list[Segment] = []
    for lo, hi in itertools.pairwise(cuts):
        over = [m for m in kept if m.start <= lo and m.end >= hi]
        piece = text[lo - offset : hi - offset]
        if not over:
            out.append(Segment(piece))
            continue
        out.append(
            Segment(
                piece,
                kinds=tuple(dict.fromkeys(m.kind for m in over)),
                labels=tuple(dict.fromkeys(m.label for m in over)),
                href=next((m.href for m in over if m.href), None),
            )
        )
    return out


def _find(span: dict[str, Any], needle: str | None) -> tuple[int, int] | None:
    """Where ``needle`` first occurs inside the evidence span, in document offsets."""
    if not needle:
        return None
    at = span["text"].find(needle)
    if at < 0:
        at = span["text"].lower().find(needle.lower())
    return None if at < 0 else (span["start"] + at, span["start"] + at + len(needle))


def event_marks(event: dict[str, Any], span: dict[str, Any]) -> list[Mark]:
    """Marks for one evidence span of ``event``: trigger, actors by role, date and place.

    Actors carry offsets; the date and place record only their text, so it is looked up in the span.
    """
    marks: list[Mark] = []
    trigger = event.get("trigger")
    if trigger:
        marks.append(Mark(trigger["start"], trigger["end"], "trigger", f"trigger: {event.get('type')}"))
    for actor in event.get("actors") or []:
        label = f"{actor.get('role')}: {actor.get('name') or actor.get('text')}"
        if actor.get("start") is not None and actor.get("end") is not None:
            marks.append(Mark(int(actor["start"]), int(actor["end"]), f"actor-{actor.get('role')}", label))
        elif (found := _find(span, actor.get("text"))) is not None:
            marks.append(Mark(*found, f"actor-{actor.get('role')}", label))
    date = event.get("date") or {}
    if (found := _find(span, date.get("text"))) is not None:
        marks.append(Mark(*found, "date", f"date: {date.get('start')}..{date.get('end')}"))
    location = event.get("location") or {}
    if (found := _find(span, location.get("text") or location.get("name"))) is not None:
        marks.append(Mark(*found, "place", f"place: {location.get('name')} ({location.get('country')})"))
    return marks


def document_marks(
    events: Iterable[tuple[int | None, dict[str, Any]]], *, href: str = "/events/{id}"
) -> list[Mark]:
    """Marks for a whole document: each event's evidence and trigger, linking to the event's page."""
    marks: list[Mark] = []
    for mention_id, event in events:
        link = href.format(id=mention_id) if mention_id is not None else None
        for span in event.get("evidence") or []:
            marks.append(Mark(span["start"], span["end"], "evidence", "", link))
        trigger = event.get("trigger")
        if trigger:
            marks.append(Mark(trigger["start"], trigger["end"], "trigger", str(event.get("type")), link))
    return marks
