"""Reading number words: digits, words, scales, vague amounts (pure functions, no model)."""

from __future__ import annotations

import pytest

from eventwatch.quantities.lexicon import lexicon
from eventwatch.quantities.numbers import is_number_word, number_value


@pytest.mark.parametrize(
    ("words", "value", "vague"),
    [
        (["20", "thousand"], 20000.0, False),
        (["20,000"], 20000.0, False),
        (["1.5", "million"], 1500000.0, False),
        (["twenty", "-", "six"], 26.0, False),
        (["two"], 2.0, False),
        (["a", "dozen"], 12.0, False),
        (["two", "dozen"], 24.0, False),
        (["dozens"], 12.0, True),
        (["hundreds"], 100.0, True),
        (["thousands"], 1000.0, True),
        (["tens", "of", "thousands"], 10000.0, True),
        (["hundreds", "of", "thousands"], 100000.0, True),
        (["several"], 3.0, True),
        (["several", "hundred"], 300.0, True),
        (["a", "few"], 3.0, True),
        (["three", "hundred"], 300.0, False),
        (["5m"], 5000000.0, False),
        (["2.5bn"], 2500000000.0, False),
    ],
)
def test_number_value(words: list[str], value: float, vague: bool) -> None:
    assert number_value(words) == (value, vague)


@pytest.mark.parametrize("words", [["protesters"], [], ["the"], ["38th"]])
def test_not_a_number(words: list[str]) -> None:
    assert number_value(words) is None


@pytest.mark.parametrize(
    ("word", "expected"), [("59", True), ("dozens", True), ("m", False), ("brigade", False)]
)
def test_is_number_word(word: str, expected: bool) -> None:
    assert is_number_word(word) is expected


def test_vague_table_follows_acled() -> None:
    vague = lexicon().vague
    assert (vague["tens"], vague["dozens"], vague["hundreds"], vague["thousands"]) == (10, 12, 100, 1000)
