"""Where each event happened: the place that governs its trigger, else its sentence's, else the document's.

Pure functions of the document's tokens (dependency heads), places and events.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..document import Document, Event, Place, PlaceMention, Token

__all__ = ["locate_event", "locate_events"]

# Prepositions that put an event at a place, strongest first; "from"/"to" name a place
# the event only touches, so they rank below.
_PREPOSITIONS = {
    "in": 4,
    "at": 4,
    "near": 4,
    "outside": 4,
    "inside": 4,
    "across": 3,
    "around": 3,
    "throughout": 3,
    "on": 3,
    "into": 2,
    "off": 3,
    "along": 3,
    "over": 2,
    "from": 1,
    "to": 1,
}
_MAX_PATH = 12
# Dependencies that make a place the thing an event's verb acts on.
_OBJECTS = frozenset({"dobj", "nsubjpass"})
_TOWNS = {"city", "admin2", "admin1", "landmark", "airport", "region"}


def _token_at(tokens: list[Token], start: int, end: int) -> int | None:
    """The index of the head token of the text ``[start, end)`` (the one whose head leaves it)."""
    inside = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
    if not inside:
        inside = [i for i, t in enumerate(tokens) if t.start <= start < t.end]
    for index in inside:
        head = tokens[index].head
        if head == index or not (start <= tokens[head].start < end):
            return index
    return inside[-1] if inside else None


def _path_to(tokens: list[Token], index: int, target: int) -> list[int] | None:
    """Token indexes from ``index`` up the head chain to ``target``, if it gets there."""
    path = [index]
    for _ in range(_MAX_PATH):
        if index == target:
            return path
        head = tokens[index].head
        if head == index:
            return None
        index = head
        path.append(index)
    return None


def _trigger_index(doc: Document, event: Event) -> int | None:
    span = event.trigger or (event.evidence[0] if event.evidence else None)
    if span is None:
        return None
    return _token_at(doc.tokens, span.start, span.end)


def _is_demonym(mention: PlaceMention) -> bool:
    return (mention.reason or "").startswith("demonym")


def _with_reason(mention: PlaceMention, why: str) -> Place:
    place = mention.place()
    return replace(place, reason=f"{why}; {mention.reason}" if mention.reason else why)


def locate_event(doc: Document, event: Event) -> Place | None:
    """The event's place and why it was chosen, or ``None`` when the text gives none."""
    places = [p for p in doc.places if p.lat is not None or p.name is not None]
    if not places:
        return None
    sentence = event.evidence[0] if event.evidence else None
    in_sentence = [p for p in places if sentence and sentence.start <= p.start < sentence.end]
    trigger = _trigger_index(doc, event)
    best: tuple[float, PlaceMention, str] | None = None
    if trigger is not None and doc.tokens:
        targets = [(trigger, 0.0)]
        if doc.tokens[trigger].dep in ("nsubj", "nsubjpass") and doc.tokens[trigger].head != trigger:
            # "An airstrike hit a house in Khan Younis": the place hangs on the verb the
            # trigger is the subject of.
            targets.append((doc.tokens[trigger].head, 0.5))
        for target, penalty in targets:
            for mention in in_sentence:
                found = _scored(doc, mention, target, trigger)
                if found is not None and (best is None or found[0] - penalty > best[0]):
                    best = (found[0] - penalty, mention, found[1])
    literal = [p for p in in_sentence if not _is_demonym(p)]
    if (
        best is not None
        and _is_demonym(best[1])
        and best[1].feature != "border"
        and best[0] < 4.0
        and literal
    ):
        # "An Israeli airstrike ... in Khan Younis": a demonym that only modifies the trigger
        # names who acted, not where ("near the Lithuanian border" still places the event).
        best = None
    if best is not None:
        return _refined(places, _town_of(best[1], in_sentence), best[2])
    if literal or in_sentence:
        return _refined(places, (literal or in_sentence)[0], "the sentence's place")
    return _with_reason(_dominant(places), "the document's main place")


def _scored(doc: Document, mention: PlaceMention, target: int, trigger: int) -> tuple[float, str] | None:
    """How strongly ``mention`` governs the event whose words hang on token ``target``, and why."""
    index = _token_at(doc.tokens, mention.start, mention.end)
    path = _path_to(doc.tokens, index, target) if index is not None else None
    if path is None:
        return None
    word = doc.text[doc.tokens[trigger].start : doc.tokens[trigger].end]
    score, why = 2.0, f"in the clause of '{word}'"
    if len(path) == 2 and doc.tokens[path[0]].dep in _OBJECTS:
        # "shelled El Fasher", "Kupiansk was shelled": the place is what the event hit.
        score, why = 6.5, f"'{mention.text}' is what '{word}' names"
    for step in path[1:-1]:
        lemma = doc.tokens[step].lemma.lower()
        if doc.tokens[step].dep == "prep" and lemma in _PREPOSITIONS:
            score = 2.0 + _PREPOSITIONS[lemma]
            why = f"'{lemma} {mention.text}' attached to '{word}'"
            break
    if any(doc.tokens[step].pos in ("VERB", "AUX") for step in path[1:-1]):
        # "shelled X, and fighting spread to Y": Y belongs to the clause of "spread".
        score -= 1.5
    if _is_demonym(mention):
        score -= 1.5
    return score - len(path) * 0.01, why


def _town_of(chosen: PlaceMention, in_sentence: list[PlaceMention]) -> PlaceMention:
    """The town a venue the gazetteer lacks was placed at, when the sentence names it.

    "A stabbing at Riverside Mall in Leeds": the mall has no point of its own, only Leeds';
    the town is the answer an analyst filters and counts by.
    """
    if chosen.name is not None or chosen.lat is None:
        return chosen
    for other in in_sentence:
        if other.name is not None and (other.lat, other.lon) == (chosen.lat, chosen.lon):
            return other
    return chosen


def _refined(places: list[PlaceMention], chosen: PlaceMention, why: str) -> Place:
    """A country (or demonym) narrowed to the document's main town in that country, if it has one.

    "An explosion in Afghanistan" in a report about Mazar-i-Sharif happened in Mazar-i-Sharif.
    """
    if chosen.feature not in ("country", "border") and not _is_demonym(chosen):
        return _with_reason(chosen, why)
    finer = [
        p
        for p in places
        if p.country == chosen.country and p.name is not None and not _is_demonym(p) and p.feature in _TOWNS
    ]
    if not finer:
        return _with_reason(chosen, why)
    main = _dominant(finer)
    return _with_reason(main, f"{why} ({chosen.text}), narrowed to the document's main place there")


def _dominant(places: list[PlaceMention]) -> PlaceMention:
    """The place mentioned most, literal places before demonyms, earliest on ties."""
    counts = Counter((p.name, p.country) for p in places)
    literal = [p for p in places if not _is_demonym(p) and p.name is not None] or places
    return max(literal, key=lambda p: (counts[(p.name, p.country)], -p.start))


def locate_events(doc: Document) -> None:
    """Set ``event.location`` for every event of ``doc``."""
    for event in doc.events:
        event.location = locate_event(doc, event)
