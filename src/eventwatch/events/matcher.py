"""Trigger matching over plain tokens: lemma/word sequences plus dependency and context constraints.

Pure functions over ``doc.tokens``; no spaCy needed. ``Parse`` indexes one document's tokens
(children, sentence of each token, lemma strings) once so every check is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Token
from .ontology import Ontology, Trigger

__all__ = ["Match", "Matcher", "Parse", "inflections"]

# Dependents on the "done to" side of a trigger, and on the "done by" side.
_OBJECT_DEPS = frozenset(
    {
        "dobj",
        "obj",
        "pobj",
        "prep",
        "nsubjpass",
        "attr",
        "compound",
        "amod",
        "nmod",
        "dative",
        "oprd",
        "acomp",
        "xcomp",
        "npadvmod",
        "advmod",
        "prt",
        "acl",
        "relcl",
        "appos",
        "nummod",
        "poss",
    }
)
_SUBJECT_DEPS = frozenset({"nsubj", "agent", "csubj"})
_NOUN_SUBJECT_DEPS = frozenset({"compound", "amod", "poss"})
_TRANSPARENT = frozenset({"-", "–", "/"})
_WINDOW = 4
_NAME_ENTITIES = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "PERSON", "GPE"})


@dataclass(slots=True)
class Parse:
    """One document's tokens with the indexes the matcher and status rules need."""

    tokens: list[Token]
    text: str
    children: list[list[int]] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    bounds: list[tuple[int, int]] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    _strings: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, tokens: list[Token], text: str) -> Parse:
        """Index ``tokens`` (of ``text``)."""
        parse = cls(tokens=tokens, text=text)
        parse.children = [[] for _ in tokens]
        for i, token in enumerate(tokens):
            if token.head != i and 0 <= token.head < len(tokens):
                parse.children[token.head].append(i)
        start = 0
        for i, token in enumerate(tokens):
            if token.sent_start and i > start:
                parse.bounds.append((start, i))
                start = i
        if tokens:
            parse.bounds.append((start, len(tokens)))
        for n, (lo, hi) in enumerate(parse.bounds):
            parse.sentence.extend([n] * (hi - lo))
        parse.lemmas = [t.lemma.lower() for t in tokens]
        parse.forms = [text[t.start : t.end].lower() for t in tokens]
        return parse

    def subtree(self, index: int, *, limit: tuple[int, int] | None = None) -> list[int]:
        """Token indexes in the dependency subtree of ``index`` (within ``limit`` bounds)."""
        lo, hi = limit or self.bounds[self.sentence[index]]
        out, stack = [], [index]
        while stack:
            i = stack.pop()
            if lo <= i < hi:
                out.append(i)
                stack.extend(self.children[i])
        return sorted(out)

    def sentence_string(self, n: int) -> str:
        """' lemma lemma ... | form form ... ' of sentence ``n``, for word and phrase look-ups."""
        cached = self._strings.get(n)
        if cached is None:
            lo, hi = self.bounds[n]
            cached = " " + " ".join(self.lemmas[lo:hi]) + " | " + " ".join(self.forms[lo:hi]) + " "
            self._strings[n] = cached
        return cached

    def words_of(self, indexes: list[int]) -> str:
        """The same lemma|form string for a set of token indexes."""
        return (
            " "
            + " ".join(self.lemmas[i] for i in indexes)
            + " | "
            + " ".join(self.forms[i] for i in indexes)
            + " "
        )


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger pattern of an event type found at some tokens."""

    type: str
    trigger: Trigger
    indexes: tuple[int, ...]
    head: int
    why: str


def _has(haystack: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if f" {word} " in haystack:
            return word
    return None


class Matcher:
    """Finds trigger matches of every ontology type, indexed by each pattern's first word."""

    def __init__(self, ontology: Ontology) -> None:
        self.index: dict[str, list[tuple[str, Trigger]]] = {}
        for event_type in ontology.types.values():
            for trigger in event_type.triggers:
                for key in inflections(trigger.words[0][0]):
                    self.index.setdefault(key, []).append((event_type.name, trigger))

    def sentence_matches(self, parse: Parse, n: int) -> list[Match]:
        """Non-overlapping matches in sentence ``n``, strongest first where two compete for a token."""
        lo, hi = parse.bounds[n]
        found: list[Match] = []
        for i in range(lo, hi):
            seen: set[int] = set()
            for key in (parse.lemmas[i], parse.forms[i]):
                for name, trigger in self.index.get(key, ()):
                    if id(trigger) in seen:
                        continue
                    seen.add(id(trigger))
                    indexes = _match_words(parse, trigger, i, hi)
                    if indexes is None:
                        continue
                    match = _check(parse, name, trigger, indexes, n)
                    if match is not None:
                        found.append(match)
        found.sort(key=lambda m: (-m.trigger.weight, -len(m.indexes), m.indexes[0]))
        kept: list[Match] = []
        used: set[int] = set()
        for match in found:
            if used.isdisjoint(match.indexes):
                kept.append(match)
                used.update(match.indexes)
        kept.sort(key=lambda m: m.indexes[0])
        return kept


