"""Building pipelines from config, and streaming documents through them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from eventwatch import pipeline, registry
from eventwatch.document import Document
from eventwatch.errors import EventwatchError
from eventwatch.pipeline import PipelineConfig


class _Upper(registry.Stage):
    def __call__(self, doc: Document) -> Document:
        doc.meta["upper"] = doc.text.upper()
        return doc


class _Fragile(registry.Stage):
    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.text:
            raise RuntimeError("cannot handle this document")
        doc.meta["seen"] = True
        return doc


class _Broken(registry.Stage):
    def __call__(self, doc: Document) -> Document:
        return "not a document"  # type: ignore[return-value]

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 64) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


@registry.register("test.upper.v1", requires=["doc.text"], assigns=["doc.meta.upper"])
def _make_upper() -> _Upper:
    return _Upper()


@registry.register("test.needs_upper.v1", requires=["doc.meta.upper"], assigns=["doc.meta.seen"])
def _make_fragile() -> _Fragile:
    return _Fragile()


@registry.register("test.broken.v1")
def _make_broken() -> _Broken:
    return _Broken()


def test_default_pipeline_lists_registered_stages_in_order() -> None:
    config = pipeline.load_config()
    assert config.stages[:2] == ["eventwatch.language.v1", "eventwatch.spacy.v1"]
    for name in config.stages:
        assert name in registry.names()


def test_unknown_stage_fails_at_build_time() -> None:
    with pytest.raises(EventwatchError) as caught:
        pipeline.build(PipelineConfig(stages=["eventwatch.nope.v1"]))
    assert caught.value.code == "E001"
    assert "eventwatch.dates.v1" in str(caught.value)


def test_stages_that_do_not_line_up_fail_at_build_time() -> None:
    with pytest.raises(EventwatchError) as caught:
        pipeline.build(PipelineConfig(stages=["test.needs_upper.v1", "test.upper.v1"]))
    assert caught.value.code == "E002"
    assert "doc.meta.upper" in str(caught.value)


def test_unknown_setting_fails_at_build_time() -> None:
    config = PipelineConfig(stages=["test.upper.v1"], settings={"test.upper.v1": {"colour": "red"}})
    with pytest.raises(EventwatchError) as caught:
        pipeline.build(config)
    assert caught.value.code == "E004"


def test_stage_returning_something_else_is_reported() -> None:
    nlp = pipeline.build(PipelineConfig(stages=["test.broken.v1"]))
    with pytest.raises(EventwatchError) as caught:
        nlp(Document(id="a", text="text"))
    assert caught.value.code == "E005"


def test_one_bad_document_does_not_sink_the_batch() -> None:
    nlp = pipeline.build(PipelineConfig(stages=["test.upper.v1", "test.needs_upper.v1"]))
    docs = [Document(id=str(i), text=text) for i, text in enumerate(["fine", "boom", "also fine"])]
    out = list(nlp.pipe(docs, batch_size=8))
    assert [doc.id for doc in out] == ["0", "1", "2"]
    assert out[0].meta["seen"] and out[2].meta["seen"]
    assert "seen" not in out[1].meta
    assert "cannot handle this document" in out[1].warnings[0]


def test_pipe_streams_lazily() -> None:
    nlp = pipeline.build(PipelineConfig(stages=["test.upper.v1"], batch_size=2))
    pulled: list[int] = []

    def source() -> Iterator[Document]:
        for i in range(1_000_000):
            pulled.append(i)
            yield Document(id=str(i), text="x")

    first = next(iter(nlp.pipe(source())))
    assert first.id == "0"
    assert len(pulled) <= 3


def test_user_config_appends_removes_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[pipeline]\nremove = ["eventwatch.salience.v1"]\nappend = ["test.upper.v1"]\nbatch_size = 8\n'
        '[stages."eventwatch.language.v1"]\nsample = 500\n'
    )
    config = pipeline.load_config(user)
    assert config.stages[-1] == "test.upper.v1"
    assert "eventwatch.salience.v1" not in config.stages
    assert config.batch_size == 8
    assert config.settings["eventwatch.language.v1"] == {"sample": 500}


def test_unreadable_config_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline\nstages = ")
    with pytest.raises(EventwatchError) as caught:
        pipeline.load_config(bad)
    assert caught.value.code == "E003"


def test_non_english_documents_are_kept_but_not_extracted(default_pipeline: pipeline.Pipeline) -> None:
    doc = default_pipeline(
        Document(
            id="de",
            text="Die Polizei hat am Montag in Berlin drei Demonstranten festgenommen, die gegen das Gesetz protestierten.",
        )
    )
    assert doc.language == "de"
    assert doc.events == [] and doc.tokens == []
    assert doc.warnings and "[E112]" in doc.warnings[0]


def test_a_line_break_ends_a_sentence(default_pipeline: pipeline.Pipeline) -> None:
    text = "Conscript crosses border\nA young conscript deserted his unit near the border on Monday, officials said."
    doc = default_pipeline(Document(id="h", text=text, published="2024-03-14"))
    assert [s.text for s in doc.sentences][:2] == [
        "Conscript crosses border",
        "A young conscript deserted his unit near the border on Monday, officials said.",
    ]
