"""Registered stages: versioned names mapped to factories that declare what they read and write.

A stage is any object with ``__call__(doc) -> doc`` and ``pipe(docs, *, batch_size)``.
``Stage`` gives the usual ``pipe`` for free. Factories take keyword settings only.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .document import Document
from .errors import EventwatchError

__all__ = ["Stage", "StageInfo", "StageProtocol", "get", "names", "register"]


@runtime_checkable
class StageProtocol(Protocol):
    """What the pipeline needs of a stage."""

    def __call__(self, doc: Document) -> Document: ...

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 64) -> Iterator[Document]: ...


class Stage:
    """Base for stages that work one document at a time; override ``pipe`` to batch."""

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 64) -> Iterator[Document]:
        """Apply the stage to each document in turn."""
        for doc in docs:
            yield self(doc)


@dataclass(frozen=True, slots=True)
class StageInfo:
    """A registered stage factory and its declared data flow."""

    name: str
    factory: Callable[..., StageProtocol]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def settings(self) -> list[str]:
        """The keyword settings the factory accepts."""
        params = inspect.signature(self.factory).parameters.values()
        return [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]


_REGISTRY: dict[str, StageInfo] = {}


def register(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Callable[..., StageProtocol]], Callable[..., StageProtocol]]:
    """Register a stage factory under a versioned ``name`` such as ``eventwatch.dates.v1``.

    ``requires``/``assigns`` name Document attributes (``doc.sentences``, ``doc.events``, ...).
    """

    def decorate(factory: Callable[..., StageProtocol]) -> Callable[..., StageProtocol]:
        if name in _REGISTRY and _REGISTRY[name].factory is not factory:
            raise EventwatchError("E007", name=name)
        _REGISTRY[name] = StageInfo(name, factory, tuple(requires), tuple(assigns))
        return factory

    return decorate


def get(name: str) -> StageInfo:
    """The registered stage ``name``; raises E001 when there is none."""
    _load_builtin_stages()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise EventwatchError("E001", name=name, known=", ".join(sorted(_REGISTRY))) from None


def names() -> list[str]:
    """All registered stage names."""
    _load_builtin_stages()
    return sorted(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the stages package registers the built-in stages.
    from . import stages  # noqa: F401
