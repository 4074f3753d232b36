"""The actor dictionary: named actors and generic actor words, shipped as data and extendable.

``data/actors.yaml`` ships with eventwatch; users add their own files with the same layout
(``dictionaries = [path]`` in the actors stage settings). Later files win for the same alias.
An invalid file raises E009 naming the file and what is wrong.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..countries import fold
from ..errors import EventwatchError

__all__ = ["ActorDictionary", "Entry", "WordSense", "load_dictionary"]

_UPPER_CODE = re.compile(r"^[A-Z][A-Z0-9.\-]{1,5}$")
_SHIPPED = "<eventwatch>/data/actors.yaml"


@dataclass(frozen=True, slots=True)
class Entry:
    """A named actor: canonical name, country (ISO3 or None), sector, ACLED export name."""

    name: str
    country: str | None
    sector: str | None
    acled: str | None = None


@dataclass(frozen=True, slots=True)
class WordSense:
    """What a generic word says about an actor: its sector and the canonical name template."""

    sector: str
    template: str


@dataclass(slots=True)
class ActorDictionary:
    """Alias and word tables, looked up by folded text."""

    aliases: dict[str, Entry]
    exact: dict[str, Entry]
    words: dict[str, WordSense]
    patient_nouns: frozenset[str]
    light_verbs: frozenset[str]
    reaction_verbs: frozenset[str]
    transfer_verbs: frozenset[str]
    victim_verbs: frozenset[str]
    acled_since: dict[str, int]
    names: dict[str, Entry]

    def lookup(self, text: str) -> Entry | None:
        """The named actor ``text`` names ("NATO", "the Kremlin"), if any."""
        bare = text.strip()
        if bare in self.exact:
            return self.exact[bare]
        key = fold(bare)
        if key.startswith("the "):
            key = key[4:]
        return self.aliases.get(key)

    def word(self, text: str) -> WordSense | None:
        """The sense of a generic actor word or phrase ("border guards" -> COP), if any."""
        return self.words.get(fold(text))

    def by_name(self, name: str) -> Entry | None:
        """The entry whose canonical name is ``name``."""
        return self.names.get(name)


def _fail(path: str, reason: str) -> EventwatchError:
    return EventwatchError("E009", path=path, reason=reason)


def _strings(value: Any, path: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise _fail(path, f"{where} must be a list of strings")
    return [str(v) for v in value]


def _merge(dictionary: ActorDictionary, data: Any, path: str) -> None:
    if not isinstance(data, dict):
        raise _fail(path, "the file must be a mapping with 'actors' and/or 'words'")
    known = {
        "actors",
        "words",
        "patient_nouns",
        "light_verbs",
        "reaction_verbs",
        "transfer_verbs",
        "victim_verbs",
        "acled_since",
    }
    unknown = set(data) - known
    if unknown:
        raise _fail(path, f"unknown top-level keys {sorted(unknown)}; use {', '.join(sorted(known))}")
    for number, item in enumerate(data.get("actors") or [], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _fail(path, f"actors entry {number} needs a 'name' string")
        country = item.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 3):
            raise _fail(path, f"actors entry '{item['name']}': country must be an ISO3 code or null")
        sector = item.get("sector")
        if sector is not None and not isinstance(sector, str):
            raise _fail(path, f"actors entry '{item['name']}': sector must be a string")
        entry = Entry(item["name"], country.upper() if country else None, sector, item.get("acled"))
        dictionary.names[entry.name] = entry
        for alias in [
            entry.name,
            *_strings(item.get("aliases") or [], path, f"actors '{entry.name}' aliases"),
        ]:
            if _UPPER_CODE.match(alias) and alias.replace(".", "").isupper():
                dictionary.exact[alias] = entry
                dictionary.exact[alias.replace(".", "")] = entry
            else:
                dictionary.aliases[fold(alias)] = entry
    for number, item in enumerate(data.get("words") or [], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("sector"), str):
            raise _fail(path, f"words entry {number} needs a 'sector' string")
        sense = WordSense(item["sector"], str(item.get("name") or ""))
        for word in _strings(item.get("words") or [], path, f"words entry {number}"):
            dictionary.words[fold(word)] = sense
    dictionary.patient_nouns |= frozenset(_strings(data.get("patient_nouns") or [], path, "patient_nouns"))
    dictionary.light_verbs |= frozenset(_strings(data.get("light_verbs") or [], path, "light_verbs"))
    dictionary.reaction_verbs |= frozenset(_strings(data.get("reaction_verbs") or [], path, "reaction_verbs"))
    dictionary.transfer_verbs |= frozenset(_strings(data.get("transfer_verbs") or [], path, "transfer_verbs"))
    dictionary.victim_verbs |= frozenset(_strings(data.get("victim_verbs") or [], path, "victim_verbs"))
    since = data.get("acled_since") or {}
    if not isinstance(since, dict) or not all(isinstance(v, int) for v in since.values()):
        raise _fail(path, "acled_since must map ISO3 codes to years")
    dictionary.acled_since.update({str(k).upper(): int(v) for k, v in since.items()})


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _fail(str(path), str(exc)) from None


@functools.cache
def _load(paths: tuple[str, ...]) -> ActorDictionary:
    dictionary = ActorDictionary(
        {}, {}, {}, frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), {}, {}
    )
    shipped = resources.files("eventwatch.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    _merge(dictionary, yaml.safe_load(shipped), _SHIPPED)
    for path in paths:
        _merge(dictionary, _read(Path(path)), path)
    return dictionary


def load_dictionary(paths: Iterable[str | Path] = ()) -> ActorDictionary:
    """The shipped dictionary extended by the user's files at ``paths`` (cached per path list)."""
    key: Sequence[str] = tuple(str(p) for p in paths)
    return _load(tuple(key))
