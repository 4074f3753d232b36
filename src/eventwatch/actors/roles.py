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

from ..countries import country_code
from .dictionary import ActorDictionary
from .tree import DepTree

__all__ = ["Argument", "actor_like", "arguments", "phrase_bounds"]

Role = Literal["agent", "target", "other"]

_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}
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
# Cut from a phrase: relative clauses and clauses, conjuncts (their own actors), asides.
_CUT = ("relcl", "conj", "cc", "advcl", "parataxis", "punct_edge", "preconj")
_RELATIVE = {"who", "which", "that", "whom"}
_MODALS = {"must", "should", "ought", "shall"}
_EDGE_POS = {"PUNCT", "SPACE"}
_CONJUNCTIONS = {"and", "or", "nor", "&", ",", ";", "plus"}
_NOT_ACTOR_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "EVENT"}
_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_PRONOUNS = {"he", "him", "she", "her", "they", "them", "it", "we", "us", "i", "me", "you"}
# Prepositions inside a thing-phrase that lead to the actor it concerns.
_INNER_PREPS = {"of", "to", "with", "against", "for", "from", "on", "by", "between"}


@dataclass(frozen=True, slots=True)
class Argument:
    """A phrase head ``head`` in ``role``."""

    head: int
    role: Role


def phrase_bounds(tree: DepTree, head: int, *, exclude: int | None = None) -> tuple[int, int]:
    """First and last token (inclusive) of the phrase headed by ``head``, trimmed of clauses.

    The phrase is the unbroken stretch of the head's subtree around the head, so a clause
    attached far away (or the trigger itself, ``exclude``) never drags the span across it.
    """
    members = set(tree.subtree(head, skip=("relcl", "advcl", "parataxis")))
    for kid in tree.children(head):
        # A "by" phrase names someone else (a misattached agent: "the editor by police").
        if tree.dep(kid) in _CUT or (tree.dep(kid) == "prep" and tree.lemma(kid) == "by") or _when(tree, kid):
            members -= set(tree.subtree(kid))
    if exclude is not None and exclude != head and exclude in members:
        members -= set(tree.subtree(exclude))
    # A line break (a headline, a paragraph) ends a phrase.
    members = {m for m in members if "\n" not in tree.word(m)}
    lo = hi = head
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    while lo < head and (tree.tokens[lo].pos in _EDGE_POS or tree.dep(lo) in ("cc", "prep")):
        lo += 1
    while hi > head and (tree.tokens[hi].pos in _EDGE_POS or tree.dep(hi) in ("cc", "prep", "case")):
        hi -= 1
    # A name the parser broke up ("al-Thani" as three subjects) is kept whole.
    while lo > 0 and tree.tokens[lo].ent_iob == "I" and lo - 1 != exclude:
        lo -= 1
    while hi + 1 < len(tree.tokens) and tree.tokens[hi + 1].ent_iob == "I" and hi + 1 != exclude:
        hi += 1
    # An unclosed bracket at the end goes, with what follows it.
    for index in range(hi, head, -1):
        if tree.word(index) == "(" and not any(tree.word(k) == ")" for k in range(index, hi + 1)):
            hi = index - 1
    return lo, max(hi, head)


def _when(tree: DepTree, index: int) -> bool:
    """A time phrase hung on a noun by the parser ("forces on Thursday"): not part of the actor."""
    if tree.tokens[index].ent_type in ("DATE", "TIME"):
        return True
    if tree.dep(index) != "prep":
        return False
    return any(tree.tokens[o].ent_type in ("DATE", "TIME") for o in tree.children(index, ("pobj",)))


def _nominal(tree: DepTree, index: int) -> bool:
    token = tree.tokens[index]
    if token.ent_type in _NOT_ACTOR_ENTS:
        return False
    if token.ent_type in ("NORP", "GPE", "ORG") and token.ent_iob == "B":
        return True
    return token.pos in _NOMINAL or token.tag in ("NN", "NNS", "NNP", "NNPS", "PRP", "PRP$")


