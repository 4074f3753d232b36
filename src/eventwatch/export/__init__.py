"""Exports of stored events: CSV, JSON, GeoJSON, ACLED-style CSV and PLOVER JSON, optionally redacted.

The library behind ``eventwatch export`` and the HTTP API's export endpoint::

    from eventwatch.export import export
    export(store, "geojson", sys.stdout, flt=EventFilter(types=["protest"]))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO

from ..errors import EventwatchError
from ..store import EventFilter, Store
from .acled import write_acled
from .flat import write_csv, write_geojson, write_json
from .plover import write_plover
from .records import Record, iter_records
from .redact import KEY_ENV, Redactor

__all__ = ["FORMATS", "KEY_ENV", "MEDIA_TYPES", "Record", "Redactor", "export", "iter_records", "writer"]

Writer = Callable[[Iterable[Record], IO[str]], int]

_WRITERS: dict[str, Writer] = {
    "csv": write_csv,
    "json": write_json,
    "geojson": write_geojson,
    "acled": write_acled,
    "plover": write_plover,
}
FORMATS: tuple[str, ...] = tuple(_WRITERS)
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
    "acled": "text/csv; charset=utf-8",
    "plover": "application/json",
}


def writer(fmt: str) -> Writer:
    """The writer for format ``fmt``; E301 for an unknown one."""
    if fmt not in _WRITERS:
        raise EventwatchError("E301", fmt=fmt, known=", ".join(FORMATS))
    return _WRITERS[fmt]


def export(
    store: Store,
    fmt: str,
    out: IO[str],
    *,
    flt: EventFilter | None = None,
    limit: int | None = None,
    redactor: Redactor | None = None,
) -> int:
    """Write the stored events matching ``flt`` to ``out`` in ``fmt``; returns how many were written."""
    write = writer(fmt)
    return write(iter_records(store, flt, limit=limit, redactor=redactor), out)
