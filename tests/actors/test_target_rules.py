"""Target-finding rules beyond the trigger's own objects (own example sentences)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.actors.stage import ActorsStage
from eventwatch.document import Document

Analyse = Callable[..., Document]  # the `analyse` fixture in tests/conftest.py

pytestmark = pytest.mark.slow


def countries(
    analyse: Analyse, text: str, trigger: str, role: str, *, dominant: bool = True
) -> list[str | None]:
    doc = ActorsStage(dominant=dominant)(analyse(text, trigger))
    return [a.country for a in doc.events[0].actors if a.role == role]


def pipeline_countries(
    extract: Callable[..., Document], text: str, trigger: str, role: str
) -> set[str | None]:
    """The ``role`` countries of the events the whole pipeline found at ``trigger``."""
    doc = extract(text)
    events = [e for e in doc.events if e.trigger is not None and e.trigger.text == trigger]
    assert events, f"no event at {trigger!r}"
    return {a.country for e in events for a in e.actors if a.role == role}


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


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        (
            "Egypt says it is willing to withdraw its troops from neighbouring Libya within a year.",
            "withdraw",
            "LBY",
        ),
        ("Norway will send up to 300 troops to a peacekeeping mission in Mali.", "send", "MLI"),
    ],
)
def test_place_forces_are_moved_to_or_from_is_a_target(
    extract: Callable[..., Document], text: str, trigger: str, place: str
) -> None:
    assert place in pipeline_countries(extract, text, trigger, "target")


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        (
            "A Swedish judge has ordered the former minister Lars Berg to appear in court next month.",
            "ordered",
            "SWE",
        ),
        (
            "Chilean police detained the opposition leader Ana Soto and two aides on Monday.",
            "detained",
            "CHL",
        ),
    ],
)
def test_whom_an_authority_acts_on_shares_its_country(
    analyse: Analyse, text: str, trigger: str, target: str
) -> None:
    assert countries(analyse, text, trigger, "target", dominant=False)[:1] == [target]


def test_an_army_does_not_lend_its_country_to_its_target(analyse: Analyse) -> None:
    text = "Russian troops captured the rebel commander Ivan Petrov near the river."
    assert "RUS" not in countries(analyse, text, "captured", "target", dominant=False)


def test_a_person_acting_on_a_state_does_not_take_its_country(extract: Callable[..., Document]) -> None:
    text = "President Carter has threatened further action against Cuba in a radio address."
    doc = extract(text)
    agents = [a for e in doc.events for a in e.actors if a.role == "agent" and a.text == "President Carter"]
    assert agents and all(a.country is None for a in agents)


def test_a_person_acting_on_compatriots_keeps_the_dominant_country(extract: Callable[..., Document]) -> None:
    text = "Judge Maria Lopez opened investigations against 20 Chilean officials on Friday."
    doc = extract(text)
    agents = [a for e in doc.events for a in e.actors if a.role == "agent" and "Lopez" in a.text]
    assert agents and all(a.country == "CHL" for a in agents)


@pytest.mark.parametrize(
    ("text", "trigger", "agent", "target"),
    [
        ("Spain announced a suspension of flights with Morocco on Monday.", "suspension", "ESP", "MAR"),
        ("Japan ordered a halt of exports to Iran after the vote.", "halt", "JPN", "IRN"),
    ],
)
def test_a_thing_after_of_is_not_the_doer(
    analyse: Analyse, text: str, trigger: str, agent: str, target: str
) -> None:
    assert countries(analyse, text, trigger, "agent", dominant=False) == [agent]
    assert target in countries(analyse, text, trigger, "target", dominant=False)


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        (
            "Japan is providing satellite photographs and other military intelligence to Kenya which is "
            "preparing an offensive.",
            "providing",
            "KEN",
        ),
        (
            "Chile has granted diplomatic asylum to four Bolivian army officers hiding in an embassy.",
            "granted",
            "BOL",
        ),
    ],
)
def test_the_recipient_after_a_dative_to_is_the_target(
    analyse: Analyse, text: str, trigger: str, target: str
) -> None:
    assert target in countries(analyse, text, trigger, "target", dominant=False)


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # Further down: the purpose of the act ("for a war against Libya").
        ("France mobilized navy reservists for a possible war against Libya on Monday.", "mobilized", "LBY"),
        # Inside a thing: "efforts among Sudan's factions".
        ("The African Union may halt mediation efforts among Sudan's feuding factions.", "halt", "SDN"),
    ],
)
def test_target_inside_a_purpose_or_among_phrase(
    analyse: Analyse, text: str, trigger: str, target: str
) -> None:
    assert target in countries(analyse, text, trigger, "target", dominant=False)


def test_a_stance_participle_keeps_its_subject_as_the_doer(analyse: Analyse) -> None:
    text = "Egypt is opposed to Turkish mediation in the talks, an aide said."
    assert countries(analyse, text, "opposed", "agent", dominant=False) == ["EGY"]
    assert "TUR" in countries(analyse, text, "opposed", "target", dominant=False)


def test_a_real_passive_of_oppose_keeps_its_by_phrase_as_the_doer(analyse: Analyse) -> None:
    text = "The plan was opposed by Chile."
    assert countries(analyse, text, "opposed", "agent", dominant=False) == ["CHL"]


def test_target_after_an_as_phrase(analyse: Analyse) -> None:
    text = "Greece on Monday denounced as a grave crime Turkey's treatment of villagers in Cyprus."
    assert "TUR" in countries(analyse, text, "denounced", "target", dominant=False)


def test_a_pronoun_tagged_as_part_of_a_date_is_still_an_actor(analyse: Analyse) -> None:
    text = "Kenya paid compensation to traders for assets they lost when the ruler expelled them years ago."
    doc = ActorsStage(dominant=False)(analyse(text, "expelled"))
    assert [a.text for a in doc.events[0].actors if a.role == "target"] == ["them"]


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        (
            "Five opposition parties in Peru organized a general strike that shut down Lima on Monday.",
            "strike",
            "PER",
        ),
        ("A bomb attack which killed two Turkish soldiers was blamed on rebels.", "attack", "TUR"),
    ],
)
def test_what_the_event_did_in_its_relative_clause(
    analyse: Analyse, text: str, trigger: str, target: str
) -> None:
    assert target in countries(analyse, text, trigger, "target", dominant=False)
