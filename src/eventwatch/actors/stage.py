"""The actors stage: ``eventwatch.actors.v1``."""

from __future__ import annotations

from ..document import Actor, Document
from ..registry import Stage, register

__all__ = ["ActorsStage"]


class ActorsStage(Stage):
    """Takes the subject of each trigger as the agent."""

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            if event.trigger is None:
                continue
            index = next((i for i, t in enumerate(doc.tokens) if t.start == event.trigger.start), None)
            if index is None:
                continue
            for token in doc.tokens:
                if token.head == index and token.dep in ("nsubj", "nsubjpass"):
                    text = doc.text[token.start : token.end]
                    event.actors.append(Actor(text=text, role="agent", start=token.start, end=token.end))
        return doc


@register("eventwatch.actors.v1", requires=["doc.events", "doc.tokens"], assigns=["event.actors"])
def make_actors() -> ActorsStage:
    """Find event actors."""
    return ActorsStage()
