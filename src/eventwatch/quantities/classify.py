"""What a number counts: the dead, the injured, people taking part, or items.

Decided from the dependency tree around the number: the noun it counts, the verb that
governs that noun and its voice ("killed 5 people", "5 people were killed", "5 dead",
"the death toll rose to 5", "wounded two others"). Ages, durations, dates, percentages and
label numbers ("Resolution 1244", "38th brigade") count nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..actors.dictionary import load_dictionary
from ..actors.tree import DepTree
from ..countries import country_code
from .lexicon import Lexicon
from .numbers import NumberMention

__all__ = ["Reading", "classify", "governor", "is_killing"]

Kind = Literal["fatalities", "injured", "participants", "item"]

_NOT_COUNT_ENTS = {"DATE", "TIME", "PERCENT", "ORDINAL"}
_NOT_PEOPLE_SECTORS = {"BUS", "IGO", "NGO"}
# "sustained injuries", "suffered wounds", "were treated for burns"
_HURT_NOUNS = {"injury", "wound", "burn", "fracture", "injuries", "wounds", "burns"}
_SUFFER_VERBS = {"sustain", "suffer", "receive", "treat", "hospitalize", "hospitalise"}
_MODIFIER_DEPS = {"nummod", "quantmod", "compound", "amod", "det", "nmod", "npadvmod"}
# Where a bare number ("arresting 12") can stand for people.
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "appos", "conj"}


@dataclass(slots=True)
class Reading:
    """A number read as a count of ``kind``; ``node`` is its place in the tree, ``noun`` what it counts."""

    kind: Kind
    mention: NumberMention
    node: int
    noun: int | None
    governor: int | None
    unit: str | None = None


def governor(tree: DepTree, node: int) -> tuple[int, str]:
    """The word that governs ``node`` and the relation, looking through conjunctions and 'of'."""
    dep = tree.dep(node)
    while dep == "conj" and tree.head(node) != node:
        node = tree.head(node)
        dep = tree.dep(node)
    return tree.head(node), dep


def is_killing(tree: DepTree, verb: int, lex: Lexicon) -> bool:
    """Whether the verb kills: a killing verb, or any verb with "dead" / "to death" ("shot dead")."""
    if tree.lemma(verb) in lex.kill_verbs:
        return True
    for kid in tree.children(verb):
        if tree.lemma(kid) == "dead":
            return True
        to_death = any(tree.lemma(obj) == "death" for obj in tree.children(kid, ("pobj",)))
        if tree.dep(kid) == "prep" and tree.lemma(kid) == "to" and to_death:
            return True
    return verb + 1 < len(tree.tokens) and tree.word(verb + 1).lower() == "dead"


def _not_a_count(tree: DepTree, mention: NumberMention, lex: Lexicon) -> bool:
    tokens = tree.tokens
    run = range(mention.first, mention.last + 1)
    if mention.currency is None and any(tokens[i].ent_type in _NOT_COUNT_ENTS for i in run):
        return True
    after = [tree.word(i).lower() for i in range(mention.last + 1, min(mention.last + 4, len(tokens)))]
    if after and after[0] in ("%", "percent", "per", "pc", "th", "st", "nd", "rd"):
        return True
    joined = "".join(after)
    if joined.startswith(("-year", "year-old", "-month", "yearold")) or after[:2] == ["years", "old"]:
        return True
    before = tree.word(mention.first - 1).lower() if mention.first > 0 else ""
    if before in ("aged", "age", "no.", "number", "#"):
        return True
    value = mention.value
    last = mention.last
    if (
        not mention.vague
        and value.is_integer()
        and 1800 <= value <= 2100
        and mention.first == mention.last
        and mention.currency is None
        and tree.dep(last) not in ("nummod",)
    ):
        return True
    # ", 62," after a name is an age.
    if (
        before == ","
        and after[:1] in ([","], ["."], [")"])
        and value < 120
        and mention.first >= 2
        and tokens[mention.first - 2].pos in ("PROPN", "NOUN")
    ):
        return True
    # A number after its head noun labels it: "Resolution 1244", "Brigade 38", "Article 5".
    head = tree.head(last)
    return (
        tree.dep(last) in ("nummod", "appos", "npadvmod", "compound")
        and head < mention.first
        and (tokens[head].pos in ("PROPN", "NOUN"))
    )


def _counted(tree: DepTree, mention: NumberMention) -> tuple[int, int | None]:
    """The tree node standing for the number's phrase, and the noun it counts (if any)."""
    run = set(range(mention.first, mention.last + 1))
    top = mention.last
    for index in run:
        if tree.head(index) not in run or tree.head(index) == index:
            top = index
    head = tree.head(top)
    if tree.dep(top) in _MODIFIER_DEPS and head not in run and head > top:
        # "20 thousand army dog tags": the parser may hang the number on a compound word.
        while tree.dep(head) == "compound" and tree.head(head) > head:
            head = tree.head(head)
        return head, head
    for prep in tree.children(top, ("prep",)):
        if tree.lemma(prep) == "of":
            objects = tree.children(prep, ("pobj",))
            if objects:
                return top, objects[0]
    return top, None


