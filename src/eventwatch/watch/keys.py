"""What "the same event" means for an alert: the one place that decides it.

An alert fires once per canonical event, not once per report. Until mentions are linked to
canonical event clusters, each mention is its own event; a mention row that carries a
``cluster_id`` is keyed by its cluster instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["event_key"]


def event_key(mention: Mapping[str, Any]) -> str:
    """``cluster:<id>`` for a mention linked to a canonical event, else ``mention:<id>``."""
    cluster = mention.get("cluster_id")
    if cluster is not None:
        return f"cluster:{cluster}"
    return f"mention:{mention['id']}"
