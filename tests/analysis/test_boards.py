"""A worked example: three hypotheses about a neighbour joining an offensive, a dozen events arriving
over time, rules rating some automatically, an analyst changing a rating; the ranking is checked at
each step. Also indicators (series, templates, threshold alarms) and the board exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from eventwatch.analysis import boards as board_lib
from eventwatch.analysis import indicators as indicator_lib
from eventwatch.analysis.query import EventQuery
from eventwatch.analysis.report import matrix_csv, report_html
from eventwatch.document import Actor, Document, Event, EventDate, Place, Span
from eventwatch.errors import EventwatchError
from eventwatch.store import Store
from eventwatch.store.clusters_read import list_clusters

# (day, type, actor text, actor country, place, country, sentence) — written for this test.
TIMELINE = [
    (
        "2024-01-05",
        "mobilization",
        "the Belarusian defence ministry",
        "BLR",
        "Minsk",
        "BLR",
        "The Belarusian defence ministry called up reservists for a month of training near Minsk.",
    ),
    (
        "2024-01-12",
        "procurement",
        "the Belarusian army",
        "BLR",
        "Minsk",
        "BLR",
        "The Belarusian army opened a tender for twenty thousand identity tags.",
    ),
    (
        "2024-01-20",
        "desertion",
        "a Belarusian conscript",
        "BLR",
        "Grodno",
        "BLR",
        "A Belarusian conscript left his unit in Grodno and crossed into Lithuania.",
    ),
    (
        "2024-02-02",
        "diplomacy",
        "the Belarusian president",
        "BLR",
        "Minsk",
        "BLR",
        "The Belarusian president told foreign envoys in Minsk that his troops would stay at home.",
    ),
    (
        "2024-02-10",
        "mobilization",
        "Belarusian troops",
        "BLR",
        "Brest",
        "BLR",
        "Belarusian troops and armour moved to training grounds near Brest.",
    ),
    (
        "2024-02-15",
        "desertion",
        "two Belarusian soldiers",
        "BLR",
        "Vitebsk",
        "BLR",
        "Two Belarusian soldiers deserted from a base near Vitebsk.",
    ),
    (
        "2024-02-20",
        "asylum_application",
        "Belarusian men",
        "BLR",
        "Vilnius",
        "LTU",
        "Dozens of Belarusian men of call-up age asked for asylum in Vilnius.",
    ),
    (
        "2024-03-01",
        "mobilization",
        "Belarusian troops",
        "BLR",
        "Gomel",
        "BLR",
        "Belarusian troops began exercises near Gomel close to the Ukrainian border.",
    ),
    (
        "2024-03-08",
        "desertion",
        "a Belarusian officer",
        "BLR",
        "Mogilev",
        "BLR",
        "A Belarusian officer fled his post in Mogilev and reached Poland.",
    ),
    (
        "2024-03-15",
        "diplomacy",
        "the Belarusian foreign ministry",
        "BLR",
        "Minsk",
        "BLR",
        "The Belarusian foreign ministry invited Ukrainian diplomats to talks in Minsk.",
    ),
    (
        "2024-03-22",
        "procurement",
        "the Belarusian army",
        "BLR",
        "Minsk",
        "BLR",
        "The Belarusian army ordered field kitchens and winter tents.",
    ),
    (
        "2024-03-29",
        "desertion",
        "three Belarusian conscripts",
        "BLR",
        "Pinsk",
        "BLR",
        "Three Belarusian conscripts left their barracks in Pinsk.",
    ),
]
COORDS = {
    "Minsk": (53.9, 27.57),
    "Grodno": (53.68, 23.83),
    "Brest": (52.1, 23.7),
    "Vitebsk": (55.19, 30.2),
    "Vilnius": (54.69, 25.28),
    "Gomel": (52.43, 31.0),
    "Mogilev": (53.91, 30.34),
    "Pinsk": (52.11, 26.1),
}


def _document(index: int) -> Document:
    day, kind, actor, actor_country, place, country, sentence = TIMELINE[index]
    lat, lon = COORDS[place]
    event = Event(
        type=kind,
        evidence=[Span.of(sentence, 0, len(sentence))],
        actors=[Actor(text=actor, role="agent", start=0, end=len(actor), country=actor_country)],
        date=EventDate(start=day, end=day, precision="day"),
        location=Place(name=place, country=country, lat=lat, lon=lon, feature="city"),
    )
    return Document(
        id=f"report-{index}",
        text=sentence,
        published=day,
        url=f"https://news.example.org/{index}",
        sentences=[event.evidence[0]],
        events=[event],
    )


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(str(tmp_path / "analysis.db"))


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Board timestamps from a settable clock, so history steps are distinct and known."""
    now = ["2024-01-01T00:00:00"]
    monkeypatch.setattr(board_lib, "utc_now", lambda: now[0])
    return now


