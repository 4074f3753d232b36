"""A tiny registered stage for watcher tests where extraction is beside the point.

It makes one ``desertion`` event per sentence containing "desert", so tests run without spaCy.
Importing this module registers ``eventwatch_tests.fake_events.v1``.
"""

from __future__ import annotations

import re

from eventwatch import pipeline
from eventwatch.document import Actor, Document, Event, Span
from eventwatch.registry import Stage, register

NAME = "eventwatch_tests.fake_events.v1"
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


class FakeEvents(Stage):
    """Sentences by punctuation; a desertion event for each one that mentions deserting."""

    def __call__(self, doc: Document) -> Document:
        doc.sentences = [Span.of(doc.text, m.start(), m.end()) for m in _SENTENCE.finditer(doc.text)]
        doc.events = []
        for sentence in doc.sentences:
            if "desert" in sentence.text.lower():
                actors = [Actor(text="soldier", role="agent", country="BLR", sector="MIL")]
                doc.events.append(Event(type="desertion", evidence=[sentence], actors=actors))
        return doc


@register(NAME, assigns=["doc.sentences", "doc.events"])
def make_fake_events() -> FakeEvents:
    """The fake events stage."""
    return FakeEvents()


def fake_pipeline() -> pipeline.Pipeline:
    """A pipeline of just the fake stage."""
    return pipeline.build(pipeline.PipelineConfig(stages=[NAME]))


CONFIG_TOML = f'[pipeline]\nstages = ["{NAME}"]\n'
