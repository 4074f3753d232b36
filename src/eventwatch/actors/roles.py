"""Who did it and to whom, read from the dependency tree around an event's trigger.

Verb triggers: the subject is the agent, the object or passive subject the target, a "by"
phrase the agent of a passive; a verb without a subject borrows it from the verb it depends
on ("agreed to withdraw", "opened fire, killing", "killed one and wounded two"). Noun triggers:
"X's attack on Y", "the arrest of X by Y", "a Russian strike", and the subject of a light
verb ("launched an attack", "applied for asylum"). Conjoined phrases are actors of the same
role; each phrase spans its whole subtree less relative clauses and conjuncts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .clauses import RELATIVE, clause_subjects, clause_targets
from .dictionary import ActorDictionary
from .phrases import (
    actor_like,
    counted,
    descend,
    merge_names,
    names_a_party,
    nominal,
    phrase_bounds,
    pobjs,
    with_conjuncts,
)
from .tree import DepTree

__all__ = ["Argument", "actor_like", "arguments", "phrase_bounds"]

Role = Literal["agent", "target", "other"]

_NOUN_TARGET_PREPS = {
    "against",
    "on",
    "upon",
    "at",
    "with",
    "toward",
    "towards",
    "over",
    "between",
    "to",
    "into",
}
_MODALS = {"must", "should", "ought", "shall"}
# Participles that describe their subject's stance ("is opposed to", "is committed to").
_STATIVE = {"oppose", "commit", "dedicate", "devote"}
# "killed 30 fighters in an air strike": the act the noun names is the verb's own.
_SAME_ACT_PREPS = {"in", "during"}


@dataclass(frozen=True, slots=True)
class Argument:
    """A phrase head ``head`` in ``role``."""

    head: int
    role: Role


def _verb_arguments(tree: DepTree, verb: int, dictionary: ActorDictionary) -> list[Argument]:
    active, passive = clause_subjects(tree, verb)
    if not active and passive and tree.lemma(verb) in _STATIVE and pobjs(tree, verb, {"to"}):
        # "Egypt is opposed to Turkish mediation": a state, not a passive; Egypt does the opposing.
        active, passive = passive, []
    active = [counted(tree, a) for a in active]
    passive = [counted(tree, p) for p in passive]
    agents = [a for a in active if nominal(tree, a)]
    if tree.dep(verb) == "relcl" and any(tree.word(a).lower() in RELATIVE for a in agents):
        agents = [tree.head(verb)]
    targets = [t for p in passive for t in descend(tree, p, dictionary)]
    if not targets:
        targets = clause_targets(tree, verb, dictionary, agents)
    agents = [_doer_of_thing(tree, a, dictionary) for a in agents]
    agents = [a for a in with_conjuncts(tree, agents) if nominal(tree, a)]
    targets = [t for t in with_conjuncts(tree, targets) if t not in agents]
    return [Argument(h, "agent") for h in agents] + [Argument(h, "target") for h in targets]


def _doer_of_thing(tree: DepTree, index: int, dictionary: ActorDictionary) -> int:
    """For a thing as subject ("a declaration demanding ..."), whoever issued it, if the text says."""
    if actor_like(tree, index, dictionary) or tree.dep(index) != "dobj":
        return index
    subjects = tree.children(tree.head(index), ("nsubj",))
    return subjects[0] if subjects else index


def _governing_verb(tree: DepTree, noun: int) -> int | None:
    """The verb a noun trigger hangs from through objects and prepositions ("as part of a deal")."""
    node = noun
    for _ in range(5):
        if tree.dep(node) not in (
            "dobj",
            "pobj",
            "prep",
            "agent",
            "attr",
            "compound",
            "conj",
            "appos",
            "npadvmod",
        ):
            return None
        head = tree.head(node)
        if head == node:
            return None
        if tree.tokens[head].pos in ("VERB", "AUX"):
            return head
        node = head
    return None


def _inside_act(tree: DepTree, noun: int, verb: int) -> bool:
    """Whether the noun is the verb's "in"/"during" phrase: "wounded two soldiers in a bomb attack"."""
    prep = tree.head(noun)
    return tree.dep(noun) == "pobj" and tree.lemma(prep) in _SAME_ACT_PREPS and tree.head(prep) == verb