def _event_id(store: Store, day: str) -> int:
    [event] = [e for e in list_clusters(store) if e["date_start"] == day]
    return int(event["id"])


def _leaders(store: Store, board: board_lib.Board) -> list[str]:
    matrix = board_lib.matrix(store, board)
    labels = {h: label for h, label, _ in board.hypotheses}
    return [labels[r.hypothesis] for r in matrix.ranking if r.rank == 1]


def test_worked_example_ranking_at_each_step(store: Store, clock: list[str]) -> None:
    board = board_lib.create_board(
        store, name="offensive", question="Will Belarus join the offensive by June?"
    )
    for text in (
        "Belarus joins the ground offensive by June",
        "Belarus keeps supporting but does not join",
        "Belarus steps back from the war",
    ):
        board_lib.add_hypothesis(store, board, text)
    board = board_lib.get_board(store, board.id)
    # Every desertion from Belarusian forces weighs against joining (H1), by default.
    board_lib.add_rule(store, board, EventQuery.build(type="desertion", actor_country="Belarus"), "H1", "I")
    manual = {  # the analyst's ratings for the other events: H1, H2, H3
        "mobilization": ("C", "C", "I"),
        "procurement": ("C", "N", "I"),
        "diplomacy": ("I", "C", "C"),
        "asylum_application": ("N", "N", "N"),
    }
    expected_leaders = {
        0: ["H1", "H2"],  # call-up: consistent with H1 and H2, against H3
        2: ["H2"],  # first desertion (by rule): against H1
        3: ["H2"],  # "troops stay at home": against H1
        7: ["H2"],
        11: ["H2"],
    }
    for index, (day, kind, *_rest) in enumerate(TIMELINE):
        clock[0] = f"{day}T12:00:00"
        store.add(_document(index))
        if kind == "desertion":
            assert board_lib.apply_rules(store, board) == 1
        else:
            item = board_lib.add_event_item(store, board, _event_id(store, day), by="anna")
            for label, code in zip(("H1", "H2", "H3"), manual[kind], strict=True):
                board_lib.rate(store, board, item, label, code, by="anna", why="first reading")
        if index in expected_leaders:
            assert _leaders(store, board) == expected_leaders[index], (index, kind)

    matrix = board_lib.matrix(store, board)
    assert len(matrix.items) == 12
    by_label = {
        label: r
        for (h, label, _), r in zip(
            board.hypotheses, sorted(matrix.ranking, key=lambda r: r.hypothesis), strict=True
        )
    }
    # H1: 4 desertions + 2 diplomacy against = 6; H2: nothing against; H3: 3 mobilizations + 2 procurements = 5.
    assert (by_label["H1"].inconsistency, by_label["H2"].inconsistency, by_label["H3"].inconsistency) == (
        6.0,
        0.0,
        5.0,
    )
    assert [label for label, r in sorted(by_label.items(), key=lambda kv: kv[1].rank)] == ["H2", "H3", "H1"]
    # The ranking's history has one step per moment evidence arrived.
    assert len(matrix.history) == 12
    assert [when[:10] for when, _ in matrix.history][:3] == ["2024-01-05", "2024-01-12", "2024-01-20"]

    # The analyst overrides the rule on the last desertion; the change is kept with who and why.
    last = [i for i in matrix.items if i.added_by.startswith("rule:")][-1]
    clock[0] = "2024-04-02T09:00:00"
    board_lib.rate(store, board, last.id, "H1", "N", by="boris", why="conscripts, not combat units")
    log = [r for r in board_lib.rating_log(store, board) if r["item_id"] == last.id]
    assert [(r["code"], r["changed_by"]) for r in log] == [("I", "rule:1"), ("N", "boris")]
    assert {r.hypothesis: r.inconsistency for r in board_lib.matrix(store, board).ranking}[
        board.hypotheses[0][0]
    ] == 5.0

    # Rules do not re-rate what is already rated, and new matching events are picked up.
    assert board_lib.apply_rules(store, board) == 0