def actor_like(tree: DepTree, index: int, dictionary: ActorDictionary) -> bool:
    """Whether the phrase headed by ``index`` names someone (not a thing): a person, group,
    organisation, country, pronoun, or a word the dictionary knows."""
    token = tree.tokens[index]
    if not _nominal(tree, index):
        return False
    if token.ent_type in _ACTOR_ENTS or (token.tag == "PRP" and tree.word(index).lower() in _PRONOUNS):
        return True
    words = [tree.word(index), tree.lemma(index)]
    if dictionary.word(words[0]) or dictionary.word(words[1]) or dictionary.lookup(words[0]):
        return True
    if country_code(words[0]) is not None:
        return True
    for mod in tree.children(index, ("compound", "amod", "nmod")):
        if dictionary.lookup(tree.word(mod)) is not None:
            return True
        if tree.tokens[mod].ent_type == "NORP" and tree.word(mod)[:1].isupper():
            return tree.tokens[index].tag in ("NNS", "NNPS") or token.pos == "PROPN"
    return False


def _names_a_party(tree: DepTree, index: int, dictionary: ActorDictionary) -> bool:
    """Whether a modifier names a country or a known actor: "Russian", "US", "NATO"."""
    if tree.tokens[index].ent_type in ("NORP", "GPE", "ORG"):
        return True
    word = tree.word(index)
    return word[:1].isupper() and (country_code(word) is not None or dictionary.lookup(word) is not None)


def _country_modifier(tree: DepTree, index: int) -> int | None:
    """A country-naming modifier of a thing: the "U.S." of "a U.S. request"."""
    for mod in tree.children(index, ("compound", "amod", "nmod", "poss")):
        if tree.tokens[mod].ent_type in ("NORP", "GPE", "ORG") and tree.word(mod)[:1].isupper():
            return mod
    return None


def _descend(tree: DepTree, index: int, dictionary: ActorDictionary, depth: int = 0) -> list[int]:
    """The actors inside a phrase that names a thing: "Turkey's efforts", "the removal of X",
    "sanctions against Nigeria", "a meeting with President Obama"."""
    index = _counted(tree, index)
    if actor_like(tree, index, dictionary):
        return [index]
    if depth >= 2:
        return []
    for poss in tree.children(index, ("poss",)):
        if actor_like(tree, poss, dictionary) and tree.tokens[poss].tag != "PRP":
            return [poss]
    for prep in tree.children(index, ("prep",)):
        if tree.lemma(prep) in _INNER_PREPS:
            for obj in tree.children(prep, ("pobj",)):
                found = _descend(tree, obj, dictionary, depth + 1)
                if found:
                    return found
    modifier = _country_modifier(tree, index)
    return [modifier] if modifier is not None else []


def _counted(tree: DepTree, index: int) -> int:
    """The people a number phrase counts: "thousands of Iraqi Kurds" -> Kurds."""
    if (
        tree.tokens[index].pos == "NUM"
        or tree.tokens[index].ent_type == "CARDINAL"
        or tree.lemma(index)
        in (
            "third",
            "half",
            "quarter",
            "majority",
            "group",
            "number",
            "dozen",
            "hundred",
            "thousand",
            "million",
            "part",
            "some",
            "many",
            "most",
            "all",
            "none",
            "each",
            "one",
            "patch",
            "contingent",
        )
    ):
        for prep in tree.children(index, ("prep",)):
            if tree.lemma(prep) == "of":
                objects = tree.children(prep, ("pobj",))
                if objects:
                    return objects[0]
    return index


def _with_conjuncts(tree: DepTree, heads: list[int]) -> list[int]:
    out: list[int] = []
    stack = [_counted(tree, head) for head in heads]
    while stack:
        index = stack.pop(0)
        if index in out:
            continue
        out.append(index)
        stack.extend(k for k in tree.children(index, ("conj",)) if _conjunct(tree, index, k))
    return out


def _conjunct(tree: DepTree, index: int, kid: int) -> bool:
    """A real conjunct ("Finland and Sweden", "Iran, Libya"), not a piece of a hyphenated name."""
    if not _nominal(tree, kid) or tree.tokens[kid].ent_iob == "I" or not tree.word(kid)[:1].isalnum():
        return False
    between = range(min(index, kid) + 1, max(index, kid))
    return any(tree.word(i).lower() in _CONJUNCTIONS for i in between)


