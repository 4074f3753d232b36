"""The quantities stage: ``eventwatch.quantities.v1``."""

from __future__ import annotations

import re

from ..document import Document
from ..registry import Stage, register

__all__ = ["QuantitiesStage"]

_KILLED = re.compile(r"\b(\d+) (?:people |civilians |soldiers )?(?:were )?killed\b")


class QuantitiesStage(Stage):
    """Reads fatalities from '<n> killed'."""

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            match = _KILLED.search(event.evidence[0].text)
            if match:
                event.quantities.fatalities = int(match.group(1))
        return doc


@register("eventwatch.quantities.v1", requires=["doc.events"], assigns=["event.quantities"])
def make_quantities() -> QuantitiesStage:
    """Find event quantities."""
    return QuantitiesStage()
