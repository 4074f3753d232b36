"""Highlight segments and the SVG timeline: pure functions on hand-built inputs."""

from __future__ import annotations

import pytest

from eventwatch.web.charts import timeline_svg
from eventwatch.web.highlight import Mark, Segment, document_marks, event_marks, segments


def test_segments_split_on_mark_boundaries() -> None:
    out = segments("abcdefgh", [Mark(2, 5, "x"), Mark(4, 7, "y", href="/e/1")])
    assert out == [
        Segment("ab"),
        Segment("cd", ("x",), ("",)),
        Segment("e", ("x", "y"), ("",), "/e/1"),
        Segment("fg", ("y",), ("",), "/e/1"),
        Segment("h"),
    ]


def test_segments_respect_the_offset_and_clip() -> None:
    out = segments("world", [Mark(0, 8, "a"), Mark(9, 20, "b")], offset=6)
    assert [(s.text, s.kinds) for s in out] == [("wo", ("a",)), ("r", ()), ("ld", ("b",))]


@pytest.mark.parametrize("marks", [[], [Mark(3, 3, "empty")], [Mark(50, 60, "outside")]])
def test_segments_without_marks_are_the_text(marks: list[Mark]) -> None:
    assert segments("plain text", marks) == [Segment("plain text")]


def test_event_marks_find_date_and_place_text_in_the_span() -> None:
    text = "Yesterday police in Brest detained a man."
    span = {"text": text, "start": 100, "end": 100 + len(text)}
    event = {
        "type": "arrest",
        "trigger": {"text": "detained", "start": 126, "end": 134},
        "actors": [
            {"text": "police", "role": "agent", "start": 110, "end": 116},
            {"text": "a man", "role": "target"},
        ],
        "date": {"text": "Yesterday", "start": "2024-01-01", "end": "2024-01-01"},
        "location": {"text": "Brest", "name": "Brest", "country": "BLR"},
    }
    by_kind = {m.kind: (m.start, m.end) for m in event_marks(event, span)}
    assert by_kind == {
        "trigger": (126, 134),
        "actor-agent": (110, 116),
        "actor-target": (135, 140),
        "date": (100, 109),
        "place": (120, 125),
    }
    pieces = {s.text: s.kinds for s in segments(text, event_marks(event, span), offset=100)}
    assert pieces["detained"] == ("trigger",) and pieces["a man"] == ("actor-target",)


def test_document_marks_link_to_events() -> None:
    event = {
        "type": "protest",
        "evidence": [{"text": "x", "start": 0, "end": 10}],
        "trigger": {"text": "y", "start": 2, "end": 4},
    }
    marks = document_marks([(7, event)])
    assert {(m.kind, m.href) for m in marks} == {("evidence", "/events/7"), ("trigger", "/events/7")}


def test_timeline_svg_stacks_types_and_escapes_labels() -> None:
    stats = {
        "by_day_type": [
            {"day": "2024-01-01", "type": "protest", "count": 2},
            {"day": "2024-01-03", "type": "protest", "count": 1},
            {"day": "2024-01-03", "type": "<b>x</b>", "count": 1},
        ],
    }
    svg = str(timeline_svg(stats))
    assert svg.startswith("<svg") and "Events per day by type" in svg
    assert svg.count("<rect") == 3 + 2  # three bars and two legend swatches
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt; (1)" in svg and "protest (3)" in svg
    assert ">2024-01-02<" in svg  # empty days keep their place on the axis


@pytest.mark.parametrize(
    ("days", "unit", "first_label"),
    [
        (("2024-01-01", "2024-03-30"), "day", "2024-01-01"),
        (("2024-01-03", "2024-06-01"), "week", "2024-01-01"),
        (("2020-12-28", "2024-10-02"), "month", "2020-12"),
    ],
)
def test_timeline_bucket_grows_with_the_span(days: tuple[str, str], unit: str, first_label: str) -> None:
    stats = {"by_day_type": [{"day": day, "type": "attack", "count": 1} for day in days]}
    svg = str(timeline_svg(stats))
    assert f"Events per {unit} by type" in svg
    assert svg.count("<rect") == 2 + 1  # two bars and one legend swatch
    assert f">{first_label}</text>" in svg


def test_timeline_groups_rare_types_as_other() -> None:
    rows = [{"day": "2024-01-01", "type": f"type{i:02d}", "count": 20 - i} for i in range(12)]
    svg = str(timeline_svg({"by_day_type": rows}))
    assert "type07 (13)" in svg and "type08" not in svg
    assert "other (" + str(sum(20 - i for i in range(8, 12))) + ")" in svg


def test_timeline_without_dates() -> None:
    assert "No dated events" in str(timeline_svg({"by_day_type": []}))
