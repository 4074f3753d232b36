"""Language identification: English is kept, other languages are recognised, short English is not mistaken."""

from __future__ import annotations

import pytest

from eventwatch.stages.language import detect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A drone hit a car carrying two commanders near the crossing.", "en"),
        ("A soldier do no harm as a rule.", "en"),
        ("Fighting broke out as rebels attacked a base.", "en"),
        ("Police arrested two men in Minsk.", "en"),
        # "met" is a Dutch function word too: one such word is no evidence against English.
        ("Kurdistan Region officials met in Erbil.", "en"),
        ("De politie heeft op maandag twee mannen aangehouden met een auto van het leger.", "nl"),
        ("O governo anunciou que a polícia prendeu dois homens em Lisboa na segunda-feira.", "pt"),
        ("La policía detuvo a dos hombres en Madrid el lunes por la tarde.", "es"),
        ("Die Polizei hat am Montag in Berlin drei Demonstranten festgenommen.", "de"),
        ("La police a arrêté deux hommes à Paris lundi soir selon le ministère.", "fr"),
        ("В понедельник в Гомеле прошла акция протеста против повышения цен.", "ru"),
        ("У панядзелак у Гомелі адбылася акцыя пратэсту супраць павышэння цэн.", "be"),
    ],
)
def test_detect(text: str, expected: str) -> None:
    assert detect(text) == expected


def test_too_little_text_is_undecided() -> None:
    assert detect("OK.") is None
