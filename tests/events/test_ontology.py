"""The ontology file: coverage of ACLED/PLOVER/named types, validation errors, user extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwatch.errors import EventwatchError
from eventwatch.events import ontology
from eventwatch.events.ontology import ACLED_TYPES, PLOVER_TYPES

NAMED = [
    "desertion",
    "mobilization",
    "procurement",
    "manhunt",
    "notification",
    "investigation",
    "arrest",
    "criminal_charge",
    "sentencing",
    "asylum_application",
    "asylum_granted",
    "border_crossing",
    "refusal",
    "threat",
    "organized_crime",
    "natural_disaster",
    "man_made_disaster",
    "diplomacy",
    "claim_of_responsibility",
]

VALID_TYPE = """
types:
  cyberattack:
    definition: Hackers break into or disable computer systems.
    acled: null
    plover: ASSAULT
    salience: 3.0
    triggers:
      - {phrase: cyberattack, weight: 3.0}
      - {phrase: hack, object: [server, network, system, website], weight: 3.0}
    examples:
      - Hackers hacked the servers of the city water company overnight.
"""


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_builtin_covers_every_acled_sub_event_type() -> None:
    loaded = ontology.load()
    mapped = {(t.acled["event_type"], t.acled["sub_event_type"]) for t in loaded.types.values() if t.acled}
    expected = {(event_type, sub) for event_type, subs in ACLED_TYPES.items() for sub in subs}
    assert len(expected) == 25
    assert mapped == expected


def test_builtin_covers_every_plover_type_and_named_type() -> None:
    loaded = ontology.load()
    assert {t.plover for t in loaded.types.values() if t.plover} == set(PLOVER_TYPES)
    for name in NAMED:
        assert name in loaded, name


def test_every_type_has_definition_triggers_and_examples() -> None:
    for event_type in ontology.load().types.values():
        assert event_type.definition and event_type.triggers and event_type.examples, event_type.name


def test_user_file_adds_a_type(tmp_path: Path) -> None:
    loaded = ontology.load([write(tmp_path, VALID_TYPE)])
    assert loaded["cyberattack"].plover == "ASSAULT"
    assert "armed_clash" in loaded


def test_user_file_overrides_a_type(tmp_path: Path) -> None:
    text = VALID_TYPE.replace("cyberattack:", "armed_clash:")
    loaded = ontology.load([write(tmp_path, text)])
    assert loaded["armed_clash"].acled is None
    assert [t.pattern for t in loaded["armed_clash"].triggers] == ["cyberattack", "hack"]


def test_user_file_extends_a_type(tmp_path: Path) -> None:
    before = len(ontology.load()["desertion"].triggers)
    text = "extend:\n  desertion:\n    triggers: [{phrase: bolt from the barracks, gap: 1}]\n"
    loaded = ontology.load([write(tmp_path, text)])
    assert len(loaded["desertion"].triggers) == before + 1
    assert loaded["desertion"].triggers[-1].words == (
        ("bolt", False),
        ("from", False),
        ("the", False),
        ("barracks", False),
    )


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("sub_event_type: Armed clash", "sub_event_type: Armed clashes"), "E601"),
        (("plover: ASSAULT", "plover: ATTACK"), "E602"),
        (("    definition: Hackers break into or disable computer systems.\n", ""), "E603"),
        (("cyberattack:", "CyberAttack:"), "E604"),
        (("{phrase: cyberattack, weight: 3.0}", "{phrase: cyberattack, wieght: 3.0}"), "E606"),
        (("{phrase: cyberattack, weight: 3.0}", "{phrase: (cyber) attack}"), "E606"),
    ],
)
def test_invalid_files_raise_coded_errors(tmp_path: Path, change: tuple[str, str], code: str) -> None:
    text = VALID_TYPE.replace("acled: null", "acled: {event_type: Battles, sub_event_type: Armed clash}")
    assert change[0] in text
    with pytest.raises(EventwatchError) as caught:
        ontology.load([write(tmp_path, text.replace(*change))])
    assert caught.value.code == code
    assert "mine.yaml" in str(caught.value)


def test_extending_an_unknown_type_is_e605(tmp_path: Path) -> None:
    with pytest.raises(EventwatchError) as caught:
        ontology.load([write(tmp_path, "extend:\n  teleportation:\n    triggers: [beam up]\n")])
    assert caught.value.code == "E605"


@pytest.mark.parametrize("text", ["[1, 2]", "types: [oops", "nothing: here"])
def test_unreadable_files_are_e008(tmp_path: Path, text: str) -> None:
    with pytest.raises(EventwatchError) as caught:
        ontology.load([write(tmp_path, text)])
    assert caught.value.code == "E008"


def test_missing_file_is_e008(tmp_path: Path) -> None:
    with pytest.raises(EventwatchError) as caught:
        ontology.load([str(tmp_path / "absent.yaml")])
    assert caught.value.code == "E008"
