"""Order-independent clustering of event mentions into canonical events.

1. Blocking: only mentions of one type group, compatible countries and nearby date windows are
   compared (a sweep over windows sorted by start).
2. Every compared pair gets a pure, symmetric ``Decision``.
3. Analyst must-links are joined first; cannot-links make a pair incompatible.
4. Linked pairs are merged strongest first (ties broken by mention keys), and two groups merge
   only if *every* pair across them is compatible (complete link), so no chain of near-matches
   joins a shelling in one town with a shelling 80 km away.

All ordering is by score and by the mentions' stable keys, never by input order, so any
permutation of the input gives the same partition. Mentions that share no linked path never
influence each other, so clustering a closed neighbourhood gives the same result as clustering
everything (what the incremental store update relies on).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from .compare import Features, compare, features
from .model import Cluster, Decision, Mention, Why
from .rules import Rules, load_rules

__all__ = ["candidate_pairs", "cluster"]


def _sweep(items: list[Features], ids: list[int], span: int) -> Iterator[tuple[int, int]]:
    """Pairs (i, j) of ``ids`` whose windows start/end within ``span`` days of each other."""
    order = sorted(range(len(items)), key=lambda n: (items[n].lo, ids[n]))
    active: list[int] = []
    for n in order:
        lo = items[n].lo
        assert lo is not None
        active = [m for m in active if (items[m].hi or 0) + span >= lo]
        for m in active:
            yield ids[m], ids[n]
        active.append(n)


def candidate_pairs(feats: Sequence[Features], rules: Rules) -> Iterator[tuple[int, int]]:
    """Index pairs worth comparing: same type group, countries equal or unknown, dates close."""
    span = rules.max_tolerance
    blocks: dict[str, dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, feat in enumerate(feats):
        if feat.lo is not None:
            blocks[feat.group][feat.mention.country].append(n)
    for by_country in blocks.values():
        unplaced = by_country.get(None, [])
        for country, ids in by_country.items():
            if country is None:
                yield from _sweep([feats[n] for n in ids], ids, span)
                continue
            pool = ids + unplaced
            for i, j in _sweep([feats[n] for n in pool], pool, span):
                # Pairs of two unplaced mentions come from the unplaced block's own sweep.
                if feats[i].mention.country is not None or feats[j].mention.country is not None:
                    yield i, j


class _Groups:
    """Union-find keeping each group's members, roots always the smallest index."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {n: [n] for n in range(size)}

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, a: int, b: int) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra].extend(self.members.pop(rb))


def _pair(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def cluster(
    mentions: Sequence[Mention],
    *,
    rules: Rules | None = None,
    must: Iterable[tuple[str, str]] = (),
    cannot: Iterable[tuple[str, str]] = (),
) -> list[Cluster]:
    """Partition ``mentions`` into canonical events; ``must``/``cannot`` are analyst constraints by key.

    Constraints naming keys that are not among ``mentions`` are ignored. Returns the clusters
    sorted by their first key, each with its keys sorted and why each mention belongs.
    """
    rules = rules or load_rules()
    ordered = sorted(mentions, key=lambda m: m.key)
    index = {m.key: n for n, m in enumerate(ordered)}
    if len(index) != len(ordered):
        raise ValueError("mention keys must be unique")
    feats = [features(m, rules) for m in ordered]
    banned = {_pair(index[a], index[b]) for a, b in cannot if a in index and b in index}
    compatible: set[tuple[int, int]] = set()
    links: list[tuple[float, int, int, Decision]] = []
    for i, j in candidate_pairs(feats, rules):
        pair = _pair(i, j)
        if pair in banned:
            continue
        decision = compare(feats[pair[0]], feats[pair[1]], rules)
        if decision.compatible:
            compatible.add(pair)
            if decision.link:
                links.append((-decision.score, pair[0], pair[1], decision))
    groups = _Groups(len(ordered))
    forced = sorted(_pair(index[a], index[b]) for a, b in must if a in index and b in index and a != b)
    for i, j in forced:
        groups.union(i, j)
    links.sort(key=lambda link: link[:3])
    for _, i, j, _decision in links:
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            continue
        if all(_pair(x, y) in compatible for x in groups.members[ri] for y in groups.members[rj]):
            groups.union(ri, rj)
    return _result(ordered, groups, links, forced)


def _result(
    ordered: list[Mention],
    groups: _Groups,
    links: list[tuple[float, int, int, Decision]],
    forced: list[tuple[int, int]],
) -> list[Cluster]:
    why: dict[int, Why] = {}

    def offer(n: int, partner: int, score: float, decision: Decision) -> None:
        best = why.get(n)
        candidate = Why(partner=ordered[partner].key, score=score, parts=dict(decision.parts), rule="linked")
        better = best is None or score > best.score
        if better or (
            best is not None and score == best.score and str(candidate.partner) < str(best.partner)
        ):
            why[n] = candidate

    for negative, i, j, decision in links:
        if groups.find(i) == groups.find(j):
            offer(i, j, -negative, decision)
            offer(j, i, -negative, decision)
    for i, j in forced:
        for n, partner in ((i, j), (j, i)):
            if n not in why:
                why[n] = Why(partner=ordered[partner].key, score=1.0, parts={}, rule="analyst merge")
    clusters = []
    for root in sorted(groups.members):
        members = sorted(groups.members[root])
        reasons = {
            ordered[n].key: why.get(n, Why(partner=None, score=0.0, parts={}, rule="single report"))
            for n in members
        }
        clusters.append(Cluster(keys=[ordered[n].key for n in members], why=reasons))
    return clusters
