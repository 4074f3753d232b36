"""Salience stage ``eventwatch.salience.v1``: order ``doc.events`` so that ``events[0]`` is the main event.

A main event is early (the title/lead sentence), of a specific type (the ontology's per-type
``salience``), factual rather than planned or denied, in the main clause of its sentence rather
than a subordinate mention, and mentioned more than once.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from itertools import takewhile

from ..document import Document, Event
from ..registry import Stage, register
from .matcher import Parse
from .ontology import Ontology
from .stage import LOADED_TYPES, cached_ontology
from .status import clause_depth

__all__ = ["SalienceStage", "salience"]

_STATUS_FACTOR = {
    "occurred": 1.0,
    "ongoing": 1.0,
    "reported": 0.95,
    "planned": 0.6,
    "threatened": 0.6,
    "hypothetical": 0.45,
    "negated": 0.3,
}
_DEPTH_FACTOR = (1.0, 0.78, 0.6)
# How much a type's specificity (ontology ``salience``) counts against syntactic prominence.
_SPECIFICITY_WEIGHT = 0.7


def salience(event: Event, *, ontology: Ontology, sentence: int, depth: int, same_type: int) -> float:
    """The score ordering events: higher is more central to the document."""
    event_type = ontology.types.get(event.type) or LOADED_TYPES.get(event.type)
    specificity = (event_type.salience if event_type else 1.0) - 1.0
    score = (1.0 + _SPECIFICITY_WEIGHT * specificity) * (0.5 + event.confidence)
    score *= _STATUS_FACTOR.get(event.status, 0.5)
    score *= 1.0 / (1.0 + 0.3 * sentence)
    score *= _DEPTH_FACTOR[min(depth, len(_DEPTH_FACTOR) - 1)]
    return score + 0.12 * min(same_type - 1, 3)


class SalienceStage(Stage):
    """Puts the main event first; ties keep text order."""

    def __init__(self, *, ontology: Sequence[str] = ()) -> None:
        self.ontology, _ = cached_ontology(tuple(str(p) for p in ontology))

    def __call__(self, doc: Document) -> Document:
        if len(doc.events) < 2 or not doc.tokens:
            return doc
        parse = Parse.of(doc.tokens, doc.text)
        starts = [t.start for t in doc.tokens]
        counts = Counter(e.type for e in doc.events)
        heads = []
        for event in doc.events:
            offset = event.trigger.start if event.trigger else event.evidence[0].start
            heads.append(_head_of(parse, event, max(0, bisect.bisect_right(starts, offset) - 1)))
        triggers = set(heads)
        scored = []
        for order, (event, head) in enumerate(zip(doc.events, heads, strict=True)):
            depth = clause_depth(parse, head) + _argument_of_trigger(parse, head, triggers)
            score = salience(
                event,
                ontology=self.ontology,
                sentence=parse.sentence[head],
                depth=depth,
                same_type=counts[event.type],
            )
            scored.append((-score, order, event))
        scored.sort(key=lambda item: (item[0], item[1]))
        ranked = [event for _, _, event in scored]
        main = self._family_main(ranked, [-item[0] for item in scored])
        doc.events = [ranked[main], *ranked[:main], *ranked[main + 1 :]]
        return doc

    def _family_main(self, ranked: list[Event], scores: list[float]) -> int:
        """Within the leading family (ACLED event type), the most specific type leads.

        "A truck bomb ... the suicide attacker rammed his car": the bomb mentions lead, and the
        suicide bombing is the more specific account of the same family of violence.
        """
        family = _family(ranked[0])
        if family is None:
            return 0
        best, best_key = 0, self._specificity(ranked[0])
        for index, event in enumerate(ranked[1:], start=1):
            if _family(event) != family or scores[index] < _FAMILY_MARGIN * scores[0]:
                continue
            key = self._specificity(event)
            if key > best_key:
                best, best_key = index, key
        return best

    def _specificity(self, event: Event) -> float:
        event_type = self.ontology.types.get(event.type) or LOADED_TYPES.get(event.type)
        return event_type.salience if event_type else 1.0


# A same-family event must score at least this share of the leader's score to take the lead.
_FAMILY_MARGIN = 0.75


def _family(event: Event) -> str | None:
    return event.acled["event_type"] if event.acled else None


_ARGUMENT_PENALTY = 2
_ARGUMENT_DEPS = frozenset({"dobj", "compound", "amod", "nsubjpass", "poss", "attr"})


def _argument_of_trigger(parse: Parse, head: int, triggers: set[int]) -> int:
    """1 when the trigger is an argument of another event's trigger ("demanded the release")."""
    current = head
    for _ in range(4):
        token = parse.tokens[current]
        if token.dep not in _ARGUMENT_DEPS or token.head == current:
            return 0
        current = token.head
        if current in triggers:
            return _ARGUMENT_PENALTY
    return 0


def _head_of(parse: Parse, event: Event, index: int) -> int:
    """The trigger token whose head lies outside the trigger (its syntactic head)."""
    end = event.trigger.end if event.trigger else parse.tokens[index].end
    members = list(takewhile(lambda i: parse.tokens[i].start < end, range(index, len(parse.tokens))))
    inside = set(members)
    return next((i for i in members if parse.tokens[i].head not in inside), index)


@register("eventwatch.salience.v1", requires=["doc.events"], assigns=["doc.events.order"])
def make_salience(*, ontology: Sequence[str] = ()) -> SalienceStage:
    """Order events by salience (the same ``ontology`` files as the events stage give per-type weights)."""
    return SalienceStage(ontology=ontology)
