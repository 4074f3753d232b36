"""Target-finding rules beyond the trigger's own objects (own example sentences)."""

from __future__ import annotations

import pytest

from eventwatch.actors.stage import ActorsStage

from .conftest import Analyse

pytestmark = pytest.mark.slow


def countries(analyse: Analyse, text: str, trigger: str, role: str) -> list[str | None]:
    doc = ActorsStage()(analyse(text, trigger))
    return [a.country for a in doc.events[0].actors if a.role == role]


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # A condition put to someone names the target.
        ("Norway has threatened to halt the talks if Sweden goes ahead with the plan.", "threatened", "SWE"),
        ("The rebels warned that fighting would resume unless Chad withdrew its troops.", "warned", "TCD"),
        # A noun trigger in the verb's "in" phrase shares the verb's object.
        ("French jets killed 30 Malian fighters in an air strike near the border.", "strike", "MLI"),
        ("Gunmen wounded four Kenyan police officers during an ambush on Monday.", "ambush", "KEN"),
        # A passive verb of harm around the noun trigger: its subject is the victim.
        ("Four Nigerian soldiers were killed in a roadside bombing near the border.", "bombing", "NGA"),
        ("Two French soldiers were wounded by a car bomb outside the town.", "car bomb", "FRA"),
        # A light verb's purpose clause names whom the act is aimed at, even with "their".
        (
            "Kurdish activists continued their hunger strike to demand the release of a Turkish reporter.",
            "hunger strike",
            "TUR",
        ),
    ],
)
def test_target_found_beyond_the_objects(analyse: Analyse, text: str, trigger: str, target: str) -> None:
    assert target in countries(analyse, text, trigger, "target")


def test_an_adjectival_passive_keeps_its_subject_as_the_doer(analyse: Analyse) -> None:
    text = "Serb forces were engaged in ethnic cleansing in the province."
    assert countries(analyse, text, "ethnic cleansing", "agent") == ["SRB"]
    assert countries(analyse, text, "ethnic cleansing", "target") == []