def test_items_know_their_sources_and_diagnosticity(store: Store, clock: list[str]) -> None:
    board = board_lib.create_board(store, name="b")
    for text in ("yes", "no"):
        board_lib.add_hypothesis(store, board, text)
    board = board_lib.get_board(store, board.id)
    store.add(_document(0))
    item = board_lib.add_event_item(store, board, _event_id(store, TIMELINE[0][0]))
    assert board_lib.add_event_item(store, board, _event_id(store, TIMELINE[0][0])) == item
    board_lib.rate(store, board, item, "H1", "CC", by="a")
    board_lib.rate(store, board, item, "H2", "II", by="a")
    [row] = board_lib.matrix(store, board).items
    assert (row.reports, row.sources) == (1, 1)
    assert row.diagnosticity == pytest.approx(2.0)


def test_board_errors_are_clear(store: Store) -> None:
    board = board_lib.create_board(store, name="b")
    with pytest.raises(EventwatchError) as caught:
        board_lib.create_board(store, name="b")
    assert caught.value.code == "E1210"
    with pytest.raises(EventwatchError) as caught:
        board_lib.add_event_item(store, board, 999)
    assert caught.value.code == "E1212"
    with pytest.raises(EventwatchError) as caught:
        board_lib.get_board(store, "nope")
    assert caught.value.code == "E1211"


def test_exports_matrix_csv_and_safe_self_contained_html(store: Store, clock: list[str]) -> None:
    board = board_lib.create_board(store, name="<script>alert(1)</script>")
    board_lib.add_hypothesis(store, board, "H <b>one</b>")
    board = board_lib.get_board(store, board.id)
    hostile = Document(
        id="evil",
        text="Protesters chanted <script>alert('x')</script> outside.",
        published="2024-01-01",
        url="javascript:alert(1)",
    )
    hostile.events = [
        Event(
            type="protest",
            evidence=[Span.of(hostile.text, 0, len(hostile.text))],
            date=EventDate(start="2024-01-01", end="2024-01-01", precision="day"),
        )
    ]
    store.add(hostile)
    item = board_lib.add_event_item(store, board, _event_id(store, "2024-01-01"))
    board_lib.rate(store, board, item, "H1", "C", by="a")
    matrix = board_lib.matrix(store, board)
    rows = list(csv.reader(io.StringIO(matrix_csv(matrix))))
    assert rows[0][-1] == "H1" and rows[1][-1] == "C" and rows[-1][2] == "rank"
    html = report_html(store, matrix, board_lib.rating_log(store, board))
    assert "<script>" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "://" not in html.split("<body>")[0] and "src=" not in html  # nothing remote, no scripts


