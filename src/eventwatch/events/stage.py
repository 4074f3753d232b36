"""Event detection stage ``eventwatch.events.v1``: typed event mentions from ontology triggers."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..document import Document, Event, Span
from ..registry import Stage, register
from . import ontology as ontology_module
from .matcher import Match, Matcher, Parse
from .ontology import EventType, Ontology
from .status import attribution, is_generic, is_rule, status

__all__ = ["LOADED_TYPES", "EventsStage", "cached_ontology"]

_CONDITIONAL = frozenset({"if", "unless", "ready", "willing", "prepared", "otherwise"})


@lru_cache(maxsize=8)
def cached_ontology(paths: tuple[str, ...]) -> tuple[Ontology, Matcher]:
    """The ontology from the built-in file plus ``paths``, and its matcher, loaded once per process."""
    loaded = ontology_module.load(paths)
    for name, event_type in loaded.types.items():
        LOADED_TYPES.setdefault(name, event_type)
    return loaded, Matcher(loaded)


# Every type any events stage of this process loaded: the salience stage falls back on it, so a
# user type gets its own salience even when only the events stage was given the user's file.
LOADED_TYPES: dict[str, EventType] = {}


class EventsStage(Stage):
    """Finds every event mention: trigger patterns, typed by their arguments, with status and attribution."""

    def __init__(self, *, ontology: Sequence[str] = ()) -> None:
        self.ontology, self.matcher = cached_ontology(tuple(str(p) for p in ontology))

    def __call__(self, doc: Document) -> Document:
        parse = Parse.of(doc.tokens, doc.text)
        events: list[Event] = []
        for n in range(len(parse.bounds)):
            for match in _merge_linked(parse, self.matcher.sentence_matches(parse, n)):
                if is_rule(parse, match.head) or is_generic(parse, match.head):
                    continue  # a stated rule or a generic/habitual statement, not an event
                events.extend(self._events(doc, parse, match))
        doc.events = events
        return doc

    def _events(self, doc: Document, parse: Parse, match: Match) -> list[Event]:
        event = self._event(doc, parse, match)
        planned_as = self.ontology[event.type].planned_as
        if event.status not in ("planned", "threatened", "hypothetical") or planned_as is None:
            return [event]
        if event.status == "hypothetical" and not _CONDITIONAL & set(
            parse.sentence_string(parse.sentence[match.head]).split()
        ):
            return [event]  # speculation ("may stage a rally") states no intention; "... if", "ready to" do
        # An announced intention is itself an event: a promise of cooperation, a threat of conflict.
        intent = self.ontology[planned_as]
        stated = Event(
            type=intent.name,
            evidence=list(event.evidence),
            mode=intent.mode,
            plover=intent.plover,
            acled=dict(intent.acled) if intent.acled else None,
            attribution=event.attribution,
            confidence=event.confidence,
            trigger=event.trigger,
            why=f"{event.why} -> stated intention: {intent.name}",
        )
        return [event, stated]

    def _event(self, doc: Document, parse: Parse, match: Match) -> Event:
        event_type = self.ontology[match.type]
        tokens = parse.tokens
        first, last = tokens[match.indexes[0]], tokens[match.indexes[-1]]
        trigger = Span.of(doc.text, first.start, last.end)
        sentence = doc.sentence_of(first.start)
        if sentence is None:
            lo, hi = parse.bounds[parse.sentence[match.head]]
            sentence = Span.of(doc.text, tokens[lo].start, tokens[hi - 1].end)
        state, cue = status(parse, match.head)
        why = match.why if cue is None else f"{match.why}; status {state} ('{cue}')"
        if state == "negated" and event_type.negated_as:
            # "declined to resign", "would not meet the demands": the event is the refusal itself
            event_type = self.ontology[event_type.negated_as]
            state, why = "occurred", f"{why} -> {event_type.name}"
        confidence = min(0.95, 0.35 + 0.2 * match.trigger.weight)
        if state != "occurred":
            confidence *= 0.85
        return Event(
            type=event_type.name,
            evidence=[sentence],
            status=state,  # type: ignore[arg-type]
            mode=match.trigger.mode or event_type.mode,
            plover=match.trigger.plover
            if match.trigger.plover and event_type.name == match.type
            else event_type.plover,
            acled=dict(event_type.acled) if event_type.acled else None,
            attribution=attribution(parse, match.head),
            confidence=round(confidence, 3),
            trigger=trigger,
            why=why,
        )


def _merge_linked(parse: Parse, matches: list[Match]) -> list[Match]:
    """One event per mention: drop a match whose word depends directly on a match of the same type.

    "Protesters gathered ...": 'protesters' is the subject of 'gathered', both protest triggers.
    """
    heads = {(m.type, m.head) for m in matches}
    return [
        m
        for m in matches
        if (m.type, parse.tokens[m.head].head) not in heads or parse.tokens[m.head].head == m.head
    ]


@register("eventwatch.events.v1", requires=["doc.tokens", "doc.sentences"], assigns=["doc.events"])
def make_events(*, ontology: Sequence[str] = ()) -> EventsStage:
    """Detect events with the built-in ontology plus the user's ontology files (``ontology = ["mine.yaml"]``)."""
    return EventsStage(ontology=ontology)


# The salience stage lives in its own module; importing it registers it.
from . import salience as _salience  # noqa: E402

del _salience
