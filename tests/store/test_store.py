"""The store on SQLite and PostgreSQL: migrations, idempotent adds, filters, search, round trips."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import inspect, text

from eventwatch.document import Document
from eventwatch.errors import EventwatchError
from eventwatch.store import EventFilter, Store

MakeDoc = Callable[..., Document]


def test_migrate_from_empty_reaches_head(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert {"documents", "mentions", "alembic_version"} <= names
    with store.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    from alembic.script import ScriptDirectory

    from eventwatch.store.store import resources

    scripts = ScriptDirectory(str(resources.files("eventwatch.store") / "migrations"))
    assert version == scripts.get_current_head()
    assert store.counts() == {"documents": 0, "mentions": 0}


def test_migrate_twice_is_a_no_op(store: Store) -> None:
    store.migrate()
    again = Store(store.url)
    assert again.counts() == {"documents": 0, "mentions": 0}
    again.close()


def test_postgresql_has_search_index_and_jsonb(store: Store) -> None:
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL-only schema details")
    indexes = {index["name"] for index in inspect(store.engine).get_indexes("mentions")}
    assert "ix_mentions_evidence_fts" in indexes
    columns = {
        column["name"]: str(column["type"]) for column in inspect(store.engine).get_columns("documents")
    }
    assert columns["data"] == "JSONB"


def test_add_is_idempotent_by_content_hash(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a", [("desertion", "A soldier deserted."), ("search", "Police searched the forest.")])
    first_id, new = store.add(doc)
    assert new
    again_id, new_again = store.add(doc)
    assert (again_id, new_again) == (first_id, False)
    # Same text under another id is the same document.
    renamed = make_doc("b", [("desertion", "A soldier deserted."), ("search", "Police searched the forest.")])
    assert store.add(renamed) == (first_id, False)
    assert store.counts() == {"documents": 1, "mentions": 2}
    assert store.document_id_by_hash(doc.content_hash) == first_id
    assert store.document_id_by_hash("0" * 64) is None


def test_document_round_trip(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("round", [("protest", "About 20 people protested in Vilnius on Tuesday.")])
    doc.title, doc.url, doc.meta = "Protest", "https://example.org/a", {"sitename": "Example", "n": [1, 2]}
    doc.warnings = ["stage x failed: nothing"]
    document_id, _ = store.add(doc)
    back = store.document(document_id)
    assert back == doc
    assert back.events[0].location is not None and back.events[0].location.lat == pytest.approx(54.69)
    assert [d.id for _, d in store.iter_documents(batch_size=1)] == ["round"]


def test_missing_document_and_mention(store: Store) -> None:
    with pytest.raises(EventwatchError) as found:
        store.document(12345)
    assert found.value.code == "E204"
    with pytest.raises(EventwatchError) as found:
        store.mention(12345)
    assert found.value.code == "E202"


@pytest.fixture
def filled(store: Store, make_doc: MakeDoc) -> Store:
    store.add(make_doc("d1", [("desertion", "A conscript deserted from his unit.")], date="2024-01-10"))
    store.add(
        make_doc(
            "d2", [("shelling", "Artillery shelled the village overnight.")], date="2024-02-20", country="UKR"
        )
    )
    store.add(
        make_doc(
            "d3",
            [
                ("desertion", "Two officers fled across the border."),
                ("protest", "Hundreds rallied against the draft."),
            ],
            date="2024-03-05",
            status="reported",
        )
    )
    store.add(
        make_doc("d4", [("protest", "Students protested outside parliament.")], date=None, country=None)
    )
    return store


def _types(store: Store, **fields: object) -> list[str]:
    return sorted(row["type"] + ":" + row["doc_id"] for row in store.mentions(EventFilter(**fields)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ["desertion:d1", "desertion:d3", "protest:d3", "protest:d4", "shelling:d2"]),
        ({"types": ["desertion"]}, ["desertion:d1", "desertion:d3"]),
        ({"types": ["desertion", "shelling"], "country": "ukr"}, ["shelling:d2"]),
        ({"since": "2024-02-01"}, ["desertion:d3", "protest:d3", "protest:d4", "shelling:d2"]),
        ({"until": "2024-02-20"}, ["desertion:d1", "shelling:d2"]),
        ({"since": "2024-02-01", "until": "2024-02-28"}, ["shelling:d2"]),
        ({"status": "reported"}, ["desertion:d3", "protest:d3"]),
        ({"country": "LTU", "types": ["protest"]}, ["protest:d3"]),
    ],
)
def test_filters(filled: Store, fields: dict[str, object], expected: list[str]) -> None:
    assert _types(filled, **fields) == expected


def test_order_limit_offset_and_document_filter(filled: Store) -> None:
    rows = filled.mentions(EventFilter(limit=10))
    dated = [row["date_start"] for row in rows if row["date_start"]]
    assert dated == sorted(dated, reverse=True)
    assert len(filled.mentions(EventFilter(limit=2))) == 2
    page = filled.mentions(EventFilter(limit=2, offset=4))
    assert len(page) == 1
    d3 = next(row["document_id"] for row in rows if row["doc_id"] == "d3")
    assert sorted(row["type"] for row in filled.mentions(EventFilter(document_id=d3))) == [
        "desertion",
        "protest",
    ]
    one = filled.mention(rows[0]["id"])
    assert one["evidence"] in one["text"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("artillery", ["shelling:d2"]),
        ("ARTILLERY village", ["shelling:d2"]),
        ("artillery parliament", []),
        ("protested", ["protest:d4"]),
        ('"across the border"', ["desertion:d3"]),
        ("nonexistentword", []),
    ],
)
def test_full_text_search(filled: Store, q: str, expected: list[str]) -> None:
    assert _types(filled, q=q) == expected


def test_search_combines_with_filters(filled: Store) -> None:
    assert _types(filled, q="border", types=["protest"]) == []
    assert _types(filled, q="border", types=["desertion"]) == ["desertion:d3"]


def test_search_input_with_operator_characters_is_safe(filled: Store) -> None:
    # FTS5 and tsquery syntax characters in user input must not raise.
    for q in ['"unbalanced', "a AND (b", "NEAR(x y)", "-", "*", "village:*", "'"]:
        filled.mentions(EventFilter(q=q))


def test_postgresql_search_stems_english(filled: Store) -> None:
    if filled.dialect != "postgresql":
        pytest.skip("stemming is PostgreSQL's English configuration")
    assert _types(filled, q="protest") == ["protest:d4"]
    assert _types(filled, q="shelling or rallies") == ["protest:d3", "shelling:d2"]