def test_indicator_series_counts_each_event_once_and_fills_gaps(store: Store) -> None:
    for index in range(len(TIMELINE)):
        store.add(_document(index))
    # A second report of the first desertion must not count twice.
    again = _document(2)
    again.id, again.text = "report-2b", again.text + " "
    store.add(again)
    indicator = indicator_lib.add_indicator(
        store,
        name="blr-desertions",
        queries=[EventQuery.build(type="desertion", actor_country="Belarus")],
        interval="month",
    )
    assert indicator_lib.series(store, indicator) == [("2024-01-01", 1), ("2024-02-01", 1), ("2024-03-01", 2)]
    weekly = indicator_lib.add_indicator(
        store, name="weekly", queries=[EventQuery.build(type="desertion")], interval="week"
    )
    points = indicator_lib.series(store, weekly, since="2024-01-15", until="2024-02-18")
    assert points[0] == ("2024-01-15", 1) and points[-1] == ("2024-02-12", 1)
    assert sum(count for _, count in points) == 2 and len(points) == 5


def test_indicator_templates_fill_their_parameters(store: Store) -> None:
    for index in range(len(TIMELINE)):
        store.add(_document(index))
    signs = indicator_lib.add_from_template(store, "mobilisation-signs", params={"country": "BLR"})
    assert sum(count for _, count in indicator_lib.series(store, signs)) == 5
    asylum = indicator_lib.add_from_template(store, "asylum-by-nationality", params={"country": "Belarus"})
    assert [p for p in indicator_lib.series(store, asylum) if p[1]] == [("2024-02-01", 1)]
    with pytest.raises(EventwatchError) as caught:
        indicator_lib.add_from_template(store, "desertions-by-country", params={})
    assert caught.value.code == "E1206"


def test_indicator_threshold_queues_one_alarm_per_period(store: Store, tmp_path: Path) -> None:
    import datetime as dt

    from sqlalchemy import select

    from eventwatch.watch.alerts import add_alert
    from eventwatch.watch.query import AlertQuery
    from eventwatch.watch.schema import outbox

    alert = add_alert(
        store,
        AlertQuery(type="desertion"),
        now=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        name="desk",
        file=str(tmp_path / "alarms.jsonl"),
    )
    indicator_lib.add_indicator(
        store,
        name="spike",
        queries=[EventQuery.build(type="desertion")],
        interval="month",
        threshold=2,
        alert_id=alert.id,
    )
    for index in range(len(TIMELINE)):
        store.add(_document(index))
    assert indicator_lib.check_thresholds(store, today="2024-02-20") == []
    [(fired, period, count)] = indicator_lib.check_thresholds(store, today="2024-03-30")
    assert (fired.name, period, count) == ("spike", "2024-03-01", 2)
    assert indicator_lib.check_thresholds(store, today="2024-03-31") == []
    with store.engine.connect() as connection:
        payloads = [row.payload for row in connection.execute(select(outbox.c.payload))]
    alarms = [p for p in payloads if "indicator" in p]
    assert [(p["indicator"]["name"], p["period"], p["count"]) for p in alarms] == [("spike", "2024-03-01", 2)]


def test_ingest_refresh_rates_new_events_by_rule(store: Store, clock: list[str]) -> None:
    from eventwatch.analysis.refresh import refresh

    board = board_lib.create_board(store, name="auto")
    board_lib.add_hypothesis(store, board, "joins")
    board = board_lib.get_board(store, board.id)
    board_lib.add_rule(store, board, EventQuery.build(type="desertion"), "H1", "I")
    store.add(_document(2))
    assert refresh(store).ratings == 1
    store.add(_document(5))
    assert refresh(store).ratings == 1
    assert refresh(store).ratings == 0
    assert len(board_lib.matrix(store, board).items) == 2


def test_queries_describe_themselves() -> None:
    query = EventQuery.build(type="desertion", actor_country="Belarus", place="Brest")
    assert query.describe() == "type = desertion, place = Brest, actor country = BLR"
    assert EventQuery.from_dict(query.to_dict()) == query
