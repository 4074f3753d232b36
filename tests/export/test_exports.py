"""Exporters on a hand-built store: columns, conventions, filters, and the CLI command."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner

from eventwatch.cli import cli
from eventwatch.errors import EventwatchError
from eventwatch.export import FORMATS, Redactor, export
from eventwatch.export.acled import ACLED_FIELDS
from eventwatch.export.flat import FLAT_FIELDS
from eventwatch.store import EventFilter, Store


def run(store: Store, fmt: str, **options: Any) -> str:
    out = io.StringIO()
    export(store, fmt, out, **options)
    return out.getvalue()


def test_csv_has_flat_columns(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(run(store, "csv"))))
    assert tuple(rows[0]) == FLAT_FIELDS
    arrest = rows[0]
    assert (arrest["type"], arrest["date_start"], arrest["country"], arrest["place"]) == (
        "arrest",
        "2024-03-11",
        "BLR",
        "Minsk",
    )
    assert arrest["actor1"] == "Police (Belarus)" and arrest["actor2"] == "Anna Kovalenko"
    assert arrest["trigger"] == "detained" and arrest["evidence"].startswith("On Monday, police")
    assert arrest["document_url"] == "https://example.org/a"
    assert rows[2]["lat"] == "" and rows[2]["type"] == "desertion"


def test_json_carries_whole_events(store: Store) -> None:
    events = json.loads(run(store, "json"))
    assert [e["type"] for e in events] == ["arrest", "protest", "desertion"]
    assert events[0]["actors"][1]["role"] == "target"
    assert events[0]["document"]["title"] == "Reporter Anna Kovalenko detained"
    assert events[0]["event_id"] == "d1#e0"


def test_geojson_is_points_with_flat_properties(store: Store) -> None:
    geo = json.loads(run(store, "geojson"))
    assert geo["type"] == "FeatureCollection"
    assert [f["geometry"] for f in geo["features"]] == [
        {"type": "Point", "coordinates": [27.57, 53.9]},
        {"type": "Point", "coordinates": [25.28, 54.69]},
    ]
    for feature in geo["features"]:
        assert feature["type"] == "Feature"
        assert all(not isinstance(v, dict | list) for v in feature["properties"].values())


def test_acled_columns_and_conventions(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(run(store, "acled"))))
    assert tuple(rows[0]) == ACLED_FIELDS
    arrest, protest, desertion = rows
    assert (
        arrest["event_id_cnty"] == "BLR1"
        and arrest["event_date"] == "2024-03-11"
        and arrest["year"] == "2024"
    )
    assert arrest["time_precision"] == "1" and arrest["geo_precision"] == "1"
    assert (arrest["disorder_type"], arrest["event_type"], arrest["sub_event_type"]) == (
        "Strategic developments",
        "Strategic developments",
        "Arrests",
    )
    assert (arrest["inter1"], arrest["inter2"], arrest["interaction"]) == ("1", "7", "17")
    assert arrest["country"] == "Belarus" and arrest["iso"] == "112" and arrest["admin1"] == "Minsk City"
    assert arrest["notes"].startswith("On 11 March 2024: ") and arrest["fatalities"] == "0"
    assert (protest["disorder_type"], protest["inter1"], protest["interaction"]) == (
        "Demonstrations",
        "6",
        "60",
    )
    assert desertion["event_type"] == "" and desertion["tags"] == "eventwatch_type=desertion"
    assert desertion["event_id_cnty"] == "XXX3" and desertion["time_precision"] == "3"


def test_plover_objects(store: Store) -> None:
    events = json.loads(run(store, "plover"))
    arrest = events[0]
    assert arrest["event_type"] == "COERCE" and arrest["context"] == ["arrest"]
    assert arrest["source"]["country"] == "BLR" and arrest["target"]["name"] == "Anna Kovalenko"
    assert arrest["location"]["placename"] == "Minsk" and arrest["date_resolution"] == "day"
    assert events[2]["event_type"] is None and events[2]["context"] == ["desertion"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_filters_and_limit_apply_to_every_format(store: Store, fmt: str) -> None:
    out = run(store, fmt, flt=EventFilter(types=["protest"]))
    assert "Vilnius" in out and "Minsk" not in out
    assert "desertion" not in run(store, fmt, limit=1)


def test_unknown_format(store: Store) -> None:
    with pytest.raises(EventwatchError) as caught:
        run(store, "xlsx")
    assert caught.value.code == "E301"


@pytest.mark.parametrize("fmt", FORMATS)
def test_redaction_reaches_every_text_field(store: Store, fmt: str) -> None:
    out = run(store, fmt, redactor=Redactor("a-secret-key"))
    assert "Kovalenko" not in out
    pseudonym = Redactor("a-secret-key").pseudonym("Anna Kovalenko")
    assert pseudonym in out
    assert "Minsk" in out and "police" in out.lower()  # places and non-person actors stay


def test_redaction_is_stable_per_key(store: Store) -> None:
    first = run(store, "json", redactor=Redactor("a-secret-key"))
    assert first == run(store, "json", redactor=Redactor("a-secret-key"))
    other = run(store, "json", redactor=Redactor("another-secret"))
    assert other != first and "Kovalenko" not in other


def test_redactor_maps_a_lone_surname_to_its_full_name() -> None:
    redactor = Redactor("a-secret-key")
    table = redactor.mapping({"Anna Kovalenko", "Kovalenko", "Ivan Petrov"})
    assert table["Kovalenko"] == table["Anna Kovalenko"] == redactor.pseudonym("anna  KOVALENKO")
    text = redactor.apply("Anna Kovalenko met Petrov; Kovalenko's lawyer and petrov left.", table)
    assert text == (
        f"{table['Anna Kovalenko']} met {table['Petrov']}; {table['Anna Kovalenko']}'s lawyer "
        f"and {table['Petrov']} left."
    )
    assert table["Petrov"] == redactor.pseudonym("Ivan Petrov")


def test_redactor_does_not_touch_parts_of_words() -> None:
    redactor = Redactor("a-secret-key")
    assert redactor.apply("Annabelle and Ann", redactor.mapping({"Ann"})) == (
        f"Annabelle and {redactor.pseudonym('Ann')}"
    )


def test_redactor_needs_a_real_key() -> None:
    with pytest.raises(EventwatchError) as caught:
        Redactor("short")
    assert caught.value.code == "E901"


def test_cli_export(store: Store) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", store.url, "--format", "geojson", "--country", "LTU"])
    assert result.exit_code == 0, result.output
    geo = json.loads(result.stdout)
    assert [f["properties"]["place"] for f in geo["features"]] == ["Vilnius"]


def test_cli_export_redaction_needs_a_key(store: Store) -> None:
    runner = CliRunner(env={"EVENTWATCH_REDACT_KEY": ""})
    result = runner.invoke(cli, ["export", "--db", store.url, "--redact-persons"])
    assert result.exit_code != 0 and isinstance(result.exception, EventwatchError)
    ok = runner.invoke(
        cli,
        [
            "export",
            "--db",
            store.url,
            "--format",
            "acled",
            "--redact-persons",
            "--redact-key",
            "a-secret-key",
        ],
    )
    assert ok.exit_code == 0 and "Kovalenko" not in ok.stdout and "Person-" in ok.stdout
