"""Rule-based coreference for actors: a pronoun or a repeated description ("he", "they",
"the soldier", "the young man") takes the last compatible mention before it.

Compatible means: he/she/him/her -> a named person or a singular person noun; they/them ->
a plural noun, a named group or an institution; it -> an organisation, a country or a
singular institution; "the soldier" -> an earlier phrase with the same head word, and
"the man" / "the young woman" -> the last person. A mention in the same clause as the
pronoun (a co-argument of its verb) is never its antecedent.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..countries import fold
from .coding import Coded, PhraseCoder
from .tree import DepTree

__all__ = ["PERSON_PRONOUNS", "PLURAL_PRONOUNS", "THING_PRONOUNS", "Antecedent", "CorefResolver"]

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
_INSTITUTIONS = frozenset(
    [
        "government",
        "army",
        "ministry",
        "police",
        "military",
        "court",
        "parliament",
        "administration",
        "authority",
        "committee",
        "council",
        "navy",
        "unit",
        "brigade",
        "regiment",
        "party",
        "union",
        "service",
        "cabinet",
        "regime",
        "agency",
        "office",
        "department",
        "force",
        "guard",
        "organisation",
        "organization",
        "movement",
        "group",
        "alliance",
        "country",
        "state",
        "republic",
        "kingdom",
        "company",
        "embassy",
    ]
)
_GENERIC_PEOPLE = frozenset(
    ["man", "woman", "person", "youth", "boy", "girl", "guy", "individual", "suspect", "victim"]
)
_HEAD_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "ROOT", "poss"}
_LOOKBACK_SENTENCES = 3


@dataclass(slots=True)
class Antecedent:
    """The mention a pronoun or description resolves to, and how it codes."""

    head: int
    coded: Coded


class CorefResolver:
    """Finds antecedents in one document."""

    def __init__(self, tree: DepTree, coder: PhraseCoder) -> None:
        self.tree = tree
        self.coder = coder
        self.person_words = frozenset(
            key for key, sense in coder.dictionary.words.items() if sense.sector not in ("BUS", "IGO")
        )

    def _is_person_noun(self, index: int) -> bool:
        lemma = fold(self.tree.lemma(index))
        return lemma not in _INSTITUTIONS and (lemma in self.person_words or lemma in _GENERIC_PEOPLE)

    def _label(self, index: int) -> str:
        return self.tree.tokens[index].ent_type

    def _compatible(self, pronoun: str, index: int) -> bool:
        tree = self.tree
        token = tree.tokens[index]
        if token.pos not in ("NOUN", "PROPN") or token.dep not in _HEAD_DEPS:
            return False
        if token.dep == "compound" or (
            token.ent_iob == "I" and index + 1 < len(tree.tokens) and tree.tokens[index + 1].ent_iob == "I"
        ):
            return False
        label = self._label(index)
        lemma = fold(tree.lemma(index))
        if pronoun in PERSON_PRONOUNS:
            return label == "PERSON" or (token.tag == "NN" and self._is_person_noun(index))
        if pronoun in PLURAL_PRONOUNS:
            if token.tag in ("NNS", "NNPS"):
                return (
                    label in ("NORP", "ORG", "GPE")
                    or self._is_person_noun(index)
                    or lemma in self.person_words
                )
            return label in ("ORG", "NORP") or lemma in _INSTITUTIONS
        if pronoun in THING_PRONOUNS:
            return label in ("ORG", "GPE") or (token.tag == "NN" and lemma in _INSTITUTIONS)
        return False

    def _sentence_floor(self, index: int) -> int:
        lo = index
        for _ in range(_LOOKBACK_SENTENCES + 1):
            lo, _hi = self.tree.sentence_bounds(lo)
            if lo == 0:
                return 0
            lo -= 1
        return lo + 1

    def _entity_head(self, index: int) -> int:
        """The last token of the entity holding ``index`` (the head of a multi-word name)."""
        tokens = self.tree.tokens
        while index + 1 < len(tokens) and tokens[index + 1].ent_iob == "I":
            index += 1
        return index

    def _code(self, head: int) -> Coded:
        from .phrases import phrase_bounds

        lo, hi = phrase_bounds(self.tree, head)
        return self.coder.code(lo, hi, head)

    def pronoun(self, index: int) -> Antecedent | None:
        """The antecedent of the pronoun at ``index``, if one is compatible."""
        tree = self.tree
        word = tree.word(index).lower()
        if word not in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
            return None
        verb = tree.head(index)
        for candidate in range(index - 1, self._sentence_floor(index) - 1, -1):
            if tree.head(candidate) == verb and tree.dep(candidate) in ("nsubj", "dobj", "nsubjpass"):
                continue
            if self._compatible(word, candidate):
                # "Ivan Sidorov, a conscript": the name, not the description, is the antecedent.
                if tree.dep(candidate) == "appos" and self._compatible(word, tree.head(candidate)):
                    candidate = tree.head(candidate)
                head = (
                    self._entity_head(candidate)
                    if tree.tokens[candidate].ent_iob in ("B", "I")
                    else candidate
                )
                return Antecedent(head, self._code(head))
        return None

    def description(self, lo: int, head: int) -> Antecedent | None:
        """The earlier mention a definite description ("the soldier") repeats, if any."""
        tree = self.tree
        if tree.word(lo).lower() not in ("the", "this", "that") or tree.tokens[head].tag != "NN":
            return None
        lemma = fold(tree.lemma(head))
        generic = lemma in _GENERIC_PEOPLE
        for candidate in range(lo - 1, self._sentence_floor(lo) - 1, -1):
            token = tree.tokens[candidate]
            if token.pos not in ("NOUN", "PROPN") or token.dep == "compound":
                continue
            same = fold(tree.lemma(candidate)) == lemma
            person = generic and (self._label(candidate) == "PERSON" or self._is_person_noun(candidate))
            if same or person:
                head_index = self._entity_head(candidate) if token.ent_iob in ("B", "I") else candidate
                return Antecedent(head_index, self._code(head_index))
        return None
