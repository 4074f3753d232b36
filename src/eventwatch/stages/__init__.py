"""Built-in stages. Importing this package registers them (see ``eventwatch.registry``)."""

from ..actors import stage as _actors
from ..dates import stage as _dates
from ..events import stage as _events
from ..places import stage as _places
from ..quantities import stage as _quantities
from . import language as _language
from . import spacy_stage as _spacy

__all__: list[str] = []
del _actors, _dates, _events, _places, _quantities, _language, _spacy
