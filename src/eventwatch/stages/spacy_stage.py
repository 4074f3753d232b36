"""The language analysis stage: spaCy tokens, sentences and named entities as plain records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import nlp
from ..document import Document
from ..registry import register

__all__ = ["SpacyStage"]


class SpacyStage:
    """Runs a spaCy pipeline with ``nlp.pipe`` and copies its analysis onto each document."""

    def __init__(self, *, model: str = nlp.DEFAULT_MODEL, n_process: int = 1) -> None:
        self.model = model
        self.n_process = n_process
        self.nlp = nlp.load(model)

    def __call__(self, doc: Document) -> Document:
        nlp.analyse(doc, self.nlp(doc.text))
        return doc

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 64) -> Iterator[Document]:
        """Analyse ``docs`` in spaCy batches."""
        docs = list(docs)
        parsed = self.nlp.pipe((doc.text for doc in docs), batch_size=batch_size, n_process=self.n_process)
        for doc, analysis in zip(docs, parsed, strict=True):
            nlp.analyse(doc, analysis)
            yield doc


@register(
    "eventwatch.spacy.v1",
    assigns=["doc.tokens", "doc.sentences", "doc.entities"],
)
def make_spacy(*, model: str = nlp.DEFAULT_MODEL, n_process: int = 1) -> SpacyStage:
    """Tokenise, parse and tag entities with the spaCy pipeline ``model``."""
    return SpacyStage(model=model, n_process=n_process)
