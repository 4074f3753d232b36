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

_TARGET_PREPS = {"against", "on", "upon", "at", "with", "to", "toward", "towards", "from", "into", "over"}
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
_BORROW_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "acomp"}
_RELATIVE = {"who", "which", "that", "whom"}
_MODALS = {"must", "should", "ought", "shall"}
# Participles that describe their subject's stance ("is opposed to", "is committed to").
_STATIVE = {"oppose", "commit", "dedicate", "devote"}
# A condition put to someone: "threatened to halt talks if Sweden goes ahead".
_CONDITIONS = {"if", "unless", "until"}
# "killed 30 fighters in an air strike": the act the noun names is the verb's own.
_SAME_ACT_PREPS = {"in", "during"}


@dataclass(frozen=True, slots=True)
class Argument:
    """A phrase head ``head`` in ``role``."""

    head: int
    role: Role


def _antecedent_of_relative(tree: DepTree, index: int, verb: int) -> int:
    """For "who"/"which"/"that" as a subject, the noun its relative clause modifies."""
    if tree.word(index).lower() not in _RELATIVE:
        return index
    for node in [verb, *tree.ancestors(verb)]:
        if tree.dep(node) == "relcl":
            return tree.head(node)
    return index


def _subjects(tree: DepTree, verb: int, seen: set[int] | None = None) -> tuple[list[int], list[int]]:
    """(active subjects, passive subjects) of ``verb``, borrowed from governing verbs if it has none."""
    seen = seen or set()
    seen.add(verb)
    active = merge_names(
        tree, [_antecedent_of_relative(tree, a, verb) for a in tree.children(verb, ("nsubj", "csubj"))]
    )
    passive = merge_names(
        tree, [_antecedent_of_relative(tree, p, verb) for p in tree.children(verb, ("nsubjpass",))]
    )
    agents = [obj for agent in tree.children(verb, ("agent",)) for obj in tree.children(agent, ("pobj",))]
    if active or passive or agents:
        return active + agents, passive
    head = tree.head(verb)
    if tree.dep(verb) == "acl" and tree.tokens[verb].tag == "VBN" and head != verb:
        return [], [head]
    if tree.dep(verb) in ("relcl", "acl") and head != verb:
        return [head], []
    if tree.dep(verb) == "pcomp" and tree.tokens[head].pos == "ADP" and tree.head(head) != head:
        # "resorted to throwing stones": the clause hangs from a preposition of the verb.
        head = tree.head(head)
    if tree.dep(verb) in _BORROW_DEPS and head != verb and head not in seen:
        if tree.tokens[head].pos not in ("VERB", "AUX", "ADJ"):
            return [], []
        # "urged X to support Y": the object of the governing verb does the xcomp.
        if tree.dep(verb) == "xcomp":
            objects = tree.children(head, ("dobj",))
            if objects:
                return objects, []
        borrowed_active, borrowed_passive = _subjects(tree, head, seen)
        # A passive head ("was ordered to leave") hands on its subject as the doer.
        return borrowed_active or borrowed_passive, []
    return [], []


def _datives(tree: DepTree, verb: int) -> list[int]:
    """Indirect objects: "gave Kenya aid", and "gave aid to Kenya" when the parser labels
    the "to" itself as the dative."""
    out: list[int] = []
    for kid in tree.children(verb, ("dative",)):
        out.extend(tree.children(kid, ("pobj",)) if tree.tokens[kid].pos == "ADP" else [kid])
    return out


def _targets(tree: DepTree, verb: int, dictionary: ActorDictionary, agents: list[int]) -> list[int]:
    """Who the verb acts on: its object, else a prepositional object, else what it asks of whom.
    For verbs of giving ("offered troops to Lebanon") the recipient, not the thing given."""
    if tree.lemma(verb) in dictionary.transfer_verbs:
        recipients = _datives(tree, verb) + pobjs(tree, verb, {"to"})
        given = [t for r in recipients for t in descend(tree, r, dictionary) if t not in agents and t != verb]
        if given:
            return given
    direct = tree.children(verb, ("nsubjpass", "dobj")) + _datives(tree, verb)
    found = [t for d in direct for t in descend(tree, d, dictionary)]
    if not found:
        found = [t for p in pobjs(tree, verb, _TARGET_PREPS) for t in descend(tree, p, dictionary)]
    for clause in tree.children(verb, ("xcomp", "ccomp")):
        if found:
            break
        subjects = tree.children(clause, ("nsubj", "nsubjpass"))
        objects = tree.children(clause, ("dobj",)) + pobjs(tree, clause, _TARGET_PREPS)
        for node in (subjects if tree.dep(clause) == "ccomp" else []) + objects:
            found.extend(descend(tree, node, dictionary))
    found = [t for t in found if t not in agents and t != verb]
    return (
        found
        or _conditioned(tree, verb, dictionary, agents)
        or _deeper_target(tree, verb, dictionary, agents)
    )


