"""Quality gate on the public benchmark sets in ../shared/bench (present in CI, absent in a user's clone).

Each set is extracted once with the default pipeline, validated against the contract by the
referee (`score.py validate`) and scored (`score.py --json`); the figures must not fall below the
floors pinned in `floors.json`. Raise a floor when quality improves; never lower one to pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwatch import pipeline
from eventwatch.document import Document
from eventwatch.readers import read

REPO = Path(__file__).resolve().parents[2]
BENCH = Path(os.environ.get("EVENTWATCH_BENCH_DIR", REPO.parent / "shared" / "bench"))
FLOORS: dict[str, dict[str, float]] = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))

pytestmark = pytest.mark.bench

if not (BENCH / "score.py").exists():
    reason = (
        f"QUALITY GATE SKIPPED: no benchmark sets at {BENCH} (they sit beside the repo as ../shared/bench "
        "in CI; set EVENTWATCH_BENCH_DIR to run the gate elsewhere)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason.replace("SKIPPED", "MISSING IN CI"), pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def _get(metrics: dict[str, Any], dotted: str) -> float:
    value: Any = metrics
    for key in dotted.split("."):
        value = value[key]
    return float(value)


@pytest.fixture(scope="module")
def scored(
    tmp_path_factory: pytest.TempPathFactory, default_pipeline: pipeline.Pipeline
) -> Iterator[dict[str, Any]]:
    """Extract every gold set once; yield {set name: (validate result, score JSON)}."""
    out = tmp_path_factory.mktemp("bench")
    results: dict[str, Any] = {}
    for name in FLOORS:
        gold = BENCH / "data" / f"{name}.jsonl"
        pred = out / f"{name}.pred.jsonl"
        docs = (item for item in read([str(gold)]) if isinstance(item, Document))
        with pred.open("w", encoding="utf-8") as handle:
            for doc in default_pipeline.pipe(docs):
                handle.write(json.dumps(doc.to_contract(), ensure_ascii=False) + "\n")
        validate = subprocess.run(
            [sys.executable, str(BENCH / "score.py"), "validate", str(pred), "--gold", str(gold)],
            capture_output=True,
            text=True,
            check=False,
        )
        report = out / f"{name}.score.json"
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "score.py"),
                "--gold",
                str(gold),
                "--pred",
                str(pred),
                "--json",
                str(report),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = (validate, json.loads(report.read_text("utf-8")))
    yield results


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_output_validates_against_the_contract(scored: dict[str, Any], name: str) -> None:
    validate, _ = scored[name]
    assert validate.returncode == 0, validate.stdout[-2000:] + validate.stderr[-2000:]


@pytest.mark.parametrize(
    ("name", "metric"),
    [(name, metric) for name, floors in sorted(FLOORS.items()) for metric in sorted(floors)],
)
def test_quality_does_not_fall_below_its_floor(scored: dict[str, Any], name: str, metric: str) -> None:
    _, metrics = scored[name]
    value = _get(metrics, metric)
    floor = FLOORS[name][metric]
    print(f"{name} {metric}: {value:.3f} (floor {floor:.3f})")
    assert value >= floor, f"{name} {metric} fell to {value:.3f}, below its floor {floor:.3f}"
