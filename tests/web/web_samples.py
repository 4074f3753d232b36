"""Sample data and helpers for the web tests: hand-built documents (one hostile), a fake pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fastapi.testclient import TestClient

from eventwatch.document import Actor, Document, Entity, Event, EventDate, Place, Span
from eventwatch.store import Store
from eventwatch.web import Settings, create_app

TOKEN = "test-token-0123456789"
REDACT_KEY = "redact-key-0123456789"
HOSTILE = (
    "Riot police in Gomel arrested <script>alert('x')</script> protesters on Friday. "
    "Witnesses said <img src=x onerror=alert(1)> officers used batons near the station."
)


def at(text: str, needle: str) -> tuple[int, int]:
    """Offsets of the first ``needle`` in ``text``."""
    i = text.index(needle)
    return i, i + len(needle)


def sentence_of(text: str, needle: str) -> Span:
    """The sentence (ending with '. ') that contains ``needle``."""
    i = text.index(needle)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", i)
    return Span.of(text, start, len(text) if end < 0 else end + 1)


def event(
    text: str,
    kind: str,
    trigger: str,
    *,
    day: str | None,
    place: Place | None = None,
    agent: str | None = None,
    target: str | None = None,
    status: str = "occurred",
    date_text: str | None = None,
) -> Event:
    """An event whose evidence is the sentence around ``trigger``."""
    actors = []
    for role, words in (("agent", agent), ("target", target)):
        if words:
            start, end = at(text, words)
            actors.append(Actor(text=words, role=role, start=start, end=end))  # type: ignore[arg-type]
    return Event(
        type=kind,
        evidence=[sentence_of(text, trigger)],
        trigger=Span.of(text, *at(text, trigger)),
        status=status,  # type: ignore[arg-type]
        date=EventDate(start=day, end=day, precision="day" if day else "unknown", text=date_text),
        location=place,
        actors=actors,
        confidence=0.7,
    )


def documents() -> list[Document]:
    """Three documents: ordinary reports in two countries, and one full of hostile markup."""
    a = (
        "Soldiers shelled the village of Kupiansk on 3 March 2024, killing two civilians. "
        "On 5 March 2024 the army attacked positions near Kupiansk again."
    )
    kupiansk = Place(name="Kupiansk", country="UKR", lat=49.71, lon=37.61, text="Kupiansk", feature="city")
    doc_a = Document(
        id="a",
        text=a,
        title="Shelling near Kupiansk",
        url="https://news.example/a",
        published="2024-03-06",
        events=[
            event(
                a,
                "attack",
                "shelled",
                day="2024-03-03",
                place=kupiansk,
                agent="Soldiers",
                date_text="on 3 March 2024",
            ),
            event(
                a,
                "attack",
                "attacked",
                day="2024-03-05",
                place=kupiansk,
                agent="the army",
                date_text="On 5 March 2024",
            ),
        ],
    )
    b = "Thousands of farmers protested in Warsaw on 20 March 2024. Maria Nowak, a farmer, was detained."
    warsaw = Place(name="Warsaw", country="POL", lat=52.23, lon=21.01, text="Warsaw", feature="city")
    doc_b = Document(
        id="b",
        text=b,
        title="Farmers protest",
        url="https://news.example/b",
        published="2024-03-21",
        entities=[Entity("Maria Nowak", *at(b, "Maria Nowak"), "PERSON")],
        events=[
            event(
                b,
                "protest",
                "protested",
                day="2024-03-20",
                place=warsaw,
                agent="Thousands of farmers",
                date_text="on 20 March 2024",
            ),
            event(
                b,
                "arrest",
                "detained",
                day="2024-03-20",
                place=warsaw,
                target="Maria Nowak",
                status="occurred",
            ),
        ],
    )
    gomel = Place(name="Gomel <b>", country="BLR", lat=52.43, lon=30.98, text="Gomel", feature="city")
    doc_c = Document(
        id="c<script>",
        text=HOSTILE,
        title="<script>alert('title')</script>",
        url="javascript:alert('url')",
        published="2024-04-05",
        events=[
            event(
                HOSTILE,
                "arrest",
                "arrested",
                day="2024-04-05",
                place=gomel,
                agent="Riot police",
                date_text="on Friday",
            ),
            event(HOSTILE, "attack", "used batons", day=None, status="reported"),
        ],
    )
    return [doc_a, doc_b, doc_c]


class FakePipeline:
    """Stands in for the spaCy pipeline: one 'protest' event on each document's first sentence."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 64) -> Iterator[Document]:
        for doc in docs:
            self.calls += 1
            end = doc.text.find(".") + 1 or len(doc.text)
            first = doc.text.split()[0]
            doc.events = [
                Event(
                    type="protest",
                    evidence=[Span.of(doc.text, 0, end)],
                    trigger=Span.of(doc.text, 0, len(first)),
                )
            ]
            yield doc


def make_client(store: Store, pipeline: FakePipeline, **settings: object) -> TestClient:
    """A TestClient over an app on ``store`` with the given settings."""
    options: dict[str, object] = {"token": TOKEN, "redact_key": REDACT_KEY, **settings}
    app = create_app(
        Settings(db=store.url, **options),
        store=store,  # type: ignore[arg-type]
        pipeline_factory=lambda: pipeline,
    )
    return TestClient(app)
