"""Deduplication: event mentions from many reports grouped into one record per real-world event.

A pure library (no storage): build ``Mention`` records, call ``cluster`` (optionally with analyst
must-link / cannot-link constraints) and ``summarise`` each cluster's members. The rules are data
in ``eventwatch/data/dedup.yaml``.
"""

from .cluster import candidate_pairs, cluster
from .compare import compare, features, text_similarity, tokens
from .model import ActorKey, Cluster, Decision, Mention, Why
from .rules import Rules, load_rules
from .summary import summarise

__all__ = [
    "ActorKey",
    "Cluster",
    "Decision",
    "Mention",
    "Rules",
    "Why",
    "candidate_pairs",
    "cluster",
    "compare",
    "features",
    "load_rules",
    "summarise",
    "text_similarity",
    "tokens",
]
