"""What a verb's clause says about an event's parties: its subjects (borrowed from the verb it
depends on when it has none), its objects, and the targets further down its clauses.

Used by ``roles``, which decides per trigger which of these are the agent and the target.
"""

from __future__ import annotations

from .dictionary import ActorDictionary
from .phrases import descend, merge_names, pobjs
from .tree import DepTree

__all__ = ["RELATIVE", "TARGET_PREPS", "clause_subjects", "clause_targets", "same_phrase"]

TARGET_PREPS = {"against", "on", "upon", "at", "with", "to", "toward", "towards", "from", "into", "over"}
_BORROW_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "acomp"}
RELATIVE = {"who", "which", "that", "whom"}
# A condition put to someone: "threatened to halt talks if Sweden goes ahead".
_CONDITIONS = {"if", "unless", "until"}


def _antecedent_of_relative(tree: DepTree, index: int, verb: int) -> int:
    """For "who"/"which"/"that" as a subject, the noun its relative clause modifies."""
    if tree.word(index).lower() not in RELATIVE:
        return index
    for node in [verb, *tree.ancestors(verb)]:
        if tree.dep(node) == "relcl":
            return tree.head(node)
    return index


def clause_subjects(tree: DepTree, verb: int, seen: set[int] | None = None) -> tuple[list[int], list[int]]:
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
        borrowed_active, borrowed_passive = clause_subjects(tree, head, seen)
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


def clause_targets(tree: DepTree, verb: int, dictionary: ActorDictionary, agents: list[int]) -> list[int]:
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
        found = [t for p in pobjs(tree, verb, TARGET_PREPS) for t in descend(tree, p, dictionary)]
    for clause in tree.children(verb, ("xcomp", "ccomp")):
        if found:
            break
        subjects = tree.children(clause, ("nsubj", "nsubjpass"))
        objects = tree.children(clause, ("dobj",)) + pobjs(tree, clause, TARGET_PREPS)
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
                found = [t for t in found if t not in agents and not same_phrase(tree, t, agents)]
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
                elif dep == "prep" and tree.lemma(kid) in TARGET_PREPS | {
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
        found = [t for t in found if t not in agents and t != verb and not same_phrase(tree, t, agents)]
        if found:
            return found[:1]
        level = following
    return []


def same_phrase(tree: DepTree, index: int, agents: list[int]) -> bool:
    return any(tree.dominates(agent, index) for agent in agents)
