"""The quantities stage: ``eventwatch.quantities.v1`` fills ``event.quantities``.

Numbers are read per sentence and given to the event they belong to: the event whose
trigger is nearest in the dependency tree, and for the dead and injured also any event whose
trigger governs the number ("rebels attacked the town, killing 5"). Counts of the dead on
one verb add up ("killed 3 soldiers and 2 civilians" = 5); separate statements of the same
toll take the largest. A singular victim with no number ("killed a journalist") counts 1.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..actors.tree import DepTree, event_anchor
from ..document import Document, Event, Item, Quantities
from ..registry import Stage, register
from .classify import Reading, classify, is_killing
from .lexicon import Lexicon, lexicon
from .numbers import find_numbers

__all__ = ["QuantitiesStage"]

_SINGULAR_TAGS = {"NN", "NNP"}
_SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}


def _reaches(tree: DepTree, top: int, index: int, others: set[int]) -> bool:
    """Whether ``top`` governs ``index`` within one act: no other event's trigger and no clause
    with a subject of its own ("after a car bomb killed four") on the way between them."""
    if top == index:
        return True
    path = [index]
    for node in tree.ancestors(index):
        if node == top:
            break
        path.append(node)
    else:
        return False
    for node in path[1:]:
        if node in others:
            return False
        own = [k for k in tree.children(node, ("nsubj", "nsubjpass")) if k not in path]
        if own and tree.tokens[node].pos in ("VERB", "AUX"):
            return False
    return True


def _participial(tree: DepTree, verb: int | None) -> set[int]:
    """``{verb}`` when it is a clause with no subject of its own (", killing 20"): the same act."""
    if verb is None or tree.children(verb, ("nsubj", "nsubjpass")):
        return set()
    return {verb}


def _names_the_cause(tree: DepTree, verb: int | None, anchor: int, others: set[int]) -> bool:
    """Whether a noun trigger is the cause the killing verb names ("a roadside bombing killed")."""
    while tree.dep(anchor) in ("amod", "compound", "nmod") and tree.tokens[tree.head(anchor)].pos == "NOUN":
        anchor = tree.head(anchor)
    if verb is None or tree.tokens[anchor].pos not in ("NOUN", "PROPN"):
        return False
    return _reaches(tree, verb, anchor, others)


class QuantitiesStage(Stage):
    """Reads fatalities, injured, participants and items for every event."""

    def __init__(self, *, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()

    def __call__(self, doc: Document) -> Document:
        if not doc.events or not doc.tokens:
            return doc
        tree = DepTree(doc)
        anchors = {id(event): event_anchor(doc, event) for event in doc.events}
        by_sentence: dict[tuple[int, int], list[Event]] = defaultdict(list)
        for event in doc.events:
            anchor = anchors[id(event)]
            if anchor is not None:
                by_sentence[tree.sentence_bounds(anchor)].append(event)
            else:
                event.quantities = Quantities()
        for (lo, hi), events in by_sentence.items():
            readings = [
                reading
                for mention in find_numbers(doc, lo, hi, lex=self.lex)
                if (reading := classify(tree, mention, self.lex)) is not None
            ]
            for event in events:
                mine = self._readings_for(tree, event, events, readings, anchors)
                event.quantities = self._quantities(tree, lo, hi, mine, event, events, anchors)
        return doc

    def _nearest(
        self, tree: DepTree, node: int, events: list[Event], anchors: dict[int, int | None]
    ) -> Event:
        def key(event: Event) -> tuple[int, int]:
            anchor = anchors[id(event)]
            assert anchor is not None
            return tree.distance(node, anchor), abs(node - anchor)

        return min(events, key=key)

    def _readings_for(
        self,
        tree: DepTree,
        event: Event,
        events: list[Event],
        readings: list[Reading],
        anchors: dict[int, int | None],
    ) -> list[Reading]:
        anchor = anchors[id(event)]
        assert anchor is not None
        others = {a for e in events if e is not event and (a := anchors[id(e)]) is not None}
        out = []
        for reading in readings:
            nearest = self._nearest(tree, reading.node, events, anchors) is event
            # Casualties belong to every event of their clause: the trigger governs the number
            # ("attacked the town, killing 5") or the killing verb governs the trigger
            # ("a roadside bombing killed one soldier", "killed by an improvised explosive device").
            governs = reading.kind in ("fatalities", "injured") and (
                _reaches(tree, anchor, reading.node, others - _participial(tree, reading.governor))
                or _names_the_cause(tree, reading.governor, anchor, others)
            )
            # "arrested 20 protesters": the trigger's own subject or object counts for it.
            argument = tree.head(reading.node) == anchor and tree.dep(reading.node) in _ARGUMENT_DEPS
            if nearest or governs or argument:
                out.append(reading)
        return out

    def _quantities(
        self,
        tree: DepTree,
        lo: int,
        hi: int,
        readings: list[Reading],
        event: Event,
        events: list[Event],
        anchors: dict[int, int | None],
    ) -> Quantities:
        quantities = Quantities()
        anchor = anchors[id(event)]
        counted_nodes = {r.node for r in readings} | {r.noun for r in readings if r.noun is not None}
        for kind in ("fatalities", "injured"):
            groups: dict[int, float] = defaultdict(float)
            for reading in readings:
                if reading.kind == kind:
                    groups[reading.governor if reading.governor is not None else -1] += reading.mention.value
            for verb, count in self._singular_victims(tree, lo, hi, kind, counted_nodes).items():
                nearest = self._nearest(tree, verb, events, anchors) is event
                others = {a for e in events if e is not event and (a := anchors[id(e)]) is not None}
                related = anchor is not None and (
                    _reaches(tree, anchor, verb, others - _participial(tree, verb))
                    or _names_the_cause(tree, verb, anchor, others)
                )
                if nearest or related:
                    groups[verb] += count
            if groups:
                setattr(quantities, kind, int(max(groups.values())))
        people = [r for r in readings if r.kind == "participants"]
        if people:
            best = min(
                people, key=lambda r: (tree.distance(r.node, anchor) if anchor is not None else 0, r.node)
            )
            quantities.participants = int(best.mention.value)
        quantities.items = [
            Item(
                value=r.mention.value, unit=r.unit or "", text=tree.doc.text[r.mention.start : r.mention.end]
            )
            for r in readings
            if r.kind == "item"
        ]
        return quantities

    def _singular_victims(
        self, tree: DepTree, lo: int, hi: int, kind: str, counted: set[int]
    ) -> dict[int, float]:
        """Victims named without a number ("killed a journalist", "a prisoner died"): 1 each."""
        lex = self.lex
        found: dict[int, float] = {}
        for verb in range(lo, hi):
            if tree.tokens[verb].pos not in ("VERB", "AUX", "ADJ"):
                continue
            if kind == "fatalities":
                hit = tree.lemma(verb) in lex.die_verbs or is_killing(tree, verb, lex)
            else:
                hit = tree.lemma(verb) in lex.injure_verbs
            if not hit:
                continue
            if tree.children(verb, ("neg",)) or self._unreal(tree, verb):
                continue
            passive = tree.is_passive(verb)
            if tree.lemma(verb) in lex.die_verbs:
                deps: tuple[str, ...] = ("nsubj",)
            elif passive:
                deps = ("nsubjpass",)
            else:
                deps = ("dobj",)
            victims = list(self._with_conjuncts(tree, tree.children(verb, deps)))
            count = 0.0
            for victim in victims:
                if victim in counted or tree.children(victim, ("nummod",)):
                    continue
                tag = tree.tokens[victim].tag
                if tag in _SINGULAR_TAGS or tree.word(victim).lower() in _SINGULAR_PRONOUNS:
                    count += 1
                else:
                    count = 0.0
                    break
            if count:
                found[verb] = count
        return found

    @staticmethod
    def _with_conjuncts(tree: DepTree, nodes: Iterable[int]) -> Iterable[int]:
        for node in nodes:
            yield node
            yield from QuantitiesStage._with_conjuncts(tree, tree.children(node, ("conj",)))

    @staticmethod
    def _unreal(tree: DepTree, verb: int) -> bool:
        """Whether the verb is infinitive, modal or a plan ("threatened to kill"): nobody died yet."""
        if tree.tokens[verb].tag == "VB":
            return True
        return any(
            tree.lemma(k) in ("will", "would", "could", "may", "might") for k in tree.children(verb, ("aux",))
        )


@register("eventwatch.quantities.v1", requires=["doc.events", "doc.tokens"], assigns=["event.quantities"])
def make_quantities() -> QuantitiesStage:
    """Read how many were killed, injured, took part, and which items or sums are involved."""
    return QuantitiesStage()
