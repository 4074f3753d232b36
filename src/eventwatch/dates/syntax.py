"""What the date grammar and the event dater read from the dependency parse in ``doc.tokens``:
the token at an offset, a token's clause head, the tense of a clause, whether a number counts
a noun. Works on the plain ``Token`` records; no spaCy object is needed.
"""

from __future__ import annotations

from bisect import bisect_right

from ..document import Token

__all__ = ["Parse"]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_HEADS = frozenset({"expect", "schedule", "plan", "due", "intend", "aim"})
_STATIVE = frozenset({"be", "say", "tell", "have", "report", "know", "think", "believe", "seem", "remain"})
_TIME_NOUNS = frozenset(
    {
        "year",
        "month",
        "week",
        "day",
        "season",
        "quarter",
        "period",
        "election",
        "census",
        "budget",
        "edition",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "vintage",
        "model",
        "level",
        "figure",
        "total",
        "rate",
    }
)
_CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "csubj", "acl", "pcomp"}
)


class Parse:
    """Index over one document's tokens."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self._starts = [t.start for t in tokens]
        self._children: dict[int, list[int]] | None = None

    def index(self, offset: int) -> int | None:
        """The token covering character ``offset`` (or the last one before it)."""
        i = bisect_right(self._starts, offset) - 1
        return i if 0 <= i < len(self.tokens) else None

    def children(self, i: int) -> list[int]:
        """Indices of the tokens whose head is token ``i``."""
        if self._children is None:
            self._children = {}
            for k, tok in enumerate(self.tokens):
                if tok.head != k:
                    self._children.setdefault(tok.head, []).append(k)
        return self._children.get(i, [])

    def span_head(self, start: int, end: int) -> int | None:
        """The token of ``start:end`` whose head lies outside the span (its syntactic head)."""
        first = self.index(start)
        if first is None:
            return None
        last = first
        while last + 1 < len(self.tokens) and self.tokens[last + 1].start < end:
            last += 1
        for k in range(first, last + 1):
            head = self.tokens[k].head
            if head == k or not first <= head <= last:
                return k
        return first

    def clause(self, i: int) -> int:
        """The verb heading the clause that token ``i`` belongs to (``i`` itself if it is one)."""
        seen = set()
        while i not in seen:
            seen.add(i)
            tok = self.tokens[i]
            if tok.pos in ("VERB", "AUX") and (tok.dep in _CLAUSE_DEPS or tok.head == i):
                return i
            if tok.head == i:
                return i
            i = tok.head
        return i

    def path_up(self, i: int) -> list[int]:
        """Token ``i`` and its ancestors up to the sentence root."""
        path, seen = [i], {i}
        while self.tokens[i].head != i and self.tokens[i].head not in seen:
            i = self.tokens[i].head
            path.append(i)
            seen.add(i)
        return path

    def tense(self, start: int, end: int) -> int:
        """-1 past, +1 future, 0 unknown, for the clause governing the expression at ``start:end``.

        News usage: a modal ("will", "could", "might", "would" in reported speech), "is to", a
        verb of planning, or a bare present ("meets Monday") points ahead; a past tense back.
        """
        head = self.span_head(start, end)
        if head is None:
            return 0
        verb = self.clause(head)
        for _ in range(3):
            tok = self.tokens[verb]
            aux = [self.tokens[k] for k in self.children(verb) if self.tokens[k].dep in ("aux", "auxpass")]
            lemmas = {a.lemma.lower() for a in aux}
            if lemmas & _FUTURE_AUX or any(a.tag == "MD" for a in aux) or tok.lemma.lower() in _FUTURE_HEADS:
                return 1
            if "to" in lemmas and tok.head != verb:
                parent = self.tokens[tok.head]
                if parent.lemma.lower() in _FUTURE_HEADS or parent.lemma.lower() == "be":
                    return 1
            if tok.tag == "VBD" or any(a.tag == "VBD" for a in aux):
                return -1
            if tok.tag == "VBN" and "have" in lemmas:
                return -1
            if tok.dep in ("xcomp", "conj") and tok.head != verb:
                verb = self.clause(tok.head)
                continue
            # "meets Monday" points ahead; a VBP may be a mis-tagged past ("stocks hit a low Friday").
            if tok.tag == "VBZ" and not aux and tok.lemma.lower() not in _STATIVE:
                return 1
            return 0
        return 0

    def counts_noun(self, start: int) -> bool:
        """Whether the number at ``start`` modifies a non-time noun ("2000 soldiers")."""
        i = self.index(start)
        if i is None:
            return False
        tok = self.tokens[i]
        if tok.dep != "nummod" or tok.head == i:
            return False
        head = self.tokens[tok.head]
        # "2000 soldiers" counts; "the 1996 campaign" (singular head) and "the 1992 protests"
        # (after a determiner or a possessive) are years used as modifiers.
        previous = self.tokens[i - 1] if i > 0 else None
        if previous is not None and previous.tag in ("DT", "PRP$", "POS"):
            return False
        return (
            head.tag in ("NNS", "NNPS") and head.lemma.lower() not in _TIME_NOUNS and head.start > tok.start
        )
