"""Dating events through the default pipeline (spaCy parse, events, then event_dates)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.document import Document, Event, EventDate

Extract = Callable[..., Document]
PUBLISHED = "2024-03-14"  # a Thursday

pytestmark = pytest.mark.slow


def event_of(doc: Document, kind: str) -> Event:
    found = [event for event in doc.events if event.type == kind]
    assert found, f"no {kind} event in {[e.type for e in doc.events]}"
    return found[0]


def span(date: EventDate) -> tuple[str | None, str | None, str]:
    return date.start, date.end, date.precision


def test_weekday_in_the_same_clause(extract: Extract) -> None:
    doc = extract("Police arrested two smugglers in the capital on Tuesday.", published=PUBLISHED)
    date = event_of(doc, "arrest").date
    assert span(date) == ("2024-03-12", "2024-03-12", "day")
    assert date.text == "Tuesday"
    assert date.reason is not None and "same clause" in date.reason


def test_the_clause_of_the_trigger_wins_over_another_date_in_the_sentence(extract: Extract) -> None:
    doc = extract(
        "The ministry announced the tender on Monday, and police arrested four smugglers on Wednesday.",
        published=PUBLISHED,
    )
    assert span(event_of(doc, "arrest").date) == ("2024-03-13", "2024-03-13", "day")


def test_since_january_is_a_range_up_to_publication(extract: Extract) -> None:
    doc = extract("At least 59 people have applied for asylum since January.", published=PUBLISHED)
    date = event_of(doc, "asylum_application").date
    assert span(date) == ("2024-01-01", "2024-03-14", "range")


def test_no_date_in_the_text_falls_back_to_publication(extract: Extract) -> None:
    doc = extract("Border guards arrested three men near the river crossing.", published=PUBLISHED)
    date = event_of(doc, "arrest").date
    assert span(date) == (PUBLISHED, PUBLISHED, "day")
    assert date.text is None and date.reason is not None and "publication date" in date.reason


def test_no_date_and_no_publication_date_is_unknown(extract: Extract) -> None:
    doc = extract("Border guards arrested three men near the river crossing.")
    date = event_of(doc, "arrest").date
    assert span(date) == (None, None, "unknown")
    assert date.reason is not None and "unknown" in date.reason


def test_explicit_date_without_publication_date(extract: Extract) -> None:
    doc = extract("Police arrested the suspect on July 27, 2011.")
    assert span(event_of(doc, "arrest").date) == ("2011-07-27", "2011-07-27", "day")


def test_relative_date_without_publication_date_is_not_guessed(extract: Extract) -> None:
    doc = extract("Police arrested the suspect on Tuesday.")
    date = event_of(doc, "arrest").date
    assert span(date) == (None, None, "unknown")
    assert [m.value for m in doc.dates] == [None]
    assert doc.dates[0].reason is not None and "publication date" in doc.dates[0].reason


def test_an_age_is_not_the_date_of_an_event(extract: Extract) -> None:
    doc = extract("Police arrested a 22-year-old man in the capital.", published=PUBLISHED)
    assert span(event_of(doc, "arrest").date) == (PUBLISHED, PUBLISHED, "day")


def test_a_penalty_is_not_the_date_of_an_event(extract: Extract) -> None:
    doc = extract("Police arrested the deserter, who faces up to three years in prison.", published=PUBLISHED)
    assert span(event_of(doc, "arrest").date) == (PUBLISHED, PUBLISHED, "day")
    assert [(m.value, m.kind) for m in doc.dates] == [("P3Y", "duration")]


def test_a_count_is_not_a_year(extract: Extract) -> None:
    doc = extract("Police arrested 2000 protesters in the capital.", published=PUBLISHED)
    assert doc.dates == []


def test_a_future_clause_takes_the_coming_weekday(extract: Extract) -> None:
    doc = extract("The opposition will protest outside parliament on Saturday.", published=PUBLISHED)
    assert [m.value for m in doc.dates] == ["2024-03-16"]


def test_the_sentence_before_dates_an_undated_event(extract: Extract) -> None:
    doc = extract(
        "Fighting broke out near the border on Sunday. Police arrested six men at a checkpoint.",
        published=PUBLISHED,
    )
    date = event_of(doc, "arrest").date
    assert span(date) == ("2024-03-10", "2024-03-10", "day")
    assert date.reason is not None and "sentence before" in date.reason


def test_a_relative_clause_dates_its_own_noun_not_the_main_verb(extract: Extract) -> None:
    doc = extract(
        "A former army deserter who fled in 2011 has received a five-year residence permit from the migration "
        "department.",
        published=PUBLISHED,
    )
    assert span(event_of(doc, "desertion").date) == ("2011-01-01", "2011-12-31", "year")
    assert span(event_of(doc, "asylum_granted").date) == (PUBLISHED, PUBLISHED, "day")


def test_a_bad_publication_date_warns_and_leaves_relative_dates_unresolved(extract: Extract) -> None:
    doc = extract("Police arrested the suspect yesterday.", published="14/03/2024")
    assert doc.dates[0].value is None
    assert any(w.startswith("[E401]") for w in doc.warnings)
