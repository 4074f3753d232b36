"""Publication dates from metadata strings and URLs, and the calendar arithmetic under the resolver."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwatch.dates import calendar
from eventwatch.dates.published import date_from_url, parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14", "2024-03-14"),
        ("2024-03-14T23:30:00-05:00", "2024-03-14"),  # the publisher's own calendar day
        ("2024-03-14 08:00:00", "2024-03-14"),
        ("Thu, 14 Mar 2024 09:30:00 +0000", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"),
        ("14 March 2024, 10:00", "2024-03-14"),
        ("2024/03/14", "2024-03-14"),
        ("20240314", "2024-03-14"),
        ("Mar 14th, 2024 at 5pm", "2024-03-14"),
        ("yesterday", None),  # would be read against the machine's clock
        ("© 2022 Example News", None),
        ("2024-02-30", None),
        ("", None),
    ],
)
def test_parse_published(value: str, expected: str | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/2024/03/14/river-crossing", "2024-03-14"),
        ("https://news.example.org/world/2024/3/4/story.html", "2024-03-04"),
        ("https://example.org/story-2024-03-14.html", "2024-03-14"),
        ("https://example.org/20240314/story", "2024-03-14"),
        ("https://example.org/2024/03/story", None),
        ("https://example.org/2024/13/40/story", None),
        ("https://example.org/story?date=2024/03/14", None),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2022-05-26", "2022-05-26", "2022-05-26", "day"),
        ("2022-05", "2022-05-01", "2022-05-31", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2022", "2022-01-01", "2022-12-31", "year"),
        ("2022-W21", "2022-05-23", "2022-05-29", "week"),
        ("2022-W21-WE", "2022-05-28", "2022-05-29", "week"),
        ("1998-Q3", "1998-07-01", "1998-09-30", "range"),
        ("1998-H2", "1998-07-01", "1998-12-31", "range"),
        ("1998-SU", "1998-06-01", "1998-08-31", "range"),
        ("199", "1990-01-01", "1999-12-31", "range"),
        ("19", "1900-01-01", "1999-12-31", "range"),
        ("2000-01-05TEV", "2000-01-05", "2000-01-05", "day"),
    ],
)
def test_window(value: str, first: str, last: str, precision: str) -> None:
    window = calendar.window(value)
    assert window is not None
    assert (window[0].isoformat(), window[1].isoformat(), window[2]) == (first, last, precision)


@pytest.mark.parametrize("value", ["P3Y", "PRESENT_REF", "XXXX-WXX-4", None, "nonsense"])
def test_no_window(value: str | None) -> None:
    assert calendar.window(value) is None


def test_shift_clamps_month_ends() -> None:
    assert calendar.shift(dt.date(2024, 3, 31), -1, "M") == dt.date(2024, 2, 29)
    assert calendar.shift(dt.date(2024, 2, 29), 1, "Y") == dt.date(2025, 2, 28)


def test_closest_year_leans_with_tense() -> None:
    anchor = dt.date(2023, 11, 20)
    assert calendar.closest_year(1, 15, anchor) == 2024  # two months ahead beats ten back
    assert calendar.closest_year(12, 15, dt.date(2023, 10, 1), tense=-1) == 2022  # past tense: last December
    assert calendar.closest_year(11, 25, anchor, tense=-1) == 2023  # five days ahead still wins


def test_moving_holidays() -> None:
    assert calendar.easter(2024) == dt.date(2024, 3, 31)
    assert calendar.easter(2025) == dt.date(2025, 4, 20)
    assert calendar.thanksgiving(2024) == dt.date(2024, 11, 28)