def _pobjs(tree: DepTree, index: int, preps: set[str]) -> list[int]:
    found: list[int] = []
    for prep in tree.children(index, ("prep",)):
        if tree.lemma(prep) in preps:
            found.extend(k for k in tree.children(prep, ("pobj",)) if _nominal(tree, k))
    return found


def _names(tree: DepTree, heads: list[int]) -> list[int]:
    """Heads with the pieces of one name ("al", "-", "Thani" all tagged subject) merged into one."""

    def entity_end(index: int) -> int:
        while index + 1 < len(tree.tokens) and tree.tokens[index + 1].ent_iob == "I":
            index += 1
        return index

    kept = [h for h in heads if tree.word(h)[:1].isalnum()]
    out: list[int] = []
    for index in kept:
        named = tree.tokens[index].ent_iob in ("B", "I")
        siblings = [k for k in kept if named and k != index and entity_end(k) == entity_end(index)]
        if siblings and max(siblings) > index:
            continue
        if index not in out:
            out.append(index)
    return out


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
    active = _names(
        tree, [_antecedent_of_relative(tree, a, verb) for a in tree.children(verb, ("nsubj", "csubj"))]
    )
    passive = _names(
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


def _targets(tree: DepTree, verb: int, dictionary: ActorDictionary, agents: list[int]) -> list[int]:
    """Who the verb acts on: its object, else a prepositional object, else what it asks of whom.
    For verbs of giving ("offered troops to Lebanon") the recipient, not the thing given."""
    if tree.lemma(verb) in dictionary.transfer_verbs:
        recipients = tree.children(verb, ("dative",)) + _pobjs(tree, verb, {"to"})
        given = [
            t for r in recipients for t in _descend(tree, r, dictionary) if t not in agents and t != verb
        ]
        if given:
            return given
    direct = tree.children(verb, ("nsubjpass", "dobj", "dative"))
    found = [t for d in direct for t in _descend(tree, d, dictionary)]
    if not found:
        found = [t for p in _pobjs(tree, verb, _TARGET_PREPS) for t in _descend(tree, p, dictionary)]
    for clause in tree.children(verb, ("xcomp", "ccomp")):
        if found:
            break
        subjects = tree.children(clause, ("nsubj", "nsubjpass"))
        objects = tree.children(clause, ("dobj",)) + _pobjs(tree, clause, _TARGET_PREPS)
        for node in (subjects if tree.dep(clause) == "ccomp" else []) + objects:
            found.extend(_descend(tree, node, dictionary))
    found = [t for t in found if t not in agents and t != verb]
    return found or _deeper_target(tree, verb, dictionary, agents)


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
                    found.extend(_descend(tree, kid, dictionary))
                    following.append(kid)
                elif dep == "prep" and tree.lemma(kid) in _TARGET_PREPS | {"in", "into", "between"}:
                    for obj in tree.children(kid, ("pobj",)):
                        found.extend(_descend(tree, obj, dictionary))
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
    active = [_counted(tree, a) for a in active]
    passive = [_counted(tree, p) for p in passive]
    agents = [a for a in active if _nominal(tree, a)]
    if tree.dep(verb) == "relcl" and any(tree.word(a).lower() in _RELATIVE for a in agents):
        agents = [tree.head(verb)]
    targets = [t for p in passive for t in _descend(tree, p, dictionary)]
    if not targets:
        targets = _targets(tree, verb, dictionary, agents)
    agents = [_doer_of_thing(tree, a, dictionary) for a in agents]
    agents = [a for a in _with_conjuncts(tree, agents) if _nominal(tree, a)]
    targets = [t for t in _with_conjuncts(tree, targets) if t not in agents]
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
        if tree.dep(node) not in ("dobj", "pobj", "prep", "attr", "compound", "conj", "appos", "npadvmod"):
            return None
        head = tree.head(node)
        if head == node:
            return None
        if tree.tokens[head].pos in ("VERB", "AUX"):
            return head
        node = head
    return None


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
    agents += _pobjs(tree, noun, {"by"})
    for of in _pobjs(tree, noun, {"of"}):
        # "the arrest of the editor by police": the parser often hangs "by" on the editor.
        agents += _pobjs(tree, of, {"by"})
        (targets if patient or agents else agents).append(of)
    targets += [t for p in _pobjs(tree, noun, _NOUN_TARGET_PREPS) for t in _descend(tree, p, dictionary)]
    # "its demand that Israel ease restrictions": the one the demand is put to.
    for clause in tree.children(noun, ("acl", "ccomp", "relcl")):
        if tree.children(clause, ("mark",)) or tree.dep(clause) == "ccomp":
            targets += [t for s in tree.children(clause, ("nsubj",)) for t in _descend(tree, s, dictionary)]
    if not agents and not patient:
        for mod in tree.subtree(noun, skip=("prep", "relcl", "acl", "appos", "conj", "poss")):
            if mod != noun and mod < noun and _names_a_party(tree, mod, dictionary):
                # The last word of a name heads it: "White House", not "White".
                while mod + 1 < noun and tree.tokens[mod + 1].ent_iob == "I":
                    mod += 1
                agents.append(mod)
                break
    # The subject of a light verb governs a noun trigger: "launched an attack", "applied for asylum".
    # Verbs that react to an event ("condemned the attack") do not name its doer.
    if not agents:
        governing = _governing_verb(tree, noun)
        if governing is not None and tree.lemma(governing) not in dictionary.reaction_verbs:
            active, passive = _subjects(tree, governing)
            # "were engaged in ethnic cleansing": an adjectival passive's subject is the doer.
            agents += [_counted(tree, a) for a in (active or passive)]
            # "issued a stern reminder to Iraq": the light verb's target is the event's.
            if not targets and tree.dep(noun) == "dobj" and tree.head(noun) == governing:
                targets += _targets(tree, governing, dictionary, agents)
    agents = [a for a in _with_conjuncts(tree, agents) if _nominal(tree, a)]
    targets = [t for t in _with_conjuncts(tree, targets) if t not in agents and _nominal(tree, t)]
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
        agents = [a for a in _subjects(tree, main)[0] if _nominal(tree, a)]
        targets = [t for s in tree.children(head, ("nsubj",)) for t in _descend(tree, s, dictionary)]
        return [Argument(a, "agent") for a in _with_conjuncts(tree, agents)] + [
            Argument(t, "target") for t in _with_conjuncts(tree, targets) if t not in agents
        ]
    if token.dep in ("acomp", "aux", "auxpass", "prt", "neg", "advmod", "oprd") and head != trigger:
        # "is willing to withdraw", "has agreed": the subject is the governing verb's,
        # the objects are those of the adjective's or particle's clause.
        found = _verb_arguments(tree, head, dictionary)
        doers = [a for a in found if a.role == "agent"]
        taken = {a.head for a in doers}
        # "ready to contribute troops to X": the targets are those of the adjective's clause.
        clause = next(iter(tree.children(trigger, ("xcomp",))), trigger)
        aimed = [Argument(t, "target") for t in _with_conjuncts(tree, _targets(tree, clause, dictionary, []))]
        aimed = [t for t in aimed if t.head not in taken] or [a for a in found if a.role == "target"]
        return doers + aimed
    return _verb_arguments(tree, trigger, dictionary)


def _modal_arguments(tree: DepTree, verb: int, dictionary: ActorDictionary) -> list[Argument]:
    """ "X said that Y must leave": X demands, Y is asked; without a speaker, the clause itself."""
    speech = tree.head(verb)
    if tree.dep(verb) == "ccomp" and speech != verb:
        agents = [a for a in _subjects(tree, speech)[0] if _nominal(tree, a)]
        targets = [
            t for s in tree.children(verb, ("nsubj", "nsubjpass")) for t in _descend(tree, s, dictionary)
        ]
        if agents:
            return [Argument(a, "agent") for a in _with_conjuncts(tree, agents)] + [
                Argument(t, "target") for t in _with_conjuncts(tree, targets) if t not in agents
            ]
    return _verb_arguments(tree, verb, dictionary)
