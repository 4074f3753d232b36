"""Actor phrases in the dependency tree: their span, whether they name someone, and the
people a phrase stands for ("thousands of Iraqi Kurds" -> Kurds, "the removal of X" -> X).

Used by ``roles`` (who did what to whom) and the stage (each actor's text and span).
"""

from __future__ import annotations

from ..countries import country_code
from .dictionary import ActorDictionary
from .tree import DepTree

__all__ = [
    "actor_like",
    "counted",
    "descend",
    "merge_names",
    "names_a_party",
    "nominal",
    "phrase_bounds",
    "pobjs",
    "with_conjuncts",
]

_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}
# Cut from a phrase: relative clauses and clauses, conjuncts (their own actors), asides.
_CUT = ("relcl", "conj", "cc", "advcl", "parataxis", "punct_edge", "preconj")
_EDGE_POS = {"PUNCT", "SPACE"}
_CONJUNCTIONS = {"and", "or", "nor", "&", ",", ";", "plus"}
_NOT_ACTOR_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "EVENT"}
_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_PRONOUNS = {"he", "him", "she", "her", "they", "them", "it", "we", "us", "i", "me", "you"}
# Prepositions inside a thing-phrase that lead to the actor it concerns.
_INNER_PREPS = {"of", "to", "with", "against", "for", "from", "on", "by", "between", "among"}


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
    named = tree.tokens[head].ent_type not in _NOT_ACTOR_ENTS
    while named and lo > 0 and tree.tokens[lo].ent_iob == "I" and lo - 1 != exclude:
        lo -= 1
    while named and hi + 1 < len(tree.tokens) and tree.tokens[hi + 1].ent_iob == "I" and hi + 1 != exclude:
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


def nominal(tree: DepTree, index: int) -> bool:
    token = tree.tokens[index]
    if token.tag == "PRP" and tree.word(index).lower() in _PRONOUNS:
        # A pronoun the tagger swept into a date ("expelled them years ago") still names someone.
        return True
    if token.ent_type in _NOT_ACTOR_ENTS:
        return False
    if token.ent_type in ("NORP", "GPE", "ORG") and token.ent_iob == "B":
        return True
    return token.pos in _NOMINAL or token.tag in ("NN", "NNS", "NNP", "NNPS", "PRP", "PRP$")


def actor_like(tree: DepTree, index: int, dictionary: ActorDictionary) -> bool:
    """Whether the phrase headed by ``index`` names someone (not a thing): a person, group,
    organisation, country, pronoun, or a word the dictionary knows."""
    token = tree.tokens[index]
    if not nominal(tree, index):
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


def names_a_party(tree: DepTree, index: int, dictionary: ActorDictionary) -> bool:
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


def descend(tree: DepTree, index: int, dictionary: ActorDictionary, depth: int = 0) -> list[int]:
    """The actors inside a phrase that names a thing: "Turkey's efforts", "the removal of X",
    "sanctions against Nigeria", "a meeting with President Obama"."""
    index = counted(tree, index)
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
                found = descend(tree, obj, dictionary, depth + 1)
                if found:
                    return found
    modifier = _country_modifier(tree, index)
    return [modifier] if modifier is not None else []


def counted(tree: DepTree, index: int) -> int:
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


def with_conjuncts(tree: DepTree, heads: list[int]) -> list[int]:
    out: list[int] = []
    stack = [counted(tree, head) for head in heads]
    while stack:
        index = stack.pop(0)
        if index in out:
            continue
        out.append(index)
        stack.extend(k for k in tree.children(index, ("conj",)) if _conjunct(tree, index, k))
    return out


def _conjunct(tree: DepTree, index: int, kid: int) -> bool:
    """A real conjunct ("Finland and Sweden", "Iran, Libya"), not a piece of a hyphenated name."""
    if not nominal(tree, kid) or tree.tokens[kid].ent_iob == "I" or not tree.word(kid)[:1].isalnum():
        return False
    between = range(min(index, kid) + 1, max(index, kid))
    return any(tree.word(i).lower() in _CONJUNCTIONS for i in between)


def pobjs(tree: DepTree, index: int, preps: set[str]) -> list[int]:
    found: list[int] = []
    for prep in tree.children(index, ("prep",)):
        if tree.lemma(prep) in preps:
            found.extend(k for k in tree.children(prep, ("pobj",)) if nominal(tree, k))
    return found


def merge_names(tree: DepTree, heads: list[int]) -> list[int]:
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
