"""The quantities stage on analysed sentences with hand-made events (needs the spaCy model)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.document import Document, Quantities
from eventwatch.quantities.stage import QuantitiesStage

Analyse = Callable[..., Document]  # the `analyse` fixture in tests/conftest.py


pytestmark = pytest.mark.slow


def quantities(analyse: Analyse, text: str, *triggers: str) -> list[Quantities]:
    doc = QuantitiesStage()(analyse(text, *triggers))
    return [event.quantities for event in doc.events]


@pytest.mark.parametrize(
    ("text", "trigger", "fatalities", "injured"),
    [
        ("Gunmen stormed the village, killing at least 14 civilians and wounding dozens.", "stormed", 14, 12),
        ("Three soldiers were killed and two others were injured in the blast.", "blast", 3, 2),
        ("Twenty-six people were killed when the bridge collapsed.", "killed", 26, None),
        ("A roadside bomb killed one policeman and wounded four others near the market.", "bomb", 1, 4),
        ("The death toll from the fighting rose to 31, a hospital official said.", "fighting", 31, None),
        ("A 34-year-old man was shot dead by police in the town square.", "shot", 1, None),
        ("A local journalist was killed in the explosion.", "explosion", 1, None),
        ("Militants killed two farmers and a shepherd in the hills.", "killed", 3, None),
        ("The rebels threatened to kill the mayor.", "threatened", None, None),
        ("He faces up to five years in prison for desertion.", "desertion", None, None),
        ("Five killed, 12 hurt in a bus station attack.", "attack", 5, 12),
        ("At least four people sustained injuries in the airstrike.", "airstrike", None, 4),
        ("Six children were treated for burns after the shelling.", "shelling", None, 6),
    ],
)
def test_casualties(
    analyse: Analyse, text: str, trigger: str, fatalities: int | None, injured: int | None
) -> None:
    (found,) = quantities(analyse, text, trigger)
    assert (found.fatalities, found.injured) == (fatalities, injured)


@pytest.mark.parametrize(
    ("text", "trigger", "participants"),
    [
        ("About 300 people protested outside the town hall on Sunday.", "protested", 300),
        ("Hundreds of students marched through the city centre.", "marched", 100),
        ("Since January, at least 59 Belarusians have applied for asylum.", "applied", 59),
        ("Tens of thousands of workers went on strike.", "strike", 10000),
        ("A 22-year-old conscript fled his unit on 3 May 2023.", "fled", None),
    ],
)
def test_participants(analyse: Analyse, text: str, trigger: str, participants: int | None) -> None:
    (found,) = quantities(analyse, text, trigger)
    assert found.participants == participants
    assert found.fatalities is None


def test_items_and_money(analyse: Analyse) -> None:
    text = "The ministry announced a tender for 20 thousand dog tags under a $5 million contract."
    (found,) = quantities(analyse, text, "tender")
    assert {(item.value, item.unit) for item in found.items} == {(20000.0, "dog tags"), (5000000.0, "USD")}
    assert found.participants is None


def test_numbers_stay_with_their_own_event(analyse: Analyse) -> None:
    text = "Police detained 12 activists after a car bomb killed four people near the court."
    arrest, bombing = quantities(analyse, text, "detained", "bomb")
    assert (arrest.participants, arrest.fatalities) == (12, None)
    assert bombing.fatalities == 4


def test_clause_casualties_are_shared(analyse: Analyse) -> None:
    text = "Artillery shelled the market on Sunday, killing about 20 people."
    shelling, killing = quantities(analyse, text, "shelled", "killing")
    assert shelling.fatalities == killing.fatalities == 20


def test_vague_counts_of_things_are_not_items(analyse: Analyse) -> None:
    (found,) = quantities(analyse, "Government troops retook several villages near the river.", "retook")
    assert found.items == []
