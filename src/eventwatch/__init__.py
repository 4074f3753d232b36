"""eventwatch: news reports to a structured, deduplicated, source-linked record of events.

The public surface::

    import eventwatch
    doc = eventwatch.extract("On Tuesday a soldier deserted ...", published="2024-03-14")
    for event in doc.events: ...
"""

from .api import IngestReport, extract, ingest, iter_extracted
from .document import (
    Actor,
    DateMention,
    Document,
    Entity,
    Event,
    EventDate,
    Item,
    Place,
    PlaceMention,
    Quantities,
    Span,
)
from .errors import EventwatchError
from .pipeline import Pipeline, build, load_config
from .registry import Stage, register
from .store import EventFilter, Store

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "DateMention",
    "Document",
    "Entity",
    "Event",
    "EventDate",
    "EventFilter",
    "EventwatchError",
    "IngestReport",
    "Item",
    "Pipeline",
    "Place",
    "PlaceMention",
    "Quantities",
    "Span",
    "Stage",
    "Store",
    "__version__",
    "build",
    "extract",
    "ingest",
    "iter_extracted",
    "load_config",
    "register",
]
