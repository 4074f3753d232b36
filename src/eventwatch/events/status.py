"""Factuality of a trigger (status), who reported it (attribution), and stated rules that are not events.

Pure functions over a ``Parse``. The word lists are grammar (modal verbs, negators, reporting
verbs), not domain vocabulary, so they live here rather than in the ontology.
"""

from __future__ import annotations

from .matcher import Parse

__all__ = ["attribution", "clause_depth", "is_generic", "is_rule", "status"]

_PLAN = frozenset(
    {
        "plan",
        "intend",
        "prepare",
        "aim",
        "schedule",
        "expect",
        "seek",
        "want",
        "hope",
        "propose",
        "decide",
        "vow",
        "pledge",
        "promise",
        "agree",
        "offer",
        "undertake",
        "resolve",
        "consider",
        "mull",
        "set",
        "poise",
        "going",
    }
)
_THREAT = frozenset({"threaten", "warn"})
_NEGATING = frozenset(
    {
        "refuse",
        "deny",
        "decline",
        "fail",
        "reject",
        "avoid",
        "stop",
        "prevent",
        "halt",
        "thwart",
        "foil",
        "avert",
        "cancel",
        "call off",
        "abandon",
    }
)
_HYPOTHETICAL_ADJ = frozenset({"ready", "willing", "able", "prepared", "likely", "possible", "unlikely"})
_MODALS = frozenset({"could", "might", "may", "would", "should", "can", "must", "ought", "shall"})
_FUTURE = frozenset({"will", "'ll", "shall"})
_REPORTED = frozenset({"reportedly", "allegedly", "purportedly", "apparently", "supposedly"})
_ALLEGE = frozenset({"allege", "claim", "accuse", "suspect", "rumor", "rumour"})
_REPORTING = frozenset(
    {
        "say",
        "report",
        "tell",
        "announce",
        "state",
        "add",
        "confirm",
        "claim",
        "allege",
        "write",
        "quote",
        "cite",
        "note",
        "disclose",
        "reveal",
        "insist",
        "declare",
        "inform",
    }
)
_RULE_WORDS = frozenset(
    {
        "punishable",
        "penalty",
        "imprisonment",
        "jail",
        "prison",
        "fine",
        "code",
        "law",
        "article",
        "statute",
        "sentence",
        "years",
    }
)
_RULE_VERBS = frozenset({"carry", "entail", "attract", "be", "constitute", "face"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_CLIMB_DEPS = frozenset({"xcomp", "ccomp", "pobj", "pcomp", "dobj", "nsubjpass", "acl", "prep", "nsubj"})


def _climb(parse: Parse, index: int) -> list[tuple[int, str]]:
    """The trigger and the words governing it, each with the link that led there.

    Infinitive/complement links ("plans to attack"), objects ("seek the release") and a noun
    trigger's own verb ("if the smuggling continues") are followed.
    """
    chain = [(index, "")]
    current = index
    for _ in range(4):
        token = parse.tokens[current]
        if token.dep not in _CLIMB_DEPS or token.head == current:
            break
        if token.dep == "prep" and parse.lemmas[current] not in ("for", "to", "of", "on"):
            break  # "after a spill", "during the talks": circumstances, not the object of a plan
        current = token.head
        chain.append((current, token.dep))
        if parse.tokens[current].pos == "VERB" and parse.tokens[current].dep not in ("xcomp", "prep"):
            break
    return chain


def status(parse: Parse, head: int) -> tuple[str, str | None]:
    """The status of the event triggered at token ``head`` and the cue that decided it."""
    tokens = parse.tokens
    chain = _climb(parse, head)
    for level, (i, link) in enumerate(chain):
        lemma = parse.lemmas[i]
        kids = parse.children[i]
        kid_lemmas = {parse.lemmas[k] for k in kids}
        kid_deps = {tokens[k].dep: k for k in kids}
        # a governing verb's meaning counts, except the verb a noun trigger is the subject of
        governs = level > 0 and link != "nsubj"
        if governs and lemma in _THREAT:
            return "threatened", lemma
        if governs and lemma in _NEGATING:
            return "negated", lemma
        if "neg" in kid_deps or (tokens[i].pos in _NOUN_POS and kid_lemmas & {"no"}):
            return "negated", parse.forms[kid_deps.get("neg", i)]
        if governs and (lemma in _PLAN or lemma in _HYPOTHETICAL_ADJ):
            return ("hypothetical", lemma) if lemma in _HYPOTHETICAL_ADJ else ("planned", lemma)
        aux = [k for k in kids if tokens[k].dep in ("aux", "auxpass")]
        if any(parse.lemmas[k] in _FUTURE or parse.forms[k] in _FUTURE for k in aux):
            return "planned", "will"
        if any(parse.forms[k] in _MODALS for k in aux):
            modal = next(parse.forms[k] for k in aux if parse.forms[k] in _MODALS)
            reported = tokens[i].dep == "ccomp" and parse.lemmas[tokens[i].head] in _REPORTING
            if modal == "would" and reported:
                return "planned", "would"  # "said they would boycott": a reported 'will'
            return "hypothetical", modal
        for k in kids:
            if tokens[k].dep == "advcl":
                continue
            if tokens[k].dep == "mark" and parse.lemmas[k] in ("if", "unless", "whether"):
                return "hypothetical", parse.lemmas[k]
            if parse.lemmas[k] in _REPORTED:
                return "reported", parse.lemmas[k]
        if governs and lemma in _ALLEGE:
            return "reported", lemma
    token = tokens[head]
    if token.tag == "VBG" and any(
        tokens[k].dep == "aux" and parse.lemmas[k] == "be" for k in parse.children[head]
    ):
        return "ongoing", "progressive"
    return "occurred", None


def attribution(parse: Parse, head: int) -> str | None:
    """Who the sentence says reported the event: "according to X", "X said (that) ...", "..., X said"."""
    lo, hi = parse.bounds[parse.sentence[head]]
    for i in range(lo, hi - 1):
        if parse.lemmas[i] == "accord" and parse.lemmas[i + 1] == "to":
            objects = [k for k in parse.children[i + 1] if parse.tokens[k].dep == "pobj"]
            if objects:
                return _text(parse, parse.subtree(objects[0]))
    for i in range(lo, hi):
        if parse.lemmas[i] not in _REPORTING or parse.tokens[i].pos not in ("VERB", "AUX") or i == head:
            continue
        if (
            head in parse.subtree(i)
            or parse.tokens[head].head == i
            or parse.tokens[i].dep in ("parataxis", "ROOT")
        ):
            for k in parse.children[i]:
                if parse.tokens[k].dep in ("nsubj",) and head not in parse.subtree(k):
                    words = parse.subtree(k)
                    if parse.tokens[k].pos != "PRON":
                        return _text(parse, words)
    return None


def _text(parse: Parse, indexes: list[int]) -> str:
    first, last = parse.tokens[indexes[0]], parse.tokens[indexes[-1]]
    return parse.text[first.start : last.end]


def is_rule(parse: Parse, head: int) -> bool:
    """Whether the trigger names an offence in a statement of a rule ("Desertion carries up to ten years")."""
    token = parse.tokens[head]
    if token.pos not in _NOUN_POS:
        return False
    words = set(parse.lemmas[slice(*parse.bounds[parse.sentence[head]])])
    if not words & _RULE_WORDS:
        return False
    if "punishable" in words:
        return True
    governor = token.head
    determiners = {parse.lemmas[k] for k in parse.children[head] if parse.tokens[k].dep == "det"}
    if determiners & {"the", "a", "an", "this", "that"}:
        return False
    if token.dep in ("nsubj", "pobj", "compound") and parse.lemmas[governor] in _RULE_VERBS | {
        "for",
        "penalty",
    }:
        return True
    return token.dep == "pobj" and parse.lemmas[governor] == "for" and "penalty" in words


_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "pobj", "pcomp", "appos", "npadvmod", "csubj"})


