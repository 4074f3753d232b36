"""Shared fixtures: the default pipeline is built once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch import pipeline
from eventwatch.document import Document


@pytest.fixture(scope="session")
def default_pipeline() -> pipeline.Pipeline:
    """The default pipeline (loads the spaCy model once)."""
    return pipeline.build()


@pytest.fixture(scope="session")
def extract(default_pipeline: pipeline.Pipeline) -> Callable[..., Document]:
    """Run the default pipeline over a text: ``extract(text, published="2024-03-14")``."""

    def run(text: str, published: str | None = None, *, doc_id: str = "t") -> Document:
        return default_pipeline(Document(id=doc_id, text=text, published=published))

    return run
