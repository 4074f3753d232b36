"""A board exported: the matrix as CSV, and a self-contained HTML report (no scripts, no remote assets)."""

from __future__ import annotations

import csv
import io
from typing import Any

from jinja2 import Environment, select_autoescape

from ..store import Store
from ..store.clusters_read import event_detail
from . import ach
from .boards import Matrix, board_items

__all__ = ["matrix_csv", "report_html"]


def matrix_csv(matrix: Matrix) -> str:
    """One row per evidence item: its ratings per hypothesis, weight, diagnosticity and sources."""
    out = io.StringIO()
    writer = csv.writer(out)
    labels = [label for _, label, _ in matrix.board.hypotheses]
    writer.writerow(["item", "kind", "title", "weight", "diagnosticity", "reports", "sources", *labels])
    for item in board_items(matrix):
        codes = [item.ratings.get(hyp_id, ("", None))[0] for hyp_id, _, _ in matrix.board.hypotheses]
        writer.writerow(
            [
                item.id,
                item.kind,
                item.title,
                item.weight,
                f"{item.diagnosticity:.2f}",
                item.reports,
                item.sources,
                *codes,
            ]
        )
    by_id = {r.hypothesis: r for r in matrix.ranking}
    writer.writerow(
        [
            "",
            "",
            "weighted inconsistency",
            "",
            "",
            "",
            "",
            *(by_id[h].inconsistency for h, _, _ in matrix.board.hypotheses),
        ]
    )
    writer.writerow(["", "", "rank", "", "", "", "", *(by_id[h].rank for h, _, _ in matrix.board.hypotheses)])
    return out.getvalue()


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{ board.name }} — competing hypotheses</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
th{background:#f3f3f3}.CC,.C{background:#dff0d8}.I,.II{background:#f8d7da}.II,.CC{font-weight:bold}
.lead{background:#fff3cd}blockquote{margin:.3rem 0 .3rem 1rem;color:#444}.muted{color:#777;font-size:.9em}
</style></head><body>
<h1>{{ board.name }}</h1>
{% if board.question %}<p>{{ board.question }}</p>{% endif %}
<h2>Hypotheses, ranked</h2>
<p class="muted">The hypothesis with the least weighted evidence against it leads (I = 1, II = 2, times the item's weight).</p>
<table><tr><th>rank</th><th>hypothesis</th><th>against</th><th>for</th></tr>
{% for r in ranking %}<tr class="{{ 'lead' if r.rank == 1 else '' }}"><td>{{ r.rank }}</td>
<td>{{ labels[r.hypothesis] }}: {{ texts[r.hypothesis] }}</td><td>{{ r.inconsistency }}</td><td>{{ r.consistency }}</td></tr>
{% endfor %}</table>
<h2>Matrix</h2>
<p class="muted">Most diagnostic items first: an item rated alike under every hypothesis cannot tell them apart.</p>
<table><tr><th>evidence</th><th>weight</th><th>diagnosticity</th><th>sources</th>
{% for h in board.hypotheses %}<th>{{ h[1] }}</th>{% endfor %}</tr>
{% for item in items %}<tr><td><a href="#item-{{ item.id }}">{{ item.title }}</a></td><td>{{ item.weight }}</td>
<td>{{ '%.2f' % item.diagnosticity }}</td><td>{{ item.sources }} ({{ item.reports }} reports)</td>
{% for h in board.hypotheses %}{% set r = item.ratings.get(h[0]) %}<td class="{{ r[0] if r else '' }}"
title="{{ rating_names.get(r[0], '') if r else '' }}">{{ r[0] if r else '' }}</td>{% endfor %}</tr>
{% endfor %}</table>
<h2>How the ranking moved</h2>
<table><tr><th>when</th><th>leading</th>{% for h in board.hypotheses %}<th>{{ h[1] }} against</th>{% endfor %}</tr>
{% for when, ranked in history %}{% set by = dict_of(ranked) %}<tr><td>{{ when }}</td>
<td>{{ leaders(ranked) }}</td>{% for h in board.hypotheses %}<td>{{ by[h[0]].inconsistency }}</td>{% endfor %}</tr>
{% endfor %}</table>
<h2>Evidence</h2>
{% for item in items %}<section id="item-{{ item.id }}"><h3>{{ item.title }}</h3>
<p class="muted">{{ item.kind }} · added {{ item.added_at }} by {{ item.added_by }}</p>
{% for ev in evidence.get(item.id, []) %}<blockquote>“{{ ev.text }}”<br>
<span class="muted">{% if ev.url %}<a href="{{ ev.url }}">{{ ev.title or ev.url }}</a>{% else %}{{ ev.title or ev.doc_id }}{% endif %}
{% if ev.published %} · {{ ev.published }}{% endif %}</span></blockquote>{% endfor %}
</section>{% endfor %}
<h2>Rating history</h2>
<table><tr><th>when</th><th>item</th><th>hypothesis</th><th>rating</th><th>by</th><th>why</th></tr>
{% for r in log %}<tr><td>{{ r.changed_at }}</td><td>{{ r.title }}</td><td>{{ r.label }}</td><td>{{ r.code }}</td>
<td>{{ r.changed_by }}</td><td>{{ r.why or '' }}</td></tr>{% endfor %}</table>
</body></html>
"""


def _safe_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def report_html(store: Store, matrix: Matrix, log: list[dict[str, Any]]) -> str:
    """The board as one HTML file: ranking, matrix, history, and each item's source sentences."""
    evidence: dict[int, list[dict[str, Any]]] = {}
    for item in matrix.items:
        if item.event_id is None:
            continue
        detail = event_detail(store, item.event_id)
        evidence[item.id] = [
            {
                "text": member["evidence"],
                "url": _safe_url(member.get("url")),
                "title": member.get("title"),
                "doc_id": member.get("doc_id"),
                "published": member.get("published"),
            }
            for member in detail["mentions"]
        ]
    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = environment.from_string(_TEMPLATE)
    labels = {h: label for h, label, _ in matrix.board.hypotheses}
    return template.render(
        board=matrix.board,
        ranking=matrix.ranking,
        labels=labels,
        texts={h: text for h, _, text in matrix.board.hypotheses},
        items=board_items(matrix),
        history=matrix.history,
        evidence=evidence,
        log=log,
        rating_names={code: name for code, (name, _) in ach.RATINGS.items()},
        dict_of=lambda ranked: {r.hypothesis: r for r in ranked},
        leaders=lambda ranked: ", ".join(labels[h] for h in ach.leader(ranked)),
    )
