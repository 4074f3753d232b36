"""The actors stage: ``eventwatch.actors.v1`` fills ``event.actors``.

For every event: the agent and target phrases around its trigger (``roles``), each coded
with a canonical name, country and sector (``coding``); pronouns and repeated descriptions
take the coding of the mention they refer to (``coref``). An actor without a country gets
the document's dominant country when the text is clearly about one country and the actor
is a state body, a group of people or a person ("the Ministry of Defence").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..document import Actor, Document
from ..registry import Stage, register
from .coding import Coded, PhraseCoder, render
from .coref import PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS, CorefResolver
from .dictionary import ActorDictionary, load_dictionary
from .phrases import phrase_bounds
from .roles import Argument, arguments
from .tree import DepTree, event_anchor

__all__ = ["ActorsStage", "dominant_country"]

_PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS
# Sectors that belong to the country the text is about when it names none.
# Groups that belong to the place where the event happens ("people in Hong Kong").
_LOCAL = {"CVL", "OPP", "LAB", "EDU", "REL", "MED", "CRM", "COP", "JUD", "LEG"}
_WHERE = {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
_DOMESTIC = {"GOV", "MIL", "COP", "LEG", "JUD", "REB", "CVL", "OPP", "LAB", "MED", "EDU", "REL", "SPY", "CRM"}
# Authorities that act within their own country: whom a judge orders, police detain or a
# ministry bans is, unless the text says otherwise, from the same country.
_AUTHORITY = {"GOV", "COP", "LEG", "JUD", "SPY"}
# Where forces are sent, withdrawn or posted: "withdraw its troops from Lebanon".
_MOVEMENT_PREPS = {"to", "into", "from", "in", "inside", "for"}


def dominant_country(
    doc: Document, coder: PhraseCoder, *, ignore: Sequence[tuple[int, int]] = ()
) -> str | None:
    """The country the document is about, when its country mentions clearly point to one.

    Mentions are the resolved places (toponyms and demonyms) and the nationality entities
    the places stage did not cover; one country must have at least twice the mentions of
    any other. Mentions inside the ``ignore`` character spans do not count.
    """
    counts: Counter[str] = Counter()
    covered: set[int] = set()

    def ignored(start: int) -> bool:
        return any(lo <= start < hi for lo, hi in ignore)

    for place in doc.places:
        if (
            place.country
            and not ignored(place.start)
            and not doc.text[max(0, place.start - 7) : place.start].lower().startswith("ethnic")
        ):
            counts[place.country] += 1
        covered.update(range(place.start, place.end))
    for first, last, label in coder.entity_tokens:
        start = doc.tokens[first].start
        if label in ("GPE", "NORP") and start not in covered and not ignored(start):
            code = coder.country_at(first, last)
            if code:
                counts[code] += 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, count = ranked[0]
    if len(ranked) == 1 or count >= 2 * ranked[1][1]:
        return top
    return None


def local_country(doc: Document, tree: DepTree, coder: PhraseCoder, anchor: int) -> str | None:
    """The country where the event happens, from a place in its own clause ("in Hong Kong")."""
    lo, hi = tree.sentence_bounds(anchor)
    for (first, last), country in sorted(coder.place_spans.items()):
        if not lo <= first < hi:
            continue
        prep = tree.head(last) if tree.dep(last) == "pobj" else None
        if prep is None or tree.lemma(prep) not in _WHERE:
            continue
        if tree.dominates(tree.head(prep), anchor) or tree.dominates(anchor, prep):
            return country
    return None


def _authority_country(agents: list[Actor]) -> str | None:
    countries = {a.country for a in agents if a.sector in _AUTHORITY and a.country}
    return countries.pop() if len(countries) == 1 else None


def moved_to_place(tree: DepTree, coder: PhraseCoder, anchor: int) -> tuple[int, int, str] | None:
    """The tokens and country of the first place the act sends, withdraws or posts someone to or from:
    "deploy troops to Mali", "withdraw its forces from Lebanon", "troops for a force in Haiti"."""
    lo, hi = tree.sentence_bounds(anchor)
    for (first, last), country in sorted(coder.place_spans.items()):
        if not lo <= first < hi or tree.dep(last) != "pobj":
            continue
        prep = tree.head(last)
        if tree.lemma(prep) in _MOVEMENT_PREPS and tree.dominates(anchor, prep) and prep != anchor:
            return first, last, country
    return None


class ActorsStage(Stage):
    """Finds, codes and resolves the actors of every event."""

    def __init__(self, *, dictionaries: Sequence[str | Path] = (), dominant: bool = True) -> None:
        self.dictionary: ActorDictionary = load_dictionary(dictionaries)
        self.dominant = dominant

    def __call__(self, doc: Document) -> Document:
        if not doc.events or not doc.tokens:
            return doc
        tree = DepTree(doc)
        coder = PhraseCoder(doc, tree, self.dictionary)
        resolver = CorefResolver(tree, coder)
        fallback = dominant_country(doc, coder) if self.dominant else None
        for event in doc.events:
            anchor = event_anchor(doc, event)
            if anchor is None:
                event.actors = []
                continue
            local = local_country(doc, tree, coder, anchor)
            found = arguments(tree, anchor, self.dictionary)
            coded: dict[int, list[Actor]] = {}
            authority: str | None = None
            # A person who acts on a state ("President Smith threatened Russia") is not from it:
            # for a named doer the country count leaves out the states it acts on. (Groups and
            # nationalities on the other side, "jailed Chilean officials", often are the doer's.)
            states = [
                self._span(doc, tree, a.head, anchor)
                for a in found
                if a.role == "target" and tree.tokens[a.head].ent_type == "GPE"
            ]
            doer_home = dominant_country(doc, coder, ignore=states) if states and fallback else fallback
            # Agents first: an authority's country is the fallback for whom it acts on.
            for number in sorted(range(len(found)), key=lambda n: found[n].role != "agent"):
                argument = found[number]
                home = fallback
                if local is not None and self._local_group(coder, tree, argument.head, anchor):
                    home = local
                if argument.role == "target":
                    home = home or authority
                person_home = doer_home if argument.role == "agent" and home == fallback else home
                coded[number] = self._actors(doc, tree, coder, resolver, argument, home, anchor, person_home)
                if argument.role == "agent":
                    authority = authority or _authority_country(coded[number])
            actors = [actor for number in range(len(found)) for actor in coded[number]]
            # "withdraw its troops from Lebanon": when the act moves uncoded forces, the place
            # they are sent to or taken from is the target too.
            if any(a.role == "target" and a.country is None and a.sector == "MIL" for a in actors):
                place = moved_to_place(tree, coder, anchor)
                if place is not None:
                    first, last, country = place
                    start, end = doc.tokens[first].start, doc.tokens[last].end
                    spot = coder.code(first, last, last)
                    actors.append(
                        Actor(
                            doc.text[start:end],
                            "target",
                            start,
                            end,
                            name=spot.name,
                            country=spot.country or country,
                            sector=spot.sector,
                        )
                    )
            event.actors = actors
        return doc

    @staticmethod
    def _span(doc: Document, tree: DepTree, head: int, anchor: int) -> tuple[int, int]:
        lo, hi = phrase_bounds(tree, head, exclude=anchor)
        return doc.tokens[lo].start, doc.tokens[hi].end

    @staticmethod
    def _local_group(coder: PhraseCoder, tree: DepTree, head: int, anchor: int) -> bool:
        lo, hi = phrase_bounds(tree, head, exclude=anchor)
        return coder.code(lo, hi, head).sector in _LOCAL

    def _actors(
        self,
        doc: Document,
        tree: DepTree,
        coder: PhraseCoder,
        resolver: CorefResolver,
        argument: Argument,
        fallback: str | None,
        anchor: int,
        person_fallback: str | None,
    ) -> list[Actor]:
        head = argument.head
        lo, hi = phrase_bounds(tree, head, exclude=anchor)
        if tree.word(head).lower() in _PRONOUNS and lo == hi:
            antecedent = resolver.pronoun(head)
            coded = antecedent.coded if antecedent else Coded(None)
        else:
            coded = coder.code(lo, hi, head)
            if not coded.countries and coded.entry is None and not coded.person:
                antecedent = resolver.description(lo, head)
                if antecedent is not None and (antecedent.coded.countries or antecedent.coded.person):
                    coded = Coded(
                        antecedent.coded.name,
                        antecedent.coded.countries,
                        coded.sector or antecedent.coded.sector,
                        antecedent.coded.entry,
                        antecedent.coded.person,
                        template=antecedent.coded.template,
                    )
        countries: list[str | None] = list(coded.countries)
        pronoun = tree.word(head).lower() in _PRONOUNS
        eligible = coded.sector in _DOMESTIC or coded.person or pronoun
        if (
            not countries
            and fallback
            and (coded.entry is None or coded.entry.sector in _DOMESTIC)
            and eligible
        ):
            countries = [fallback]
        if coded.person and not coded.countries:
            countries = [person_fallback] if person_fallback else []
        start, end = doc.tokens[lo].start, doc.tokens[hi].end
        text = doc.text[start:end]
        return [
            Actor(
                text=text,
                role=argument.role,
                start=start,
                end=end,
                name=render(coded.template, country) if coded.template else coded.name,
                country=country,
                sector=coded.sector,
            )
            for country in (countries or [None])
        ]


@register("eventwatch.actors.v1", requires=["doc.events", "doc.tokens"], assigns=["event.actors"])
def make_actors(*, dictionaries: Sequence[str] = (), dominant: bool = True) -> ActorsStage:
    """Find who did what to whom, coded by country and sector; ``dictionaries`` extend the shipped one."""
    return ActorsStage(dictionaries=dictionaries, dominant=dominant)