def clause_depth(parse: Parse, head: int) -> int:
    """How many subordinate links separate the trigger from its sentence's main clause.

    "X said (that) Y happened": Y counts as main (reporting verbs are transparent);
    "... over an air raid in which ...": the raid is one level down.
    """
    depth, current = 0, head
    for _ in range(12):
        token = parse.tokens[current]
        if token.head == current or token.dep == "ROOT":
            break
        governor = token.head
        if token.dep in _SUBORDINATE or (token.dep == "ccomp" and parse.lemmas[governor] not in _REPORTING):
            depth += 1
        elif token.dep == "amod" and token.pos == "VERB":
            depth += 1  # a participle modifying a noun: "the detained journalists"
        current = governor
    return depth


_HABITUAL = frozenset(
    {
        "usually",
        "often",
        "generally",
        "typically",
        "always",
        "regularly",
        "frequently",
        "routinely",
        "normally",
    }
)
_GENERIC_PREDICATES = frozenset(
    {
        "common",
        "rare",
        "illegal",
        "crime",
        "offence",
        "offense",
        "widespread",
        "frequent",
        "prohibited",
        "forbidden",
        "banned",
        "punishable",
        "unlawful",
        "legal",
    }
)
_PRESENT = frozenset({"VBZ", "VBP"})


def is_generic(parse: Parse, head: int) -> bool:
    """Whether the trigger sits in a generic or habitual statement, not a report of an event.

    "Protesters usually gather in the square", "Kidnapping is common in the region".
    """
    token = parse.tokens[head]
    verb = head if token.pos in ("VERB", "AUX") else token.head
    if parse.tokens[verb].tag not in _PRESENT:
        return False
    kids = parse.children[verb]
    if any(parse.lemmas[k] in _HABITUAL for k in kids):
        return True
    if token.pos in _NOUN_POS and token.dep == "nsubj" and parse.lemmas[verb] == "be":
        determiners = [k for k in parse.children[head] if parse.tokens[k].dep in ("det", "poss")]
        predicates = {parse.lemmas[k] for k in kids if parse.tokens[k].dep in ("acomp", "attr")}
        return not determiners and bool(predicates & _GENERIC_PREDICATES)
    return False
