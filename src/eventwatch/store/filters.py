"""The filter terms event mentions and canonical events share: type, date window, country."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_
from sqlalchemy.sql.expression import ColumnCollection

__all__ = ["window_conditions"]


def window_conditions(
    columns: ColumnCollection[str, Any],
    *,
    types: Sequence[str],
    since: str | None,
    until: str | None,
    country: str | None,
) -> list[Any]:
    """WHERE terms over a table with ``type``, ``date_start``, ``date_end`` and ``country`` columns.

    An event counts in a window when its dates overlap it; an event with no end date counts from
    ``since`` on, one with no start date never falls before ``until``.
    """
    conditions: list[Any] = []
    if types:
        conditions.append(columns.type.in_(list(types)))
    if since:
        conditions.append(or_(columns.date_end >= since, columns.date_end.is_(None)))
    if until:
        conditions.append(columns.date_start <= until)
    if country:
        conditions.append(columns.country == country.upper())
    return conditions
