"""A small view of the dependency tree in ``doc.tokens``: children, subtrees, paths.

Stages keep plain ``Token`` records on the Document; this rebuilds the child lists once per
document so actor and quantity rules can walk the tree without spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document, Event, Token

__all__ = ["DepTree", "event_anchor", "token_at"]


def token_at(doc: Document, offset: int) -> int | None:
    """The index of the token covering character ``offset`` (binary search), if any."""
    lo, hi = 0, len(doc.tokens) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        token = doc.tokens[mid]
        if offset < token.start:
            hi = mid - 1
        elif offset >= token.end:
            lo = mid + 1
        else:
            return mid
    return None


def event_anchor(doc: Document, event: Event) -> int | None:
    """The token index of the event's trigger, else of the root of its first evidence sentence."""
    if event.trigger is not None:
        index = token_at(doc, event.trigger.start)
        if index is not None:
            return index
    if event.evidence:
        index = token_at(doc, event.evidence[0].start)
        seen: set[int] = set()
        while index is not None and doc.tokens[index].head != index and index not in seen:
            seen.add(index)
            index = doc.tokens[index].head
        return index
    return None


class DepTree:
    """Children, subtrees and tree distances over ``doc.tokens``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens: list[Token] = doc.tokens
        self._children: list[list[int]] = [[] for _ in doc.tokens]
        for index, token in enumerate(doc.tokens):
            if token.head != index and 0 <= token.head < len(doc.tokens):
                self._children[token.head].append(index)

    def word(self, index: int) -> str:
        """The token's text."""
        token = self.tokens[index]
        return self.doc.text[token.start : token.end]

    def lemma(self, index: int) -> str:
        """The token's lemma, lower-cased."""
        return self.tokens[index].lemma.lower()

    def dep(self, index: int) -> str:
        """The token's dependency label."""
        return self.tokens[index].dep

    def head(self, index: int) -> int:
        """The token's head index (itself for a root)."""
        return self.tokens[index].head

    def children(self, index: int, deps: Iterable[str] | None = None) -> list[int]:
        """The children of ``index``, only those with a label in ``deps`` when given."""
        kids = self._children[index]
        if deps is None:
            return list(kids)
        wanted = set(deps)
        return [k for k in kids if self.tokens[k].dep in wanted]

    def subtree(self, index: int, *, skip: Iterable[str] = ()) -> list[int]:
        """Sorted indices of the subtree of ``index``, leaving out children labelled in ``skip``."""
        banned = set(skip)
        out = [index]
        stack = [index]
        while stack:
            for kid in self._children[stack.pop()]:
                if self.tokens[kid].dep not in banned:
                    out.append(kid)
                    stack.append(kid)
        return sorted(out)

    def ancestors(self, index: int) -> list[int]:
        """Heads of ``index`` up to the root, nearest first."""
        out: list[int] = []
        seen = {index}
        while (head := self.tokens[index].head) not in seen:
            out.append(head)
            seen.add(head)
            index = head
        return out

    def dominates(self, top: int, index: int) -> bool:
        """Whether ``top`` is ``index`` or one of its ancestors."""
        return top == index or top in self.ancestors(index)

    def distance(self, left: int, right: int) -> int:
        """Number of edges on the tree path between two tokens (large if not connected)."""
        up_left = [left, *self.ancestors(left)]
        up_right = [right, *self.ancestors(right)]
        where = {tok: depth for depth, tok in enumerate(up_right)}
        for depth, tok in enumerate(up_left):
            if tok in where:
                return depth + where[tok]
        return 10_000

    def is_passive(self, index: int) -> bool:
        """Whether the verb at ``index`` is passive (an auxpass or nsubjpass child)."""
        return bool(self.children(index, ("auxpass", "nsubjpass")))

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        """Token index range ``[lo, hi)`` of the sentence holding ``index``."""
        lo = index
        while lo > 0 and not self.tokens[lo].sent_start:
            lo -= 1
        hi = index + 1
        while hi < len(self.tokens) and not self.tokens[hi].sent_start:
            hi += 1
        return lo, hi
