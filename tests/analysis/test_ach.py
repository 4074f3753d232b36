"""ACH scoring: least evidence against leads; diagnosticity; the ranking over time."""

from __future__ import annotations

import pytest

from eventwatch.analysis import ach
from eventwatch.analysis.ach import Rating


def test_least_inconsistent_hypothesis_leads_regardless_of_support() -> None:
    ratings = [
        Rating(1, 1, "CC"),
        Rating(1, 2, "C"),
        Rating(2, 1, "CC"),
        Rating(2, 2, "N"),
        Rating(3, 1, "I"),
        Rating(3, 2, "C"),
    ]
    ranking = ach.rank([1, 2], ratings)
    # H1 has far more support, but one item against it: H2 leads.
    assert [(r.hypothesis, r.rank, r.inconsistency, r.consistency) for r in ranking] == [
        (2, 1, 0.0, 2.0),
        (1, 2, 1.0, 4.0),
    ]


def test_weights_and_very_inconsistent_count_double() -> None:
    ranking = ach.rank([1, 2], [Rating(1, 1, "II", weight=1.5), Rating(2, 2, "I", weight=2.0)])
    by = {r.hypothesis: r.inconsistency for r in ranking}
    assert by == {1: 3.0, 2: 2.0}


def test_ties_share_a_rank() -> None:
    ranking = ach.rank([1, 2, 3], [Rating(1, 1, "I"), Rating(1, 2, "I")])
    assert [(r.hypothesis, r.rank) for r in ranking] == [(3, 1), (1, 2), (2, 2)]
    assert ach.leader(ranking) == [3]


def test_diagnosticity_is_zero_for_evidence_that_fits_everything() -> None:
    scores = ach.diagnosticity(
        [
            Rating(1, 1, "C"),
            Rating(1, 2, "C"),
            Rating(2, 1, "CC"),
            Rating(2, 2, "II"),
            Rating(3, 1, "NA"),
            Rating(3, 2, "C"),
        ]
    )
    assert scores[1] == 0.0
    assert scores[2] == pytest.approx(2.0)
    assert scores[3] == 0.0


def test_history_replays_changes_and_later_ratings_replace_earlier() -> None:
    changes = [
        Rating(1, 1, "C", at="2024-01-01"),
        Rating(1, 2, "I", at="2024-01-01"),
        Rating(2, 1, "II", at="2024-01-05"),
        Rating(2, 1, "N", at="2024-01-09"),
    ]
    timeline = ach.history([1, 2], changes)
    assert [when for when, _ in timeline] == ["2024-01-01", "2024-01-05", "2024-01-09"]
    assert [ach.leader(r) for _, r in timeline] == [[1], [2], [1]]
    assert {(r.item, r.hypothesis): r.code for r in ach.current(changes)} == {
        (1, 1): "C",
        (1, 2): "I",
        (2, 1): "N",
    }


def test_unknown_rating_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rating"):
        ach.rating_value("maybe")
