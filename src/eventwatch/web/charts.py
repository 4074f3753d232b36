"""The timeline chart, drawn on the server as SVG: stacked bars of events per day, week or month, by type.

No JavaScript, so it renders under a strict CSP and in any browser; every label is escaped. The
bucket is the finest that keeps the bar count readable; the most frequent types get a colour each
and the rest are stacked together as "other".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from ..dates.calendar import next_period, period_start

__all__ = ["PALETTE", "bucket_of", "colour_for", "timeline", "timeline_svg", "unit_for"]

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22")
OTHER, OTHER_COLOUR = "other", "#9a9a9a"
# Spans up to these many days are drawn per day, then per week; longer spans per month.
DAILY_SPAN, WEEKLY_SPAN = 90, 730


def colour_for(kind: str, kinds: Sequence[str]) -> str:
    """The colour of an event type among the ordered types shown; "other" and unknown types are grey."""
    return PALETTE[kinds.index(kind) % len(PALETTE)] if kind in kinds and kind != OTHER else OTHER_COLOUR


def bucket_of(day: dt.date, unit: str) -> dt.date:
    """The first day of the day/week (Monday)/month containing ``day``."""
    return period_start(day, unit)


def _label(day: dt.date, unit: str) -> str:
    return f"{day:%Y-%m}" if unit == "month" else day.isoformat()


def unit_for(first: dt.date, last: dt.date) -> str:
    """The bucket for a chart from ``first`` to ``last``: day up to 90 days, week up to two years, else month."""
    span = (last - first).days
    return "day" if span <= DAILY_SPAN else "week" if span <= WEEKLY_SPAN else "month"


def timeline(rows: Iterable[tuple[str, str, int]], *, unit: str | None = None) -> dict[str, Any]:
    """``{"unit", "series"}``: (day, type, count) rows summed per bucket (its first day) and type.

    ``unit`` defaults to ``unit_for`` the first and last day; series are sorted by bucket, type.
    """
    rows = list(rows)
    if not rows:
        return {"unit": "day", "series": []}
    if unit is None:
        unit = unit_for(
            dt.date.fromisoformat(min(r[0] for r in rows)), dt.date.fromisoformat(max(r[0] for r in rows))
        )
    starts: dict[str, str] = {}
    counts: dict[tuple[str, str], int] = {}
    for day, kind, n in rows:
        start = starts.get(day) or starts.setdefault(
            day, bucket_of(dt.date.fromisoformat(day), unit).isoformat()
        )
        counts[(start, kind)] = counts.get((start, kind), 0) + n
    series = [{"start": start, "type": kind, "count": n} for (start, kind), n in sorted(counts.items())]
    return {"unit": unit, "series": series}


def timeline_svg(stats: dict[str, Any], *, width: int = 640, height: int = 250) -> Markup:
    """Stacked bars of ``stats["timeline"]`` (or of ``stats["by_day_type"]``) with an axis and a legend."""
    chosen = stats.get("timeline") or timeline(
        (r["day"], r["type"], r["count"]) for r in stats.get("by_day_type") or []
    )
    rows: list[dict[str, Any]] = chosen["series"]
    if not rows:
        return Markup('<p class="muted">No dated events to chart.</p>')
    unit = str(chosen["unit"])
    first = dt.date.fromisoformat(min(r["start"] for r in rows))
    last = dt.date.fromisoformat(max(r["start"] for r in rows))
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["type"]] = totals.get(row["type"], 0) + row["count"]
    ranked = sorted(totals, key=lambda k: (-totals[k], k))
    kinds = ranked[: len(PALETTE)] if len(ranked) <= len(PALETTE) + 1 else [*ranked[: len(PALETTE)], OTHER]
    counts: dict[dt.date, dict[str, int]] = {}
    bucket = bucket_of(first, unit)
    while bucket <= last:
        counts[bucket] = {}
        bucket = next_period(bucket, unit)
    for row in rows:
        kind = row["type"] if row["type"] in kinds else OTHER
        cell = counts[bucket_of(dt.date.fromisoformat(row["start"]), unit)]
        cell[kind] = cell.get(kind, 0) + row["count"]
    buckets = sorted(counts)
    peak = max(sum(c.values()) for c in counts.values()) or 1
    columns = 4
    left, top, axis = 30, 8, 18
    legend = 16 * ((len(kinds) + columns - 1) // columns) + 6
    plot_h = height - top - axis - legend
    bar_w = (width - left - 4) / len(buckets)
    parts = [
        f'<svg class="timeline" role="img" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>Events per {unit} by type</title>",
        f'<text class="axis" x="{left - 4}" y="{top + 9}" text-anchor="end">{peak}</text>',
        f'<text class="axis" x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}"/>',
    ]
    for i, bucket in enumerate(buckets):
        y: float = top + plot_h
        x = left + i * bar_w
        for kind in kinds:
            n = counts[bucket].get(kind, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.8):.1f}" height="{h:.1f}" '
                f'fill="{colour_for(kind, kinds)}"><title>{escape(_label(bucket, unit))} '
                f"{escape(kind)}: {n}</title></rect>"
            )
    label_every = max(1, round(len(buckets) / 5))
    for i in range(0, len(buckets), label_every):
        x = min(max(left + i * bar_w + bar_w / 2, left + 28), width - 34)
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{top + plot_h + 13}" text-anchor="middle">'
            f"{escape(_label(buckets[i], unit))}</text>"
        )
    cell_w = (width - left) / columns
    for j, kind in enumerate(kinds):
        x = left + (j % columns) * cell_w
        y = top + plot_h + axis + 12 + 16 * (j // columns)
        shown = kind if len(kind) <= 19 else kind[:18] + "…"
        count = sum(c.get(kind, 0) for c in counts.values())
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 9}" width="10" height="10" fill="{colour_for(kind, kinds)}"/>'
        )
        parts.append(
            f'<text class="legend" x="{x + 14:.1f}" y="{y}"><title>{escape(kind)}</title>'
            f"{escape(shown)} ({count})</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
