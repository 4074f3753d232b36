"""Scoring a clustering against gold event labels: records per true event and false merges.

``records per true event`` is the mean, over gold events, of how many predicted events their
reports ended up in (1.0 = every event is one record). A ``false merge`` is a predicted event
holding reports of more than one gold event. Pairwise precision/recall count report pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .model import ActorKey, Mention

__all__ = ["Score", "mention_from_record", "score_partition"]


@dataclass(frozen=True, slots=True)
class Score:
    """How a predicted partition compares with the gold one."""

    reports: int
    gold_events: int
    predicted_events: int
    records_per_event: float
    false_merges: int
    wrongly_merged_pairs: int
    pair_precision: float
    pair_recall: float

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict."""
        return asdict(self)


def _pairs(groups: Mapping[Any, list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for members in groups.values() for a in members for b in members if a < b}


def score_partition(gold: Mapping[str, str], predicted: Mapping[str, Any]) -> Score:
    """Compare ``predicted`` (report id -> predicted event) with ``gold`` (report id -> gold event).

    Only reports present in both mappings are scored.
    """
    ids = sorted(set(gold) & set(predicted))
    by_gold: dict[str, list[str]] = defaultdict(list)
    by_pred: dict[Any, list[str]] = defaultdict(list)
    for report in ids:
        by_gold[gold[report]].append(report)
        by_pred[predicted[report]].append(report)
    records = [len({predicted[r] for r in members}) for members in by_gold.values()]
    false_merges = sum(1 for members in by_pred.values() if len({gold[r] for r in members}) > 1)
    gold_pairs, pred_pairs = _pairs(by_gold), _pairs(by_pred)
    right = len(gold_pairs & pred_pairs)
    return Score(
        reports=len(ids),
        gold_events=len(by_gold),
        predicted_events=len(by_pred),
        records_per_event=round(sum(records) / len(records), 3) if records else 0.0,
        false_merges=false_merges,
        wrongly_merged_pairs=len(pred_pairs - gold_pairs),
        pair_precision=round(right / len(pred_pairs), 3) if pred_pairs else 1.0,
        pair_recall=round(right / len(gold_pairs), 3) if gold_pairs else 1.0,
    )


def mention_from_record(record: Mapping[str, Any]) -> Mention:
    """The hand-built mention of one corpus record (``tests/dedup/corpus/corpus.jsonl``)."""
    data = record["mention"]
    location = data.get("location") or {}
    date = data.get("date") or {}
    quantities = data.get("quantities") or {}
    return Mention(
        key=str(record["id"]),
        type=data["type"],
        status=data.get("status", "occurred"),
        date_start=date.get("start"),
        date_end=date.get("end"),
        precision=date.get("precision", "unknown"),
        published=record.get("published"),
        country=location.get("country"),
        place=location.get("name"),
        lat=location.get("lat"),
        lon=location.get("lon"),
        feature=location.get("feature"),
        actors=tuple(
            ActorKey(role=a["role"], country=a.get("country"), sector=a.get("sector"))
            for a in data.get("actors") or []
        ),
        text=str(record["text"]),
        source=record.get("source"),
        document=str(record["id"]),
        fatalities=quantities.get("fatalities"),
        injured=quantities.get("injured"),
        participants=quantities.get("participants"),
    )
