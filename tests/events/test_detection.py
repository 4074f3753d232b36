"""Event detection through the default pipeline: types, status, attribution, rules, salience."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventwatch import pipeline
from eventwatch.document import Document, Event

Extract = Callable[..., Document]


def of_type(doc: Document, name: str) -> list[Event]:
    return [event for event in doc.events if event.type == name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Warplanes attacked a fuel depot outside the town on Monday, killing four workers.",
            "Air/drone strike",
        ),
        ("Gunmen attacked a farming village at night and killed nine residents.", "Attack"),
        ("Militants attacked an army checkpoint near the river crossing on Sunday.", "Armed clash"),
        (
            "Police fired tear gas to disperse hundreds of students protesting outside parliament.",
            "Protest with intervention",
        ),
        (
            "Soldiers opened fire on unarmed demonstrators in the main square, killing six.",
            "Excessive force against protesters",
        ),
        ("Protesters threw stones at police and set tyres ablaze on the ring road.", "Violent demonstration"),
        (
            "A roadside bomb exploded under a police pickup on the highway, wounding three officers.",
            "Remote explosive/landmine/IED",
        ),
        ("Army engineers defused a bomb planted under a bridge on the main road.", "Disrupted weapons use"),
        ("A suicide bomber blew himself up at the gate of the police academy.", "Suicide bomb"),
        (
            "Rebels captured the district capital after government troops withdrew.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_main_event_acled_type(extract: Extract, text: str, expected: str) -> None:
    doc = extract(text)
    assert doc.events, text
    main = doc.events[0]
    assert main.acled is not None and main.acled["sub_event_type"] == expected, (main.type, main.why)
    assert main.trigger is not None and doc.text[main.trigger.start : main.trigger.end] == main.trigger.text
    assert main.why and "trigger" in main.why


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two governments agreed on Wednesday to reopen the rail link.", "AGREE"),
        ("The opposition demanded the immediate release of the detained journalists.", "REQUEST"),
        ("The parliament rejected the government's proposal to extend the state of emergency.", "REJECT"),
        ("The minister threatened to close the border if the smuggling continued.", "THREATEN"),
        ("The foreign ministry condemned the arrest of its citizens as arbitrary.", "ACCUSE"),
        ("The two foreign ministers met in the capital to discuss water sharing.", "CONSULT"),
        ("The government lifted the night curfew in the northern province.", "CONCEDE"),
    ],
)
def test_main_event_plover_type(extract: Extract, text: str, expected: str) -> None:
    doc = extract(text)
    assert doc.events and doc.events[0].plover == expected, [(e.type, e.why) for e in doc.events]


def test_several_events_in_one_sentence(extract: Extract) -> None:
    doc = extract(
        "The soldier deserted his unit and crossed the border into Lithuania, where he asked for asylum."
    )
    assert {"desertion", "border_crossing", "asylum_application"} <= {e.type for e in doc.events}


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("The regiment refused to attack the village.", "attack", "negated"),
        ("The ministry is ready to grant asylum to the two deserters.", "asylum_granted", "hypothetical"),
        ("The union plans to protest outside the ministry next week.", "peaceful_protest", "planned"),
        ("The rebels threatened to shell the airport.", "shelling_artillery_missile_attack", "threatened"),
        ("Teachers will strike on Monday over unpaid wages.", "peaceful_protest", "planned"),
        ("The police did not arrest anyone at the market.", "arrest", "negated"),
        ("If the talks fail, the army could attack the town.", "attack", "hypothetical"),
        ("Thousands of workers are protesting outside the factory.", "peaceful_protest", "ongoing"),
        ("Police arrested four men in the port on Monday.", "arrest", "occurred"),
        ("The farmers said they would blockade the capital on Monday.", "peaceful_protest", "planned"),
        (
            "The ministry denied that troops had shelled the village.",
            "shelling_artillery_missile_attack",
            "negated",
        ),
        ("Rebels have reportedly abducted three aid workers.", "abduction", "reported"),
    ],
)
def test_status(extract: Extract, text: str, name: str | None, status: str) -> None:
    doc = extract(text)
    events = of_type(doc, name) if name else [e for e in doc.events if e.status == status]
    assert events, [(e.type, e.status) for e in doc.events]
    assert events[0].status == status, events[0].why


def test_refused_attack_is_a_refusal_not_an_attack(extract: Extract) -> None:
    doc = extract("The soldiers refused to attack the village.")
    assert doc.events[0].type == "refusal"
    assert all(e.status != "occurred" for e in doc.events if e.plover == "ASSAULT")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "According to the border committee, a conscript crossed the border on Sunday.",
            "the border committee",
        ),
        ("Police arrested two smugglers at the port, the interior ministry said.", "the interior ministry"),
        ("The regional governor said that rebels had shelled the airport.", "The regional governor"),
    ],
)
def test_attribution(extract: Extract, text: str, source: str) -> None:
    doc = extract(text)
    assert doc.events and doc.events[0].attribution == source


@pytest.mark.parametrize(
    "text",
    [
        "Desertion carries up to ten years in prison.",
        "Under the criminal code, desertion in wartime is punishable by up to fifteen years.",
    ],
)
def test_rules_are_not_events(extract: Extract, text: str) -> None:
    assert of_type(extract(text), "desertion") == []


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Protesters usually gather in the main square on Fridays.", "peaceful_protest", 0),
        ("Kidnapping is common in the border region.", "abduction", 0),
        ("Protesters gathered in the main square on Friday to denounce the verdict.", "peaceful_protest", 1),
        ("Gunmen kidnapped a trader in the border region on Sunday.", "abduction", 1),
    ],
)
def test_generic_statements_are_not_events(
    english_pipeline: pipeline.Pipeline, text: str, name: str, expected: int
) -> None:
    doc = english_pipeline(Document(id="g", text=text))
    assert len(of_type(doc, name)) == expected, [(e.type, e.why) for e in doc.events]


def test_main_event_prefers_the_lead_and_specific_types(extract: Extract) -> None:
    text = (
        "Warplanes bombed a market in the northern town on Tuesday, killing twelve people. "
        "The governor condemned the raid and called for an inquiry. "
        "Residents held a vigil on Wednesday."
    )
    doc = extract(text)
    assert doc.events[0].type == "air_strike"
    assert doc.events[0].evidence[0].start == 0
    assert len(doc.events) >= 4


def test_evidence_is_the_sentence(extract: Extract) -> None:
    doc = extract("Nothing happened on Monday. Police arrested three men in the port.")
    event = of_type(doc, "arrest")[0]
    assert event.evidence[0].text == "Police arrested three men in the port."
    assert event.acled == {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    assert event.plover == "COERCE"
    assert 0.0 < event.confidence <= 1.0


def test_user_type_is_detected_without_code(tmp_path: Path) -> None:
    path = tmp_path / "cyber.yaml"
    path.write_text(
        "types:\n"
        "  cyberattack:\n"
        "    definition: Hackers break into or disable computer systems.\n"
        "    acled: null\n"
        "    plover: ASSAULT\n"
        "    salience: 3.0\n"
        "    triggers:\n"
        "      - {phrase: cyberattack, weight: 3.0}\n"
        "      - {phrase: hack, object: [server, network, system, website], weight: 3.0}\n"
        "    examples:\n"
        "      - Hackers hacked the servers of the city water company overnight.\n",
        encoding="utf-8",
    )
    config = pipeline.load_config()
    config.settings.setdefault("eventwatch.events.v1", {})["ontology"] = [str(path)]
    built = pipeline.build(config)
    doc = built(
        Document(id="c", text="Unknown hackers hacked the servers of the national railway on Friday.")
    )
    assert doc.events and doc.events[0].type == "cyberattack"
    assert "hack" in (doc.events[0].why or "")


@pytest.fixture(scope="module")
def english_pipeline() -> pipeline.Pipeline:
    """The default pipeline without language identification (short sentences are all English here)."""
    config = pipeline.load_config()
    config.stages = [name for name in config.stages if name != "eventwatch.language.v1"]
    return pipeline.build(config)


def test_every_ontology_example_yields_its_type(english_pipeline: pipeline.Pipeline) -> None:
    from eventwatch.events import ontology

    missing = []
    for event_type in ontology.load().types.values():
        for example in event_type.examples:
            doc = english_pipeline(Document(id="ex", text=example))
            if event_type.name not in {event.type for event in doc.events}:
                missing.append((event_type.name, example))
    assert missing == []


def test_speculation_states_no_intention(english_pipeline: pipeline.Pipeline) -> None:
    doc = english_pipeline(
        Document(id="s", text="The opposition may stage a rally in the capital next week.")
    )
    assert [e.status for e in of_type(doc, "peaceful_protest")] == ["hypothetical"]
    assert of_type(doc, "threat") == []


def test_stated_intention_is_its_own_event(english_pipeline: pipeline.Pipeline) -> None:
    doc = english_pipeline(
        Document(id="s", text="The government announced that it will withdraw its troops from the border.")
    )
    assert doc.events[0].type == "pledge" and doc.events[0].plover == "AGREE"
    assert [e.status for e in of_type(doc, "withdrawal")] == ["planned"]
