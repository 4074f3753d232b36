"""The actor dictionary and ACLED names (pure, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwatch.actors.acled import acled_actor_name
from eventwatch.actors.coding import render
from eventwatch.actors.dictionary import load_dictionary
from eventwatch.document import Actor
from eventwatch.errors import EventwatchError


@pytest.mark.parametrize(
    ("alias", "name", "country", "sector"),
    [
        ("NATO", "NATO", None, "IGO"),
        ("Hamas", "Hamas", "PSE", "REB"),
        ("the Taliban", "Taliban", "AFG", "REB"),
        ("U.N.", "United Nations", None, "IGO"),
        ("the Kremlin", "Kremlin", "RUS", "GOV"),
    ],
)
def test_named_actors(alias: str, name: str, country: str | None, sector: str) -> None:
    entry = load_dictionary().lookup(alias)
    assert entry is not None
    assert (entry.name, entry.country, entry.sector) == (name, country, sector)


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("border guards", "COP"),
        ("soldier", "MIL"),
        ("protesters", "CVL"),
        ("refugees", "REF"),
        ("rebels", "REB"),
    ],
)
def test_generic_words(word: str, sector: str) -> None:
    sense = load_dictionary().word(word)
    assert sense is not None and sense.sector == sector


def test_short_codes_are_case_sensitive() -> None:
    assert load_dictionary().lookup("who") is None
    assert load_dictionary().lookup("WHO") is not None


def test_user_dictionary_extends_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n  - {name: Cyber Partisans, aliases: [Belarusian Cyber Partisans], country: BLR, sector: OPP}\n"
        "words:\n  - {sector: MIL, name: 'Military Forces[ of {country}]', words: [drone operators]}\n",
        encoding="utf-8",
    )
    dictionary = load_dictionary([path])
    entry = dictionary.lookup("Belarusian Cyber Partisans")
    assert entry is not None and (entry.country, entry.sector) == ("BLR", "OPP")
    assert dictionary.word("drone operators") is not None
    assert dictionary.lookup("NATO") is not None
    assert load_dictionary().lookup("Cyber Partisans") is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("actors: [{aliases: [x]}]", "needs a 'name'"),
        ("actors: [{name: X, country: Belarus}]", "ISO3"),
        ("people: []", "unknown top-level keys"),
        ("words: [{words: [x]}]", "needs a 'sector'"),
        ("actors: [", "while parsing"),
    ],
)
def test_invalid_dictionary(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EventwatchError) as caught:
        load_dictionary([path])
    assert caught.value.code == "E009"
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (
            Actor(text="Russian forces", role="agent", country="RUS", sector="MIL"),
            "Military Forces of Russia (2000-)",
        ),
        (
            Actor(text="the police", role="agent", country="BLR", sector="COP"),
            "Police Forces of Belarus (1994-)",
        ),
        (
            Actor(text="protesters", role="target", name="Protesters (Belarus)", country="BLR", sector="CVL"),
            "Protesters (Belarus)",
        ),
        (
            Actor(text="villagers", role="target", name="Civilians (Belarus)", country="BLR", sector="CVL"),
            "Civilians (Belarus)",
        ),
        (Actor(text="gunmen", role="agent", country="SYR", sector="REB"), "Unidentified Armed Group (Syria)"),
        (
            Actor(text="NATO", role="agent", name="NATO", sector="IGO"),
            "NATO: North Atlantic Treaty Organization",
        ),
        (Actor(text="the ministry", role="agent", country="EST", sector="GOV"), "Government of Estonia"),
        (
            Actor(text="Lukashenko", role="agent", name="Alexander Lukashenko", country="BLR", sector="GOV"),
            "Government of Belarus (1994-)",
        ),
        (
            Actor(text="Amnesty", role="agent", name="Amnesty International", sector="NGO"),
            "Amnesty International",
        ),
    ],
)
def test_acled_actor_name(actor: Actor, expected: str) -> None:
    assert acled_actor_name(actor) == expected


@pytest.mark.parametrize(
    ("template", "country", "expected"),
    [
        ("Police Forces[ of {country}]", "LTU", "Police Forces of Lithuania"),
        ("Police Forces[ of {country}]", None, "Police Forces"),
        ("Protesters[ ({country})]", "BLR", "Protesters (Belarus)"),
    ],
)
def test_render(template: str, country: str | None, expected: str) -> None:
    assert render(template, country) == expected
