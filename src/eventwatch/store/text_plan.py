"""Which side drives a free-text query on SQLite: the FTS5 matches, or the other filters' index.

``Store._conditions`` turns ``q`` into ``mentions.id IN (SELECT rowid FROM mentions_fts ...)``.
SQLite then looks up every matching rowid in ``mentions`` (wide rows: ~0.7 µs each, 90 ms for
97,000 matches) before it can sort, count or group them. When the words are common it is cheaper
to walk the index that serves the order or the other filters and test each entry against the
matches (the planner builds them into an in-memory set once): a page of 50 then stops after a few
hundred index entries. ``id + 0`` instead of ``id`` keeps the planner off the rowid lookups.

Both forms select the same rows; this module only picks the cheaper one, from the number of FTS
matches (counted in the FTS index alone, 10 ms for 140,000) and, for the other filters, the counts
rollup. PostgreSQL plans its own tsvector queries and is left alone.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from . import rollup_read

if TYPE_CHECKING:
    from .store import EventFilter

__all__ = ["TEXT_DRIVES", "fts_terms", "only_text", "text_count", "text_first"]

# Up to this many FTS matches, looking each one up beats walking an index (a few ms at most).
TEXT_DRIVES = 2_000


def fts_terms(q: str) -> str:
    """``q`` as an FTS5 query: each word quoted, so FTS5 syntax in user input is read as words.

    A term with no letters or digits is an empty phrase, which FTS5 ignores; no terms at all
    (blank ``q``) is one empty phrase, which matches nothing, rather than a syntax error.
    """
    return " ".join('"' + term.replace('"', '""') + '"' for term in q.split()) or '""'


def text_count(connection: Connection, q: str, *, cap: int | None = None) -> int:
    """How many mentions' evidence matches ``q`` (SQLite), from the FTS index alone; at most ``cap``."""
    matches = "SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH :terms"
    if cap is not None:
        matches += f" LIMIT {int(cap)}"
    query = text(f"SELECT count(*) FROM ({matches})")
    return int(connection.execute(query, {"terms": fts_terms(q)}).scalar() or 0)


def only_text(flt: EventFilter) -> bool:
    """Whether ``q`` is the only filter (so the FTS count is the answer)."""
    return bool(flt.q) and not (
        flt.types or flt.since or flt.until or flt.country or flt.status or flt.document_id is not None
    )


def text_first(connection: Connection, flt: EventFilter, *, wanted: int | None = None) -> bool:
    """Whether the FTS matches should drive the query for ``flt`` (else the other filters' index).

    ``wanted`` is how many rows in order the query needs (offset + limit of a page), or None when
    it reads every matching row (a count, a grouping).

    Looking up a match costs about what testing an index entry against the set of matches does
    (0.5-0.7 µs), so the text drives when there are fewer matches than index entries the other
    way would test: every row of the other filters (``others``) for a count or a grouping; for a
    page, until ``wanted`` matches are met, about ``wanted * total / matches`` rows if the words
    are spread evenly. That is: matches <= others and matches ** 2 <= wanted * total.
    """
    if flt.document_id is not None:
        # One document's mentions are a handful of index entries, unless the words are rarer still.
        return text_count(connection, flt.q or "", cap=TEXT_DRIVES + 1) <= TEXT_DRIVES
    bound = rollup_read.matching(connection, dataclasses.replace(flt, q=None))
    if wanted is not None:
        bound = min(bound, math.isqrt(wanted * rollup_read.total(connection)))
    bound = max(bound, TEXT_DRIVES)
    # Counting stops at bound + 1: the exact number is not needed, only which side of it.
    return text_count(connection, flt.q or "", cap=bound + 1) <= bound
