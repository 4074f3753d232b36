"""News conventions, the no-publication-date case, and what is never the date of an event."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwatch.dates.finder import find, resolve

THU = dt.date(2024, 3, 14)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on Thursday", "2024-03-14"),  # the same day counts
        ("on Wednesday", "2024-03-13"),
        ("on Friday", "2024-03-08"),  # the most recent Friday, not next week's
        ("last Thursday", "2024-03-07"),  # "last" skips the publication day itself
        ("next Monday", "2024-03-18"),
        ("Thursday night", "2024-03-14TNI"),
    ],
)
def test_weekdays_are_the_most_recent_such_day(text: str, value: str) -> None:
    mention = resolve(text, THU)
    assert mention is not None and mention.value == value


def test_today_with_an_explicit_date_takes_the_explicit_date() -> None:
    mentions = find("Today, May 26, the council met.", anchor=dt.date(2022, 5, 26))
    assert [(m.text, m.value) for m in mentions] == [("Today", "2022-05-26"), ("May 26", "2022-05-26")]


def test_the_written_date_fixes_the_weekday_beside_it() -> None:
    mentions = find("Today, May 26, the council met.", anchor=dt.date(2022, 5, 27))  # feed date a day late
    assert [(m.text, m.value) for m in mentions] == [("Today", "2022-05-26"), ("May 26", "2022-05-26")]


def test_since_march_is_a_range_up_to_publication() -> None:
    mention = resolve("since March", THU)
    assert mention is not None
    assert (mention.kind, mention.first, mention.last, mention.precision) == (
        "range",
        "2024-03-01",
        "2024-03-14",
        "range",
    )


def test_since_the_beginning_of_the_year_is_a_range() -> None:
    mention = resolve("since the beginning of the year", THU)
    assert mention is not None
    assert (mention.first, mention.last, mention.precision) == ("2024-01-01", "2024-03-14", "range")


def test_from_one_to_three_may_is_a_range_of_days() -> None:
    mention = resolve("from 1 to 3 May", THU)
    assert mention is not None
    assert (mention.first, mention.last, mention.precision) == ("2024-05-01", "2024-05-03", "range")


def test_between_two_years_keeps_both_ends() -> None:
    mentions = find("Prices rose between 2010 and 2012.", anchor=THU)
    assert [(m.text, m.value, m.first, m.last) for m in mentions] == [
        ("between 2010 and 2012", "2010", "2010-01-01", "2012-12-31"),
        ("2012", "2012", "2012-01-01", "2012-12-31"),
    ]


def test_overnight_is_the_night_before_publication() -> None:
    mention = resolve("overnight", THU)
    assert mention is not None
    assert (mention.first, mention.last) == ("2024-03-13", "2024-03-14")


def test_the_day_before_counts_from_the_last_day_named() -> None:
    text = "The deal was signed on 2 March. The day before, talks had nearly collapsed."
    mentions = find(text, anchor=THU)
    assert [(m.text, m.value) for m in mentions] == [
        ("2 March", "2024-03-02"),
        ("The day before", "2024-03-01"),
    ]


def test_the_day_before_an_event_is_not_dated() -> None:
    assert [m.text for m in find("Troops arrived the day before the vote.", anchor=THU)] == []


def test_a_future_clause_takes_the_next_weekday() -> None:
    from eventwatch.dates.grammar import Context  # noqa: F401 - tense comes from the parse in the stage

    class Ahead:
        def tense(self, start: int, end: int) -> int:
            return 1

        def counts_noun(self, start: int) -> bool:
            return False

    mentions = find("The minister will visit on Tuesday.", anchor=THU, syntax=Ahead())
    assert [m.value for m in mentions] == ["2024-03-19"]


def test_effective_points_ahead() -> None:
    mentions = find("The rule applies effective Feb. 1.", anchor=dt.date(2023, 11, 20))
    assert [m.value for m in mentions] == ["2024-02-01"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("July 27, 2011", "2011-07-27"),
        ("in 2011", "2011"),
        ("March 2019", "2019-03"),
        ("Q3 2022", "2022-Q3"),
        ("the 1990s", "199"),
    ],
)
def test_without_publication_date_explicit_dates_still_resolve(text: str, value: str) -> None:
    mention = resolve(text, None)
    assert mention is not None and mention.value == value and mention.first is not None


@pytest.mark.parametrize(
    "text",
    ["yesterday", "on Thursday", "last week", "two weeks ago", "earlier this month", "Nov. 21", "in May"],
)
def test_without_publication_date_relative_dates_are_null_with_a_reason(text: str) -> None:
    mention = resolve(text, None)
    assert mention is not None
    assert mention.value is None and mention.first is None
    assert mention.reason is not None and "publication date" in mention.reason


def test_since_without_publication_date_is_an_open_range() -> None:
    mention = resolve("since 2019", None)
    assert mention is not None
    assert (mention.first, mention.last, mention.kind) == ("2019-01-01", None, "range")


@pytest.mark.parametrize(
    "text",
    [
        "a 22-year-old soldier",
        "the 6-year-old boy",
        "a man, 45 years old,",
    ],
)
def test_ages_are_not_time_expressions(text: str) -> None:
    assert [m for m in find(text, anchor=THU) if m.first is not None] == []
    assert all("age" in (m.reason or "") for m in find(text, anchor=THU))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Desertion is punishable by up to three years in prison.", "P3Y"),
        ("He was sentenced to ten years in a penal colony.", "P10Y"),
        ("He faces five years behind bars.", "P5Y"),
        ("She received a two-year suspended sentence.", "P2Y"),
    ],
)
def test_penalties_are_durations_never_dates(text: str, value: str) -> None:
    mentions = find(text, anchor=THU)
    assert [(m.value, m.kind, m.first) for m in mentions] == [(value, "duration", None)]
    assert "penalty" in (mentions[0].reason or "")
