"""The resolver as a pure function: expression x publication date -> TIMEX3 value and window."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwatch.dates.finder import find, resolve

THU = "2024-03-14"  # a Thursday


@pytest.mark.parametrize(
    ("text", "anchor", "value", "first", "last", "precision"),
    [
        ("today", THU, "2024-03-14", "2024-03-14", "2024-03-14", "day"),
        ("yesterday", THU, "2024-03-13", "2024-03-13", "2024-03-13", "day"),
        ("tomorrow", THU, "2024-03-15", "2024-03-15", "2024-03-15", "day"),
        ("the day before yesterday", THU, "2024-03-12", "2024-03-12", "2024-03-12", "day"),
        ("July 27, 2011", THU, "2011-07-27", "2011-07-27", "2011-07-27", "day"),
        ("27 July 2011", THU, "2011-07-27", "2011-07-27", "2011-07-27", "day"),
        ("the 3rd of May, 2019", THU, "2019-05-03", "2019-05-03", "2019-05-03", "day"),
        ("Sept. 9", THU, "2023-09-09", "2023-09-09", "2023-09-09", "day"),
        ("March 2", THU, "2024-03-02", "2024-03-02", "2024-03-02", "day"),
        ("2024-02-29", THU, "2024-02-29", "2024-02-29", "2024-02-29", "day"),
        ("in 2011", THU, "2011", "2011-01-01", "2011-12-31", "year"),
        ("fiscal 1998", THU, "1998", "1998-01-01", "1998-12-31", "year"),
        ("in February", THU, "2024-02", "2024-02-01", "2024-02-29", "month"),
        ("in December", THU, "2023-12", "2023-12-01", "2023-12-31", "month"),
        ("June last year", THU, "2023-06", "2023-06-01", "2023-06-30", "month"),
        ("last week", THU, "2024-W10", "2024-03-04", "2024-03-10", "week"),
        ("this week", THU, "2024-W11", "2024-03-11", "2024-03-17", "week"),
        ("next week", THU, "2024-W12", "2024-03-18", "2024-03-24", "week"),
        ("last month", THU, "2024-02", "2024-02-01", "2024-02-29", "month"),
        ("last year", THU, "2023", "2023-01-01", "2023-12-31", "year"),
        ("next year", THU, "2025", "2025-01-01", "2025-12-31", "year"),
        ("earlier this month", THU, "2024-03", "2024-03-01", "2024-03-14", "range"),
        ("later this year", THU, "2024", "2024-03-14", "2024-12-31", "range"),
        ("at the start of the year", THU, "2024", "2024-01-01", "2024-04-30", "range"),
        ("two weeks ago", THU, "2024-W09", "2024-02-26", "2024-03-03", "week"),
        ("three days ago", THU, "2024-03-11", "2024-03-11", "2024-03-11", "day"),
        ("five years ago", THU, "2019", "2019-01-01", "2019-12-31", "year"),
        ("a month ago", THU, "2024-02", "2024-02-01", "2024-02-29", "month"),
        ("the third quarter", THU, "2023-Q3", "2023-07-01", "2023-09-30", "range"),
        ("the first quarter", THU, "2024-Q1", "2024-01-01", "2024-03-31", "range"),
        ("Q2 2022", THU, "2022-Q2", "2022-04-01", "2022-06-30", "range"),
        ("the first half of 2023", THU, "2023-H1", "2023-01-01", "2023-06-30", "range"),
        ("this summer", THU, "2024-SU", "2024-06-01", "2024-08-31", "range"),
        ("last fall", THU, "2023-FA", "2023-09-01", "2023-11-30", "range"),
        ("the winter of 2021", THU, "2021-WI", "2021-12-01", "2022-02-28", "range"),
        ("the 1990s", THU, "199", "1990-01-01", "1999-12-31", "range"),
        ("the 20th century", THU, "19", "1900-01-01", "1999-12-31", "range"),
        ("early 2020", THU, "2020", "2020-01-01", "2020-04-30", "range"),
        ("mid-May", THU, "2024-05", "2024-05-11", "2024-05-20", "range"),
        ("Christmas", THU, "2023-12-25", "2023-12-25", "2023-12-25", "day"),
        ("Easter 2024", THU, "2024-03-31", "2024-03-31", "2024-03-31", "day"),
        ("the year two thousand", THU, "2000", "2000-01-01", "2000-12-31", "year"),
        ("nineteen ninety-six", THU, "1996", "1996-01-01", "1996-12-31", "year"),
    ],
)
def test_dates(text: str, anchor: str, value: str, first: str, last: str, precision: str) -> None:
    mention = resolve(text, anchor)
    assert mention is not None
    assert (mention.value, mention.first, mention.last, mention.precision) == (value, first, last, precision)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("three years", "P3Y", "duration"),
        ("a month", "P1M", "duration"),
        ("twenty-four hours", "PT24H", "duration"),
        ("several weeks", "PXW", "duration"),
        ("two and a half", None, None),
        ("daily", "P1D", "set"),
        ("every Thursday", "XXXX-WXX-4", "set"),
        ("$5 a year", "P1Y", "set"),
        ("now", "PRESENT_REF", "date"),
        ("recently", "PAST_REF", "date"),
        ("in the near future", "FUTURE_REF", "date"),
        ("at 10:30 p.m. on Friday", "2024-03-08T22:30", "time"),
        ("6.10am on Wednesday", "2024-03-13T06:10", "time"),
        ("this morning", "2024-03-14TMO", "time"),
        ("last night", "2024-03-13TNI", "time"),
    ],
)
def test_durations_sets_refs_times(text: str, value: str | None, kind: str | None) -> None:
    mention = resolve(text, THU)
    if value is None:
        assert mention is None
    else:
        assert mention is not None
        assert (mention.value, mention.kind) == (value, kind)


def test_the_past_three_months_is_a_duration_with_a_window_up_to_publication() -> None:
    mention = resolve("over the past three months", THU)
    assert mention is not None
    assert (mention.value, mention.kind, mention.first, mention.last) == (
        "P3M",
        "duration",
        "2023-12-14",
        THU,
    )


def test_every_mention_has_its_span() -> None:
    text = "Talks began on 2 May 2022 and ended three days later, on Thursday."
    mentions = find(text, anchor=dt.date(2022, 5, 26))
    assert [(m.text, text[m.start : m.end]) for m in mentions] == [(m.text, m.text) for m in mentions]
    assert [m.text for m in mentions] == ["2 May 2022", "three days later", "Thursday"]
    assert mentions[1].value == "2022-05-05"  # counted from the date before it, not from publication
    assert mentions[2].value == "2022-05-26"


@pytest.mark.parametrize(
    "text",
    [
        "he may go",
        "a march on the capital",
        "2000 soldiers were deployed",
        "the index fell 1998 points",
        "Jan Kowalski said",
        "a spring in his step",
        "earlier than planned",
        "she will fall behind",
    ],
)
def test_not_dates(text: str) -> None:
    assert [m for m in find(text, anchor=dt.date(2024, 3, 14)) if m.kind in ("date", "time")] == []


def test_a_year_before_a_plural_noun_is_still_a_year_after_a_determiner() -> None:
    assert [m.value for m in find("the 1992 protests spread", anchor=dt.date(2024, 3, 14))] == ["1992"]
