"""The one data type that flows from reader to store: ``Document`` and its annotations.

Everything here is plain data: annotations are character offsets into ``Document.text``,
and ``Document.to_dict`` / ``Document.from_dict`` round-trip through JSON. spaCy objects
never live here, so documents can cross process boundaries and land in SQL.
``Document.to_contract`` renders the extraction contract (``document.schema.json``).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar

__all__ = [
    "Actor",
    "DateMention",
    "Document",
    "Entity",
    "Event",
    "EventDate",
    "Item",
    "Place",
    "PlaceMention",
    "Quantities",
    "Span",
    "Token",
]

Role = Literal["agent", "target", "other"]
Status = Literal["occurred", "ongoing", "planned", "threatened", "hypothetical", "negated", "reported"]
Precision = Literal["day", "week", "month", "year", "range", "unknown"]
STATUSES: tuple[str, ...] = (
    "occurred",
    "ongoing",
    "planned",
    "threatened",
    "hypothetical",
    "negated",
    "reported",
)

T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """Build dataclass ``cls`` from ``data``, ignoring keys it does not know."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class Span:
    """A stretch of the document text: ``text == doc.text[start:end]``."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(text=text[start:end], start=start, end=end)


@dataclass(slots=True)
class Token:
    """One token as the language model analysed it (offsets into the text, head as a token index)."""

    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_iob: str = "O"
    ent_type: str = ""
    sent_start: bool = False
    space: bool = True


@dataclass(slots=True)
class Entity:
    """A named entity mention."""

    text: str
    start: int
    end: int
    label: str


@dataclass(slots=True)
class DateMention:
    """A time expression with its TIMEX3-style value and the calendar window it denotes."""

    text: str
    start: int
    end: int
    value: str | None
    kind: str = "date"
    first: str | None = None
    last: str | None = None
    precision: str = "unknown"
    reason: str | None = None


@dataclass(slots=True)
class Place:
    """A resolved place (a gazetteer entry, or just a name when it could not be resolved)."""

    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    text: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    feature: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class PlaceMention:
    """A toponym in the text and what it resolves to."""

    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    admin1: str | None = None
    geonameid: int | None = None
    feature: str | None = None
    reason: str | None = None
    population: int | None = None

    def place(self) -> Place:
        """The place this mention resolves to, keeping the mention's text."""
        return Place(
            name=self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            text=self.text,
            admin1=self.admin1,
            geonameid=self.geonameid,
            feature=self.feature,
            reason=self.reason,
        )


@dataclass(slots=True)
class Actor:
    """Who took part in an event, in which role, coded by country and sector."""

    text: str
    role: Role
    start: int | None = None
    end: int | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class EventDate:
    """When an event happened: a window of days with a precision and how it was decided."""

    start: str | None = None
    end: str | None = None
    precision: Precision = "unknown"
    text: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class Item:
    """A counted thing other than people: '20 thousand dog tags', 'a $5 million contract'."""

    value: float
    unit: str
    text: str = ""


@dataclass(slots=True)
class Quantities:
    """Counts the text states for one event; ``None`` where it states none."""

    fatalities: int | None = None
    injured: int | None = None
    participants: int | None = None
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """One event mention: type, roles, time, place, numbers, status and the sentence it came from."""

    type: str
    evidence: list[Span]
    status: Status = "occurred"
    mode: str | None = None
    plover: str | None = None
    acled: dict[str, str] | None = None
    actors: list[Actor] = field(default_factory=list)
    date: EventDate = field(default_factory=EventDate)
    location: Place | None = None
    quantities: Quantities = field(default_factory=Quantities)
    attribution: str | None = None
    confidence: float = 0.5
    id: str | None = None
    trigger: Span | None = None
    why: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (the contract's event object plus ``trigger`` and ``why``)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild an event from ``to_dict`` output (or a contract event)."""
        data = dict(data)
        data["evidence"] = [_build(Span, s) for s in data.get("evidence", [])]
        data["actors"] = [_build(Actor, a) for a in data.get("actors", [])]
        data["date"] = _build(EventDate, data.get("date") or {})
        location = data.get("location")
        data["location"] = _build(Place, location) if location else None
        quantities = dict(data.get("quantities") or {})
        quantities["items"] = [_build(Item, i) for i in quantities.get("items", [])]
        data["quantities"] = _build(Quantities, quantities)
        trigger = data.get("trigger")
        data["trigger"] = _build(Span, trigger) if trigger else None
        return _build(cls, data)


@dataclass(slots=True)
class Document:
    """A report and everything the stages found in it.

    ``published_source`` records where the publication date came from (caller, jsonl, html
    metadata, feed, url); ``title_source`` likewise for the title. ``tokens`` and
    ``sentences`` are the language analysis, kept as plain offsets.
    """

    id: str
    text: str
    published: str | None = None
    published_source: str | None = None
    title: str | None = None
    title_source: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity used to store a document once."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def supported(self) -> bool:
        """Whether extraction runs on this document (English, or language not yet known)."""
        return self.language in (None, "en")

    def sentence_of(self, offset: int) -> Span | None:
        """The sentence containing character ``offset``, if sentences are known."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            sentence = self.sentences[mid]
            if offset < sentence.start:
                hi = mid - 1
            elif offset >= sentence.end:
                lo = mid + 1
            else:
                return sentence
        return None

    def to_dict(self, *, tokens: bool = True) -> dict[str, Any]:
        """A JSON-serialisable dict; ``tokens=False`` leaves out the token analysis."""
        data = asdict(self)
        if not tokens:
            data["tokens"] = []
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from ``to_dict`` output."""
        data = dict(data)
        data["sentences"] = [_build(Span, s) for s in data.get("sentences", [])]
        data["tokens"] = [_build(Token, t) for t in data.get("tokens", [])]
        data["entities"] = [_build(Entity, e) for e in data.get("entities", [])]
        data["dates"] = [_build(DateMention, d) for d in data.get("dates", [])]
        data["places"] = [_build(PlaceMention, p) for p in data.get("places", [])]
        data["events"] = [Event.from_dict(e) for e in data.get("events", [])]
        return _build(cls, data)

    def to_contract(self) -> dict[str, Any]:
        """The extraction result as ``document.schema.json`` defines it."""
        return {
            "id": self.id,
            "published": self.published,
            "language": self.language,
            "events": [
                {**event.to_dict(), "id": event.id or f"{self.id}#e{index}"}
                for index, event in enumerate(self.events)
            ],
            "places": [
                {k: v for k, v in asdict(place).items() if k != "population"} for place in self.places
            ],
            "dates": [
                {
                    "text": d.text,
                    "start": d.start,
                    "end": d.end,
                    "value": d.value,
                    "kind": d.kind,
                    "first": d.first,
                    "last": d.last,
                }
                for d in self.dates
            ],
            "entities": [asdict(entity) for entity in self.entities],
        }