def _suffered(tree: DepTree, noun: int, verb: int, dictionary: ActorDictionary) -> bool:
    """Whether a passive verb of harm reports the noun's act: "were killed in a bombing",
    "were wounded by a roadside bomb" (not "were engaged in ethnic cleansing")."""
    if tree.lemma(verb) not in dictionary.victim_verbs or tree.dep(noun) != "pobj":
        return False
    prep = tree.head(noun)
    return tree.head(prep) == verb and (tree.lemma(prep) in _SAME_ACT_PREPS or tree.dep(prep) == "agent")


def _relative_subject(tree: DepTree, clause: int) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("that shut down X")."""
    return any(tree.word(s).lower() in ("that", "which") for s in tree.children(clause, ("nsubj",)))


def _noun_arguments(tree: DepTree, noun: int, dictionary: ActorDictionary) -> list[Argument]:
    # A trigger inside a name ("improvised explosive device", "hunger strike") stands for its head.
    while tree.dep(noun) in ("amod", "compound") and tree.tokens[tree.head(noun)].pos in ("NOUN", "PROPN"):
        noun = tree.head(noun)
    patient = tree.lemma(noun) in dictionary.patient_nouns
    agents: list[int] = []
    targets: list[int] = []
    # A trigger that names its doers ("suicide bombers", "demonstrators", "tanks") is the agent;
    # as the subject of a verb, that verb's objects are its targets.
    names_doers = (
        dictionary.word(tree.word(noun)) is not None or dictionary.word(tree.lemma(noun)) is not None
    )
    if names_doers and tree.dep(noun) not in ("dobj", "pobj", "attr"):
        agents.append(noun)
    if tree.dep(noun) in ("nsubj", "nsubjpass") or agents:
        verb = tree.head(noun)
        if tree.dep(noun) == "nsubj" and verb != noun:
            targets += clause_targets(tree, verb, dictionary, [noun])
    for poss in tree.children(noun, ("poss",)):
        (targets if patient else agents).append(poss)
    agents += pobjs(tree, noun, {"by"})
    for of in pobjs(tree, noun, {"of"}):
        # "the arrest of the editor by police": the parser often hangs "by" on the editor.
        agents += pobjs(tree, of, {"by"})
        if not actor_like(tree, of, dictionary):
            # "a suspension of flights with Morocco": a thing is not the doer; whoever it
            # concerns is the target.
            targets += [t for t in descend(tree, of, dictionary) if t != of]
            continue
        (targets if patient or agents else agents).append(of)
    targets += [t for p in pobjs(tree, noun, _NOUN_TARGET_PREPS) for t in descend(tree, p, dictionary)]
    # "its demand that Israel ease restrictions": the one the demand is put to.
    for clause in tree.children(noun, ("acl", "ccomp", "relcl")):
        if tree.children(clause, ("mark",)) or tree.dep(clause) == "ccomp":
            targets += [t for s in tree.children(clause, ("nsubj",)) for t in descend(tree, s, dictionary)]
        elif not targets and tree.dep(clause) == "relcl" and _relative_subject(tree, clause):
            # "a general strike that shut down the capital", "an attack which killed two
            # soldiers": what the event itself did to someone.
            targets += [t for o in tree.children(clause, ("dobj",)) for t in descend(tree, o, dictionary)]
    if not agents and not patient:
        for mod in tree.subtree(noun, skip=("prep", "relcl", "acl", "appos", "conj", "poss")):
            if mod != noun and mod < noun and names_a_party(tree, mod, dictionary):
                # The last word of a name heads it: "White House", not "White".
                while mod + 1 < noun and tree.tokens[mod + 1].ent_iob == "I":
                    mod += 1
                agents.append(mod)
                break
    # The subject of a light verb governs a noun trigger: "launched an attack", "applied for asylum".
    # Verbs that react to an event ("condemned the attack") do not name its doer.
    governing = _governing_verb(tree, noun)
    if governing is not None and tree.lemma(governing) not in dictionary.reaction_verbs:
        active, passive = clause_subjects(tree, governing)
        victims = tree.children(governing, ("nsubjpass",))
        if victims and _suffered(tree, noun, governing, dictionary):
            # "four soldiers were killed in a bombing", "were wounded by a roadside bomb":
            # the passive subject is the victim.
            if not targets:
                targets += [counted(tree, p) for p in merge_names(tree, victims)]
        elif not agents:
            # "were engaged in ethnic cleansing": an adjectival passive's subject is the doer.
            agents += [counted(tree, a) for a in (active or passive)]
        # "issued a stern reminder to Iraq", "began a hunger strike to demand the release of X":
        # the light verb's target is the event's.
        if not targets and tree.dep(noun) == "dobj" and tree.head(noun) == governing:
            targets += clause_targets(tree, governing, dictionary, agents)
        # "killed 30 fighters in an air strike": the verb's object is the strike's target.
        elif not targets and _inside_act(tree, noun, governing):
            objects = tree.children(governing, ("dobj",))
            targets += [t for o in objects for t in descend(tree, o, dictionary) if t not in agents]
    agents = [a for a in with_conjuncts(tree, agents) if nominal(tree, a)]
    targets = [t for t in with_conjuncts(tree, targets) if t not in agents and nominal(tree, t)]
    return [Argument(h, "agent") for h in agents] + [Argument(h, "target") for h in targets]


def arguments(tree: DepTree, trigger: int, dictionary: ActorDictionary) -> list[Argument]:
    """The agent and target phrase heads of the event triggered at token ``trigger``."""
    token = tree.tokens[trigger]
    head = tree.head(trigger)
    if token.pos in ("NOUN", "PROPN"):
        return _noun_arguments(tree, trigger, dictionary)
    if token.dep in ("amod", "compound", "nmod") and tree.tokens[head].pos in ("NOUN", "PROPN"):
        # The first word of a multi-word trigger: "tear gas", "ethnic cleansing".
        return _noun_arguments(tree, head, dictionary)
    if tree.lemma(trigger) in _MODALS and head != trigger:
        return _modal_arguments(tree, head, dictionary)
    if token.dep == "mark" and head != trigger and tree.head(head) != head:
        # "threatened to withdraw unless X arranged a ceasefire": the condition is put to X.
        main = tree.head(head)
        agents = [a for a in clause_subjects(tree, main)[0] if nominal(tree, a)]
        targets = [t for s in tree.children(head, ("nsubj",)) for t in descend(tree, s, dictionary)]
        return [Argument(a, "agent") for a in with_conjuncts(tree, agents)] + [
            Argument(t, "target") for t in with_conjuncts(tree, targets) if t not in agents
        ]
    if token.dep in ("acomp", "aux", "auxpass", "prt", "neg", "advmod", "oprd") and head != trigger:
        # "is willing to withdraw", "has agreed": the subject is the governing verb's,
        # the objects are those of the adjective's or particle's clause.
        found = _verb_arguments(tree, head, dictionary)
        doers = [a for a in found if a.role == "agent"]
        taken = {a.head for a in doers}
        # "ready to contribute troops to X": the targets are those of the adjective's clause.
        clause = next(iter(tree.children(trigger, ("xcomp",))), trigger)
        aimed = [
            Argument(t, "target") for t in with_conjuncts(tree, clause_targets(tree, clause, dictionary, []))
        ]
        aimed = [t for t in aimed if t.head not in taken] or [a for a in found if a.role == "target"]
        return doers + aimed
    return _verb_arguments(tree, trigger, dictionary)


def _modal_arguments(tree: DepTree, verb: int, dictionary: ActorDictionary) -> list[Argument]:
    """ "X said that Y must leave": X demands, Y is asked; without a speaker, the clause itself."""
    speech = tree.head(verb)
    if tree.dep(verb) == "ccomp" and speech != verb:
        agents = [a for a in clause_subjects(tree, speech)[0] if nominal(tree, a)]
        targets = [
            t for s in tree.children(verb, ("nsubj", "nsubjpass")) for t in descend(tree, s, dictionary)
        ]
        if agents:
            return [Argument(a, "agent") for a in with_conjuncts(tree, agents)] + [
                Argument(t, "target") for t in with_conjuncts(tree, targets) if t not in agents
            ]
    return _verb_arguments(tree, verb, dictionary)
