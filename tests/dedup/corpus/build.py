"""Build ``corpus.jsonl`` from ``source.yaml`` (and ``holdout.jsonl`` from ``holdout.yaml``): one report
a line with its gold event and mention.

Run from the repository root: ``python tests/dedup/corpus/build.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
_FIELDS = ("type", "date", "precision", "place", "actors", "fatalities", "injured", "participants")


def _date(value: Any, precision: str | None) -> dict[str, Any]:
    if isinstance(value, list):
        start, end = (str(v) for v in value)
        return {"start": start, "end": end, "precision": precision or "range"}
    text = str(value)
    if len(text) == 7:  # a month: YYYY-MM
        first = dt.date.fromisoformat(text + "-01")
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return {"start": first.isoformat(), "end": last.isoformat(), "precision": "month"}
    return {"start": text, "end": text, "precision": precision or "day"}


def build(source: str = "source.yaml") -> list[dict[str, Any]]:
    """Every report of the YAML file ``source`` (in this folder) as a corpus record."""
    data = yaml.safe_load((HERE / source).read_text("utf-8"))
    places = data["places"]
    records = []
    for event in data["events"]:
        for n, report in enumerate(event["reports"], start=1):
            merged = {key: event.get(key) for key in _FIELDS}
            merged.update({key: report[key] for key in _FIELDS if key in report})
            place = places[merged["place"]] if merged["place"] else None
            mention = {
                "type": merged["type"],
                "status": "occurred",
                "date": _date(merged["date"], merged["precision"]),
                "location": dict(place) if place else None,
                "actors": [
                    {"role": role, "country": country, "sector": sector}
                    for role, country, sector in merged["actors"] or []
                ],
                "quantities": {k: merged[k] for k in ("fatalities", "injured", "participants")},
            }
            records.append(
                {
                    "id": f"{event['id']}-{n}",
                    "event": event["id"],
                    "near": event.get("near"),
                    "kind": event.get("kind"),
                    "source": report["source"],
                    "published": str(report["published"]),
                    "text": report["text"],
                    "mention": mention,
                }
            )
    return records


if __name__ == "__main__":
    for source, target in (("source.yaml", "corpus.jsonl"), ("holdout.yaml", "holdout.jsonl")):
        lines = [json.dumps(record, ensure_ascii=False) for record in build(source)]
        (HERE / target).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} reports written to {HERE / target}")
