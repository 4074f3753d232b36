"""The timeline chart, drawn on the server as SVG: stacked bars of events per day or week, by type.

No JavaScript, so it renders under a strict CSP and in any browser; every label is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

__all__ = ["PALETTE", "colour_for", "timeline_svg"]

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def colour_for(kind: str, kinds: Sequence[str]) -> str:
    """A stable colour for an event type within the ordered list of types shown."""
    return PALETTE[kinds.index(kind) % len(PALETTE)] if kind in kinds else PALETTE[-1]


def _buckets(first: str, last: str, *, weekly: bool) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    step = dt.timedelta(days=7 if weekly else 1)
    out = []
    while start <= end:
        out.append(start.isoformat())
        start += step
    return out


def timeline_svg(stats: dict[str, Any], *, width: int = 640, height: int = 240, max_days: int = 90) -> Markup:
    """Stacked bars per day (spans up to ``max_days``) or per week, one colour per type, with a legend."""
    by_day: dict[str, int] = stats.get("by_day") or {}
    if not by_day:
        return Markup('<p class="muted">No dated events to chart.</p>')
    days = sorted(by_day)
    weekly = (dt.date.fromisoformat(days[-1]) - dt.date.fromisoformat(days[0])).days > max_days
    key = "week" if weekly else "day"
    rows = stats[f"by_{key}_type"]
    buckets = _buckets(min(r[key] for r in rows), max(r[key] for r in rows), weekly=weekly)
    kinds = list(stats.get("by_type") or {})
    counts: dict[str, dict[str, int]] = {b: {} for b in buckets}
    for row in rows:
        counts.setdefault(row[key], {})[row["type"]] = row["count"]
    peak = max(sum(c.values()) for c in counts.values()) or 1
    left, bottom, top, legend = 36, 24, 8, 18 * ((len(kinds) + 4) // 5)
    plot_h = height - bottom - top - legend
    bar_w = (width - left - 8) / max(len(buckets), 1)
    unit = key
    parts = [
        f'<svg class="timeline" role="img" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>Events per {unit} by type</title>",
        f'<text class="axis" x="{left - 4}" y="{top + 10}" text-anchor="end">{peak}</text>',
        f'<text class="axis" x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}"/>',
    ]
    for i, bucket in enumerate(buckets):
        y: float = top + plot_h
        x = left + i * bar_w
        for kind in kinds:
            n = counts.get(bucket, {}).get(kind, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" '
                f'fill="{colour_for(kind, kinds)}"><title>{escape(bucket)} {escape(kind)}: {n}</title></rect>'
            )
    label_every = max(1, len(buckets) // 8)
    for i in range(0, len(buckets), label_every):
        x = left + i * bar_w + bar_w / 2
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
            f"{escape(buckets[i])}</text>"
        )
    for j, kind in enumerate(kinds):
        x = left + (j % 5) * ((width - left) / 5)
        y = height - legend + 14 + 18 * (j // 5)
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 10}" width="10" height="10" fill="{colour_for(kind, kinds)}"/>'
        )
        parts.append(f'<text class="legend" x="{x + 14:.1f}" y="{y}">{escape(kind)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
