"""The actors stage on analysed sentences with hand-made events (needs the spaCy model)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.actors.stage import ActorsStage
from eventwatch.document import Actor, Document

Analyse = Callable[..., Document]  # the `analyse` fixture in tests/conftest.py


pytestmark = pytest.mark.slow


def actors(analyse: Analyse, text: str, trigger: str, *, index: int = 0) -> list[Actor]:
    doc = ActorsStage()(analyse(text, trigger))
    return doc.events[index].actors


def coded(found: list[Actor], role: str) -> list[tuple[str | None, str | None]]:
    return [(a.country, a.sector) for a in found if a.role == role]


@pytest.mark.parametrize(
    ("text", "trigger", "agent", "target"),
    [
        ("A Belarusian soldier deserted from his unit near the border.", "deserted", ("BLR", "MIL"), None),
        ("Lithuanian border guards detained two men near the crossing.", "detained", ("LTU", "COP"), None),
        ("Russian forces shelled the outskirts of the town overnight.", "shelled", ("RUS", "MIL"), None),
        (
            "The protesters were dispersed by Georgian riot police.",
            "dispersed",
            ("GEO", "COP"),
            ("GEO", "CVL"),
        ),
        (
            "Polish officers arrested a Ukrainian smuggler at the crossing.",
            "arrested",
            ("POL", "COP"),
            ("UKR", "CRM"),
        ),
        ("Hamas fired rockets at Israeli towns on Friday.", "fired", ("PSE", "REB"), ("ISR", None)),
    ],
)
def test_roles_and_coding(
    analyse: Analyse,
    text: str,
    trigger: str,
    agent: tuple[str, str],
    target: tuple[str | None, str | None] | None,
) -> None:
    found = actors(analyse, text, trigger)
    assert coded(found, "agent") == [agent]
    if target is not None:
        assert target in coded(found, "target")


def test_phrase_span_is_the_whole_noun_phrase_without_its_relative_clause(analyse: Analyse) -> None:
    text = "A young conscript from the 38th brigade, who had served for a year, fled his barracks."
    (agent,) = [a for a in actors(analyse, text, "fled") if a.role == "agent"]
    assert agent.text == "A young conscript from the 38th brigade"
    assert text[agent.start or 0 : agent.end or 0] == agent.text


def test_two_countries_in_one_phrase(analyse: Analyse) -> None:
    found = actors(analyse, "Estonian and Latvian officials signed the accord in Riga.", "signed")
    assert sorted(c for c, _ in coded(found, "agent")) == ["EST", "LVA"]
    assert {a.name for a in found if a.role == "agent"} == {"Government of Estonia", "Government of Latvia"}


def test_conjoined_agents(analyse: Analyse) -> None:
    found = actors(analyse, "Finland and Sweden signed the agreement on Tuesday.", "signed")
    assert sorted(c for c, _ in coded(found, "agent")) == ["FIN", "SWE"]


def test_named_person_keeps_name_and_title_sector(analyse: Analyse) -> None:
    found = actors(analyse, "Opposition leader Maria Ivanova condemned the verdict.", "condemned")
    (agent,) = [a for a in found if a.role == "agent"]
    assert (agent.name, agent.sector) == ("Maria Ivanova", "OPP")


def test_passive_agent_from_by_phrase(analyse: Analyse) -> None:
    found = actors(analyse, "Two journalists were detained by Azerbaijani police in Baku.", "detained")
    assert coded(found, "agent") == [("AZE", "COP")]
    assert coded(found, "target") == [(None, "MED")] or coded(found, "target") == [("AZE", "MED")]


def test_noun_trigger_arrest_of_by(analyse: Analyse) -> None:
    found = actors(analyse, "The arrest of the editor by Belarusian police drew protests.", "arrest")
    assert coded(found, "agent") == [("BLR", "COP")]
    assert [a.text for a in found if a.role == "target"] == ["the editor"]


def test_light_verb_subject_is_the_agent(analyse: Analyse) -> None:
    found = actors(analyse, "Moldovan farmers staged a protest outside parliament.", "protest")
    assert coded(found, "agent") == [("MDA", "CVL")]


def test_pronoun_takes_the_last_named_person(analyse: Analyse) -> None:
    text = "Ivan Sidorov, a conscript, left his unit on Monday. On Tuesday he crossed the border."
    (agent,) = [a for a in actors(analyse, text, "crossed") if a.role == "agent"]
    assert agent.text == "he"
    assert agent.name == "Ivan Sidorov"


def test_repeated_description_takes_the_earlier_mention(analyse: Analyse) -> None:
    text = "A Belarusian soldier deserted on Monday. Lithuanian police said the soldier crossed the border."
    (agent,) = [a for a in actors(analyse, text, "crossed") if a.role == "agent"]
    assert agent.text == "the soldier"
    assert (agent.country, agent.sector) == ("BLR", "MIL")


def test_dominant_country_for_an_unplaced_ministry(analyse: Analyse) -> None:
    text = "A Belarusian conscript fled to Lithuania. In Minsk, the Ministry of Defence launched a search."
    found = actors(analyse, text, "search")
    assert coded(found, "agent") == [("BLR", "GOV")]


def test_user_dictionary_setting(analyse: Analyse, tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "extra.yaml"
    path.write_text(
        "actors:\n  - {name: Kastus Brigade, aliases: [Kastus Brigade], country: BLR, sector: MIL}\n"
    )
    doc = ActorsStage(dictionaries=[str(path)])(
        analyse("The Kastus Brigade attacked a checkpoint.", "attacked")
    )
    (agent,) = [a for a in doc.events[0].actors if a.role == "agent"]
    assert (agent.name, agent.country, agent.sector) == ("Kastus Brigade", "BLR", "MIL")


def test_young_man_resolves_to_the_named_person(analyse: Analyse) -> None:
    text = "Police in Gomel detained Pavel Markov on Friday. The young man was released on bail."
    (target,) = [a for a in actors(analyse, text, "released") if a.role == "target"]
    assert target.text == "The young man"
    assert target.name == "Pavel Markov"


def test_dictionaries_setting_in_the_pipeline_config(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    from eventwatch import pipeline

    folder = Path(str(tmp_path))
    extra = folder / "extra.yaml"
    extra.write_text(
        "actors:\n  - {name: Kalinouski Regiment, aliases: [Kalinouski Regiment], sector: MIL}\n"
    )
    config = folder / "pipeline.toml"
    config.write_text(f'[stages."eventwatch.actors.v1"]\ndictionaries = ["{extra}"]\n')
    built = pipeline.build(config)
    (stage,) = [stage for name, stage in built.stages if name == "eventwatch.actors.v1"]
    assert isinstance(stage, ActorsStage)
    assert stage.dictionary.lookup("Kalinouski Regiment") is not None


@pytest.mark.parametrize(
    ("text", "trigger", "role", "country"),
    [
        ("An anti-Kremlin blogger was detained in Tbilisi by Georgian police.", "detained", "target", "GEO"),
        ("Gunmen attacked a convoy in southern Lebanon on Monday.", "attacked", "agent", "LBN"),
    ],
)
def test_countries_not_named_by_the_phrase(
    analyse: Analyse, text: str, trigger: str, role: str, country: str
) -> None:
    found = actors(analyse, text, trigger)
    assert country in [a.country for a in found if a.role == role]
