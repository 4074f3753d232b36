"""The one place the web UI touches canonical event clusters (dedup's ``store/clusters.py``).

Until clusters exist in the store, every mention counts as one report of itself; the rest of the
web package asks only these functions.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from typing import Any

from ..store import Store

__all__ = ["available", "cluster_of", "reports_by_mention"]


def available(store: Store) -> bool:
    """Whether this eventwatch has canonical event clusters."""
    return importlib.util.find_spec("eventwatch.store.clusters") is not None


def reports_by_mention(store: Store, mention_ids: Iterable[int]) -> dict[int, int]:
    """How many reports (mentions) the canonical event of each mention has; 1 without clusters."""
    return {mention_id: 1 for mention_id in mention_ids}


def cluster_of(store: Store, mention_id: int) -> dict[str, Any] | None:
    """The canonical event a mention belongs to, with its other mentions; None without clusters."""
    return None