def _conditioned(tree: DepTree, verb: int, dictionary: ActorDictionary, agents: list[int]) -> list[int]:
    """Whoever a condition of the act is put to: "threatened to halt talks if Sweden goes ahead",
    "will strike unless the rebels withdraw". Looks at the verb and the clauses it governs."""
    level = [verb]
    for _ in range(3):
        following: list[int] = []
        for node in level:
            for kid in tree.children(node, ("advcl", "xcomp", "ccomp")):
                following.append(kid)
                marks = {tree.lemma(m) for m in tree.children(kid, ("mark",))}
                if tree.dep(kid) != "advcl" or not marks & _CONDITIONS:
                    continue
                subjects = tree.children(kid, ("nsubj", "nsubjpass"))
                found = [t for s in subjects for t in descend(tree, s, dictionary)]
                found = [t for t in found if t not in agents and not _same_phrase(tree, t, agents)]
                if found:
                    return found
        level = following
    return []


def _deeper_target(tree: DepTree, verb: int, dictionary: ActorDictionary, agents: list[int]) -> list[int]:
    """The first party or place the act is directed at further down its clauses: "agreed to set
    up a centre in Tokyo", "is willing to help defend Saudi Arabia", "arrived in Amman"."""
    level = [verb]
    for _ in range(4):
        found: list[int] = []
        following: list[int] = []
        for node in level:
            for kid in tree.children(node):
                dep = tree.dep(kid)
                if dep in ("dobj", "dative"):
                    found.extend(descend(tree, kid, dictionary))
                    following.append(kid)
                elif dep == "prep" and tree.lemma(kid) in _TARGET_PREPS | {
                    "in",
                    "into",
                    "between",
                    "for",
                    "as",
                }:
                    for obj in tree.children(kid, ("pobj",)):
                        found.extend(descend(tree, obj, dictionary))
                        following.append(obj)
                elif dep in ("xcomp", "advcl", "conj", "acl", "ccomp") and tree.tokens[kid].pos in (
                    "VERB",
                    "AUX",
                ):
                    following.append(kid)
        found = [t for t in found if t not in agents and t != verb and not _same_phrase(tree, t, agents)]
        if found:
            return found[:1]
        level = following
    return []


def _same_phrase(tree: DepTree, index: int, agents: list[int]) -> bool:
    return any(tree.dominates(agent, index) for agent in agents)


def _verb_arguments(tree: DepTree, verb: int, dictionary: ActorDictionary) -> list[Argument]:
    active, passive = _subjects(tree, verb)
    if not active and passive and tree.lemma(verb) in _STATIVE and pobjs(tree, verb, {"to"}):
        # "Egypt is opposed to Turkish mediation": a state, not a passive; Egypt does the opposing.
        active, passive = passive, []
    active = [counted(tree, a) for a in active]
    passive = [counted(tree, p) for p in passive]
    agents = [a for a in active if nominal(tree, a)]
    if tree.dep(verb) == "relcl" and any(tree.word(a).lower() in _RELATIVE for a in agents):
        agents = [tree.head(verb)]
    targets = [t for p in passive for t in descend(tree, p, dictionary)]
    if not targets:
        targets = _targets(tree, verb, dictionary, agents)
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
            targets += _targets(tree, verb, dictionary, [noun])
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
        active, passive = _subjects(tree, governing)
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
            targets += _targets(tree, governing, dictionary, agents)
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
        agents = [a for a in _subjects(tree, main)[0] if nominal(tree, a)]
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
        aimed = [Argument(t, "target") for t in with_conjuncts(tree, _targets(tree, clause, dictionary, []))]
        aimed = [t for t in aimed if t.head not in taken] or [a for a in found if a.role == "target"]
        return doers + aimed
    return _verb_arguments(tree, trigger, dictionary)


def _modal_arguments(tree: DepTree, verb: int, dictionary: ActorDictionary) -> list[Argument]:
    """ "X said that Y must leave": X demands, Y is asked; without a speaker, the clause itself."""
    speech = tree.head(verb)
    if tree.dep(verb) == "ccomp" and speech != verb:
        agents = [a for a in _subjects(tree, speech)[0] if nominal(tree, a)]
        targets = [
            t for s in tree.children(verb, ("nsubj", "nsubjpass")) for t in descend(tree, s, dictionary)
        ]
        if agents:
            return [Argument(a, "agent") for a in with_conjuncts(tree, agents)] + [
                Argument(t, "target") for t in with_conjuncts(tree, targets) if t not in agents
            ]
    return _verb_arguments(tree, verb, dictionary)