def _is_person(tree: DepTree, noun: int | None, lex: Lexicon) -> bool:
    if noun is None:
        return False
    lemma = tree.lemma(noun)
    word = tree.word(noun)
    if lemma in lex.person_nouns or word.lower() in lex.person_nouns:
        return True
    # Any word the actor dictionary knows as a kind of people ("columnists", "border guards").
    sense = load_dictionary().word(lemma) or load_dictionary().word(word)
    if sense is not None and sense.sector not in _NOT_PEOPLE_SECTORS:
        return True
    if tree.tokens[noun].ent_type in ("NORP", "PERSON"):
        return True
    return country_code(word) is not None and word[:1].isupper() and word.lower().endswith("s")


def _casualty(
    tree: DepTree, node: int, noun: int | None, mention: NumberMention, lex: Lexicon
) -> Kind | None:
    """'fatalities' or 'injured' when the tree says the counted people died or were hurt."""
    for word in (noun, node):
        if (
            word is not None
            and tree.lemma(word) in lex.dead_words
            and tree.lemma(word) not in ("killed", "died")
        ) and (tree.lemma(word) != "life" or tree.lemma(tree.head(word)) in ("claim", "take", "cost")):
            return "fatalities"
        if word is not None and tree.lemma(word) in ("injury", "wounded", "injured"):
            return "injured"
    # "5 dead", "five killed", "two others wounded", "one soldier was shot dead"
    nxt = mention.last + 1
    if noun is not None and noun >= nxt:
        nxt = noun + 1
    while nxt < len(tree.tokens) and tree.word(nxt).lower() in (
        "others",
        "other",
        "more",
        "people",
        "persons",
    ):
        nxt += 1
    if nxt < len(tree.tokens) and not tree.children(nxt, ("dobj",)):
        following = tree.word(nxt).lower()
        if following in ("dead", "killed", "died"):
            return "fatalities"
        if following in ("wounded", "injured", "hurt"):
            return "injured"
    head, dep = governor(tree, node)
    verb = tree.lemma(head)
    passive = tree.is_passive(head) or tree.tokens[head].tag == "VBN"
    if is_killing(tree, head, lex) and (dep in ("dobj", "nsubjpass") or (dep == "nsubj" and passive)):
        return "fatalities"
    if verb in lex.injure_verbs and (dep in ("dobj", "nsubjpass") or (dep == "nsubj" and passive)):
        return "injured"
    if verb in lex.die_verbs and dep == "nsubj":
        return "fatalities"
    if verb in _SUFFER_VERBS and dep in ("nsubj", "nsubjpass"):
        objects = tree.children(head, ("dobj",)) + [
            o for p in tree.children(head, ("prep",)) for o in tree.children(p, ("pobj",))
        ]
        if any(tree.lemma(o) in _HURT_NOUNS for o in objects):
            return "injured"
    # "5 people killed in the blast", "civilians who were wounded"
    for kid in tree.children(node, ("acl", "amod", "relcl")):
        if tree.lemma(kid) in lex.kill_verbs or tree.lemma(kid) in lex.die_verbs:
            return "fatalities"
        if tree.lemma(kid) in lex.injure_verbs:
            return "injured"
    # "the death toll rose to 5", "a toll of 5", "the toll is 5"
    if dep in ("pobj", "attr", "dobj", "npadvmod"):
        anchor = tree.head(head) if dep == "pobj" else head
        subjects = [*tree.children(anchor, ("nsubj", "nsubjpass")), anchor, head]
        for subject in subjects:
            if tree.lemma(subject) in lex.toll_words:
                compounds = [tree.lemma(k) for k in tree.children(subject, ("compound", "amod"))]
                return "injured" if any(c in ("injury", "casualty") for c in compounds) else "fatalities"
    return None


def _chain(tree: DepTree, index: int, top: int) -> list[int]:
    """``index`` and its heads up to (not including) ``top``."""
    out = [index]
    for node in tree.ancestors(index):
        if node == top:
            break
        out.append(node)
    return out


def classify(tree: DepTree, mention: NumberMention, lex: Lexicon) -> Reading | None:
    """Read ``mention`` as a count, or ``None`` when it counts nothing an event records."""
    if mention.currency is not None:
        node, noun = _counted(tree, mention)
        return Reading("item", mention, node, noun, None, unit=mention.currency)
    if _not_a_count(tree, mention, lex):
        return None
    node, noun = _counted(tree, mention)
    head, _ = governor(tree, node)
    kind = _casualty(tree, node, noun, mention, lex)
    if kind is not None:
        return Reading(kind, mention, node, noun, head)
    if noun is None or _is_person(tree, noun, lex):
        if noun is None and tree.dep(node) not in _ARG_DEPS:
            return None
        return Reading("participants", mention, node, noun, head)
    if tree.lemma(noun) in lex.not_items or tree.tokens[noun].ent_type in _NOT_COUNT_ENTS:
        return None
    if tree.tokens[noun].pos not in ("NOUN", "PROPN") or mention.vague:
        # "several areas", "dozens of vehicles": vague counts of things are not recorded.
        return None
    parts = sorted(
        k
        for k in tree.subtree(noun)
        if k < noun and all(tree.dep(n) == "compound" for n in _chain(tree, k, noun))
    )
    unit = " ".join(tree.word(k) for k in [*parts, noun])
    return Reading("item", mention, node, noun, head, unit=unit)
