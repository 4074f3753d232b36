"""Merged fields of one canonical event, with disagreements kept visible."""

from __future__ import annotations

from eventwatch.dedup import Mention, summarise


def report(key: str, **fields: object) -> Mention:
    base: dict[str, object] = {
        "type": "shelling",
        "date_start": "2024-03-12",
        "date_end": "2024-03-12",
        "precision": "day",
        "country": "UKR",
        "place": "Kupiansk",
        "lat": 49.7,
        "lon": 37.6,
        "feature": "city",
    }
    base.update(fields)
    return Mention(key=key, **base)  # type: ignore[arg-type]


def test_conflicting_fatalities_are_all_shown_and_the_lowest_used() -> None:
    merged = summarise(
        [
            report("a", fatalities=5, source="Outlet A", published="2024-03-13"),
            report("b", fatalities=3, source="Outlet B", published="2024-03-12"),
            report("c", fatalities=None, source="Outlet A", published="2024-03-14"),
        ]
    )
    assert merged["fatalities"] == 3
    assert merged["conflicts"] == {"fatalities": [3, 5]}
    assert merged["reports"] == 3 and merged["sources"] == 2
    assert (merged["first_reported"], merged["last_reported"]) == ("2024-03-12", "2024-03-14")


def test_the_most_precise_date_and_place_win_and_disagreements_are_listed() -> None:
    merged = summarise(
        [
            report(
                "a",
                date_start="2024-03-01",
                date_end="2024-03-31",
                precision="month",
                place="Kharkiv Oblast",
                feature="admin1",
            ),
            report("b"),
            report("c", date_start="2024-03-13", date_end="2024-03-13", place="Kupiansk"),
            report("d"),
        ]
    )
    assert merged["date"] == {"start": "2024-03-12", "end": "2024-03-12", "precision": "day"}
    assert merged["place"]["name"] == "Kupiansk"
    assert merged["conflicts"]["date"] == ["2024-03-12", "2024-03-13"]
    assert "place" not in merged["conflicts"]


def test_agreeing_reports_show_no_conflicts() -> None:
    merged = summarise([report("a", injured=2), report("b", injured=2), report("c", type="shelling")])
    assert merged["injured"] == 2
    assert merged["conflicts"] == {}
