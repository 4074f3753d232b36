"""Fixtures for the quantities tests: a document analysed by spaCy with one hand-made event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch import registry
from eventwatch.document import Document, Event, Span
from eventwatch.registry import StageProtocol

Analyse = Callable[..., Document]


@pytest.fixture(scope="session")
def spacy_stage() -> StageProtocol:
    """The spaCy stage alone (the model is loaded once per session)."""
    return registry.get("eventwatch.spacy.v1").factory()


@pytest.fixture(scope="session")
def analyse(spacy_stage: StageProtocol) -> Analyse:
    """``analyse(text, "trigger", ...)``: the text analysed, with one event per named trigger word."""

    def run(text: str, *triggers: str) -> Document:
        doc = spacy_stage(Document(id="t", text=text))
        for word in triggers:
            start = text.index(word)
            sentence = doc.sentence_of(start)
            assert sentence is not None
            doc.events.append(
                Event(type="test", evidence=[sentence], trigger=Span.of(text, start, start + len(word)))
            )
        return doc

    return run