@lru_cache(maxsize=8192)
def inflections(word: str) -> frozenset[str]:
    """The word and its regular inflected forms: the tagger's lemma is sometimes wrong ("raped" -> "rap")."""
    forms = {word}
    if len(word) >= 4 and word.isalpha():
        forms |= {word + "s", word + "es", word + "ed", word + "ing"}
        if word.endswith("e"):
            forms |= {word + "d", word[:-1] + "ing"}
        if word.endswith("y"):
            forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return frozenset(forms)


def _match_words(parse: Parse, trigger: Trigger, first: int, hi: int) -> tuple[int, ...] | None:
    indexes = [first]
    j = first + 1
    for word, optional in trigger.words[1:]:
        found = None
        k, skipped = j, 0
        while k < hi and skipped <= trigger.gap:
            if parse.forms[k] in _TRANSPARENT:
                k += 1
                continue
            if parse.lemmas[k] == word or parse.forms[k] in inflections(word):
                found = k
                break
            if optional:
                break
            k += 1
            skipped += 1
        if found is None:
            if optional:
                continue
            return None
        indexes.append(found)
        j = found + 1
    return tuple(indexes)


def _check(parse: Parse, name: str, trigger: Trigger, indexes: tuple[int, ...], n: int) -> Match | None:
    members = set(indexes)
    head = next(
        (i for i in indexes if parse.tokens[i].head not in members or parse.tokens[i].head == i), indexes[0]
    )
    if trigger.pos and parse.tokens[head].pos not in trigger.pos:
        return None
    if trigger.not_dep and parse.tokens[head].dep.lower() in trigger.not_dep:
        return None  # e.g. 'backed' in "Iran-backed militias" is a modifier, not an act of support
    if parse.tokens[head].pos == "PROPN" and parse.tokens[head].ent_type in _NAME_ENTITIES:
        return None  # a word inside a name: "Liberation Tigers", "Revolutionary United Front"
    reasons = [f"trigger '{trigger.pattern}'"]
    sentence = parse.sentence_string(n)
    if trigger.not_context and _has(sentence, trigger.not_context):
        return None
    if trigger.context:
        hit = _has(sentence, trigger.context)
        if hit is None:
            return None
        reasons.append(f"context '{hit}'")
    lo, hi = parse.bounds[n]
    if trigger.object:
        # the next few words too: headlines and long sentences are often mis-parsed
        window = list(range(indexes[-1] + 1, min(hi, indexes[-1] + 1 + _WINDOW)))
        hit = _has(parse.words_of(_side(parse, head, _OBJECT_DEPS, members) + window), trigger.object)
        if hit is None:
            return None
        reasons.append(f"object '{hit}'")
    if trigger.subject:
        window = list(range(max(lo, indexes[0] - _WINDOW), indexes[0]))
        hit = _has(parse.words_of(_subject_side(parse, head, members) + window), trigger.subject)
        if hit is None:
            return None
        reasons.append(f"subject '{hit}'")
    return Match(
        type=name, trigger=trigger, indexes=indexes, head=head, why=" + ".join(reasons) + f" -> {name}"
    )


def _side(parse: Parse, head: int, deps: frozenset[str], members: set[int]) -> list[int]:
    out: list[int] = []
    for child in parse.children[head]:
        if child not in members and parse.tokens[child].dep in deps:
            out.extend(parse.subtree(child))
    return out


def _subject_side(parse: Parse, head: int, members: set[int]) -> list[int]:
    token = parse.tokens[head]
    deps = _SUBJECT_DEPS | (_NOUN_SUBJECT_DEPS if token.pos in ("NOUN", "PROPN") else frozenset())
    out = _side(parse, head, deps, members)
    # by-phrases under a noun trigger ("an attack by gunmen")
    for child in parse.children[head]:
        if parse.lemmas[child] == "by" and parse.tokens[child].dep == "prep":
            out.extend(parse.subtree(child))
    if not out and token.dep in ("xcomp", "conj", "advcl", "relcl", "acl") and token.head != head:
        if token.dep in ("relcl", "acl"):
            out = [token.head]
        else:
            out = _side(parse, token.head, _SUBJECT_DEPS, members)
    return out
