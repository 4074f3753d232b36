"""The mention finder on hand-built tokens (no model): names no model or table knows."""

from __future__ import annotations

import pytest

from eventwatch.document import Document, Token
from eventwatch.places.cues import two_places
from eventwatch.places.mentions import find_mentions


def _doc(text: str) -> Document:
    """Tokens split on spaces, PROPN for capitalised words, no entities (the NER saw none)."""
    tokens, cursor = [], 0
    for piece in text.split():
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        pos = "PROPN" if piece[0].isupper() else "PUNCT" if piece in ".," else "ADP"
        tokens.append(Token(start, cursor, piece.lower(), pos, "", "", 0, sent_start=not tokens))
    return Document(id="t", text=text, tokens=tokens)


def _found(text: str) -> list[tuple[str, str]]:
    mentions = find_mentions(
        _doc(text),
        known=lambda words: None,
        adjectives={},
        feature_words={},
        stop_words=frozenset({"Christmas"}),
        state_abbreviations={},
    )
    return [(m.text, m.source) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aid arrived at Makeen on time .", [("Makeen", "local")]),
        ("families sheltered in Umemger Camp .", [("Umemger Camp", "local")]),
        ("they met at Christmas again .", []),
        ("they met Makeen again .", []),
    ],
)
def test_unknown_proper_name_after_in_or_at(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_name_after_a_settlement_word_and_of() -> None:
    # Whatever the NER made of it, "the suburb of X" names a place.
    assert _found("boys train in the gated suburb of Madinaty daily .") == [("Madinaty", "local")]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Greece Italy", ["Greece", "Italy"]),
        ("Amsterdam-London", ["Amsterdam", "London"]),
        ("Western Greece", ["Western Greece"]),
        ("New York", ["New York"]),
        ("Greece Smith", ["Greece Smith"]),
    ],
)
def test_two_well_known_places_run_together(words: str, expected: list[str]) -> None:
    table = {"Greece": "region", "Italy": "region", "Amsterdam": "major", "London": "major"}
    table |= {"New York": "major", "York": "major", "Western": "region"}
    spans = two_places(words, 10, table.get)
    assert [words[a - 10 : b - 10] for a, b in spans] == expected


def _found_known(text: str, table: dict[str, str]) -> list[str]:
    mentions = find_mentions(
        _doc(text),
        known=table.get,
        adjectives={},
        feature_words={},
        stop_words=frozenset(),
        state_abbreviations={},
    )
    return [m.text for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A compass word, alone or with "District", inside a longer name names no province.
        ("patients visit the Northwest Cancer Centre weekly .", []),
        ("she stood before the Rivertown Central District Court today .", ["Rivertown"]),
        # Standing alone, it is the province.
        ("floods hit the Central District overnight .", ["Central District"]),
    ],
)
def test_a_compass_name_inside_a_longer_name(text: str, expected: list[str]) -> None:
    table = {"Northwest": "region", "Central District": "region", "Rivertown": "major"}
    assert _found_known(text, table) == expected


@pytest.mark.parametrize(
    ("text", "name", "table", "expected"),
    [
        # A building named after a saint or a person is one facility, not the village St. Anne.
        (
            "mass was said in St. Anne's Basilica today .",
            "St. Anne",
            {"St. Anne": "minor"},
            [("St. Anne's Basilica", "facility")],
        ),
        # A known city owning a stadium stays the city.
        (
            "fans met near Rivertown's Jamsil Stadium today .",
            "Rivertown",
            {"Rivertown": "major"},
            [("Rivertown", "entity")],
        ),
    ],
)
def test_a_building_named_after_a_saint(
    text: str, name: str, table: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    from eventwatch.document import Entity

    doc = _doc(text)
    start = text.index(name)
    doc.entities = [Entity(name, start, start + len(name), "GPE")]
    mentions = find_mentions(
        doc,
        known=table.get,
        adjectives={},
        feature_words={},
        stop_words=frozenset(),
        state_abbreviations={},
        facility_words=frozenset({"Basilica", "Stadium"}),
    )
    assert [(m.text, m.source) for m in mentions][: len(expected)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("talks in Energy went on .", ["Energy"]),
        # The report writes the name as an ordinary word too: the capitalised one is the word.
        ("energy prices rose and talks in Energy went on .", []),
    ],
)
def test_a_town_named_like_a_word_the_report_uses(text: str, expected: list[str]) -> None:
    assert _found_known(text, {"Energy": "minor"}) == expected


def test_a_joining_word_is_no_name() -> None:
    # "Of" is a town in Turkey; "of" in "Commissioner of Police" names nothing.
    assert _found_known("the Commissioner of Police spoke .", {"of": "major"}) == []


@pytest.mark.parametrize(
    ("text", "noun_after", "expected"),
    [
        # The NER's LANGUAGE: a language, not a place.
        ("the word means battery in English .", False, []),
        # Before a noun it is England's, whatever the NER calls it.
        ("a nerve agent attack in the English city .", True, ["English"]),
    ],
)
def test_a_language_is_no_place(text: str, noun_after: bool, expected: list[str]) -> None:
    from eventwatch.document import Entity

    doc = _doc(text)
    start = text.index("English")
    doc.entities = [Entity("English", start, start + 7, "LANGUAGE")]
    index = next(k for k, t in enumerate(doc.tokens) if t.start == start)
    doc.tokens[index].ent_type = "LANGUAGE"
    if noun_after:
        doc.tokens[index + 1].pos = "NOUN"
    mentions = find_mentions(
        doc,
        known=lambda words: None,
        adjectives={},
        feature_words={},
        stop_words=frozenset(),
        state_abbreviations={},
    )
    assert [m.text for m in mentions] == expected
