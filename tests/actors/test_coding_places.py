"""Country coding of peoples placed abroad and of capitals (own example sentences)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.actors.coding import capital_country
from eventwatch.actors.stage import ActorsStage
from eventwatch.document import Document

Analyse = Callable[..., Document]  # the `analyse` fixture in tests/conftest.py


@pytest.mark.parametrize(
    ("capital", "code"), [("Belgrade", "SRB"), ("Moscow", "RUS"), ("Willemstad", "CUW"), ("Nowhere", None)]
)
def test_capital_country_prefers_current_codes(capital: str, code: str | None) -> None:
    assert capital_country(capital) == code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "code"),
    [
        ("The Albanians of southern Serbia demanded autonomy from the government.", "demanded", "SRB"),
        ("Kosovo Serbs blocked roads near the border on Monday.", "blocked", "XKX"),
        ("Iraqi Kurds protested against the new law in the capital.", "protested", "IRQ"),
        # No other country in the phrase: the people keep their own.
        ("Albanians demanded autonomy from the government.", "demanded", "ALB"),
    ],
)
def test_a_people_placed_in_another_country_is_coded_where_it_lives(
    analyse: Analyse, text: str, trigger: str, code: str
) -> None:
    doc = ActorsStage(dominant=False)(analyse(text, trigger))
    assert [a.country for a in doc.events[0].actors if a.role == "agent"] == [code]
