"""The event ontology: a YAML data file of event types, loaded, validated and merged with user files.

Each type has a definition, its ACLED (event_type, sub_event_type) and PLOVER mapping, optional
modes, trigger patterns and example sentences. A user file can add types (``types:``), replace a
type of the same name (``types:`` again), or add triggers/examples to an existing type
(``extend:``). Everything a user sees on a bad file is an E6xx error naming the file and type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import EventwatchError

__all__ = ["ACLED_TYPES", "PLOVER_TYPES", "EventType", "Ontology", "Trigger", "load"]

# The ACLED codebook's event types and their sub-event types, spelled as the codebook spells them.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
# Current PLOVER event types (older names DEMAND, DISAPPROVE, INVESTIGATE, FIGHT were folded in).
PLOVER_TYPES: frozenset[str] = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TRIGGER_KEYS = frozenset(
    {
        "phrase",
        "pos",
        "object",
        "subject",
        "context",
        "not_context",
        "weight",
        "mode",
        "gap",
        "plover",
        "not_dep",
    }
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger pattern: a word sequence (lemmas or forms; ``(word)`` optional) and constraints.

    ``object``/``subject``: some word must occur among the trigger's object-side/subject-side
    dependents; ``context``/``not_context``: some word must/must not occur in the sentence.
    """

    words: tuple[tuple[str, bool], ...]
    pattern: str
    pos: frozenset[str] = frozenset()
    object: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    not_context: tuple[str, ...] = ()
    weight: float = 1.0
    mode: str | None = None
    gap: int = 0
    plover: str | None = None
    not_dep: frozenset[str] = frozenset()


@dataclass(slots=True)
class EventType:
    """An event type of the ontology."""

    name: str
    definition: str
    acled: dict[str, str] | None
    plover: str | None
    triggers: list[Trigger]
    examples: list[str]
    modes: list[str] = field(default_factory=list)
    mode: str | None = None
    salience: float = 1.0
    negated_as: str | None = None
    planned_as: str | None = None


@dataclass(slots=True)
class Ontology:
    """All event types by name, plus the files they came from."""

    types: dict[str, EventType]
    sources: list[str]

    def __getitem__(self, name: str) -> EventType:
        return self.types[name]

    def __contains__(self, name: object) -> bool:
        return name in self.types


def load(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> Ontology:
    """The built-in ontology (unless ``builtin=False``) with each user file in ``paths`` laid over it."""
    ontology = Ontology(types={}, sources=[])
    if builtin:
        text = resources.files("eventwatch.data").joinpath("ontology.yaml").read_text("utf-8")
        _merge(ontology, _parse(text, "eventwatch/data/ontology.yaml"), "eventwatch/data/ontology.yaml")
    for path in paths:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise EventwatchError("E008", path=str(path), reason=str(exc)) from None
        _merge(ontology, _parse(text, str(path)), str(path))
    if not ontology.types:
        raise EventwatchError("E008", path=", ".join(map(str, paths)) or "(none)", reason="no event types")
    for event_type in ontology.types.values():
        for key in ("negated_as", "planned_as"):
            target = getattr(event_type, key)
            if target is not None and target not in ontology.types:
                reason = f"names '{target}', which is not a type"
                raise EventwatchError(
                    "E603", path=ontology.sources[-1], name=event_type.name, field=key, reason=reason
                )
    return ontology


def _parse(text: str, path: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise EventwatchError("E008", path=path, reason=f"not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not ({"types", "extend"} & set(data)):
        raise EventwatchError("E008", path=path, reason="expected a mapping with a 'types' or 'extend' table")
    return data


def _merge(ontology: Ontology, data: dict[str, Any], path: str) -> None:
    types = data.get("types") or {}
    extend = data.get("extend") or {}
    if not isinstance(types, dict) or not isinstance(extend, dict):
        raise EventwatchError(
            "E008", path=path, reason="'types' and 'extend' must be mappings of name to type"
        )
    for name, entry in types.items():
        ontology.types[name] = _event_type(name, entry, path)
    for name, entry in extend.items():
        if name not in ontology.types:
            raise EventwatchError("E605", path=path, name=name)
        if not isinstance(entry, dict):
            raise EventwatchError("E603", path=path, name=name, field="extend", reason="must be a mapping")
        target = ontology.types[name]
        target.triggers.extend(_trigger(t, path, name) for t in _as_list(entry.get("triggers"), path, name))
        target.examples.extend(str(e) for e in _as_list(entry.get("examples"), path, name))
    ontology.sources.append(path)


def _as_list(value: Any, path: str, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise EventwatchError(
            "E603", path=path, name=name, field="triggers/examples", reason="must be a list"
        )
    return value


def _event_type(name: Any, entry: Any, path: str) -> EventType:
    if not isinstance(name, str) or not _NAME.match(name):
        raise EventwatchError("E604", path=path, name=name)
    if not isinstance(entry, dict):
        raise EventwatchError("E603", path=path, name=name, field="(type)", reason="must be a mapping")
    for key in ("definition", "triggers", "examples"):
        if not entry.get(key):
            raise EventwatchError("E603", path=path, name=name, field=key, reason="is missing or empty")
    if "acled" not in entry or "plover" not in entry:
        missing = "acled" if "acled" not in entry else "plover"
        raise EventwatchError(
            "E603", path=path, name=name, field=missing, reason="is missing (write null for none)"
        )
    return EventType(
        name=name,
        definition=str(entry["definition"]),
        acled=_acled(entry["acled"], path, name),
        plover=_plover(entry["plover"], path, name),
        triggers=[_trigger(t, path, name) for t in _as_list(entry["triggers"], path, name)],
        examples=[str(e) for e in _as_list(entry["examples"], path, name)],
        modes=[str(m) for m in entry.get("modes") or []],
        mode=entry.get("mode"),
        salience=float(entry.get("salience", 1.0)),
        negated_as=entry.get("negated_as"),
        planned_as=entry.get("planned_as"),
    )


def _acled(value: Any, path: str, name: str) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"event_type", "sub_event_type"}:
        raise EventwatchError(
            "E603", path=path, name=name, field="acled", reason="needs event_type and sub_event_type"
        )
    event_type, sub = value["event_type"], value["sub_event_type"]
    if sub not in ACLED_TYPES.get(event_type, ()):
        raise EventwatchError("E601", path=path, name=name, event_type=event_type, sub_event_type=sub)
    return {"event_type": event_type, "sub_event_type": sub}


def _plover(value: Any, path: str, name: str) -> str | None:
    if value is None:
        return None
    if value not in PLOVER_TYPES:
        raise EventwatchError(
            "E602", path=path, name=name, value=value, known=", ".join(sorted(PLOVER_TYPES))
        )
    return str(value)


def _words(phrase: str) -> tuple[tuple[str, bool], ...]:
    """``"fire (on)"`` -> (("fire", False), ("on", True)): (word, optional)."""
    words = []
    for part in phrase.lower().split():
        if part in ("-", "/"):  # the matcher skips these tokens, so patterns do too
            continue
        optional = part.startswith("(") and part.endswith(")")
        words.append((part.strip("()"), optional))
    return tuple(words)


def _trigger(spec: Any, path: str, name: str) -> Trigger:
    if isinstance(spec, str):
        spec = {"phrase": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("phrase"), str) or not spec["phrase"].strip():
        raise EventwatchError("E606", path=path, name=name, spec=spec, reason="needs a non-empty 'phrase'")
    unknown = set(spec) - _TRIGGER_KEYS
    if unknown:
        raise EventwatchError(
            "E606", path=path, name=name, spec=spec, reason=f"unknown keys {sorted(unknown)}"
        )
    words = _words(spec["phrase"])
    if words[0][1]:
        raise EventwatchError(
            "E606", path=path, name=name, spec=spec, reason="the first word cannot be optional"
        )
    constraints = sum(bool(spec.get(k)) for k in ("object", "subject", "context"))
    default_weight = 1.0 + 0.5 * constraints + 0.25 * (sum(not o for _, o in words) - 1)
    return Trigger(
        words=words,
        pattern=spec["phrase"],
        pos=frozenset(p.upper() for p in _strings(spec.get("pos"))),
        object=_strings(spec.get("object")),
        subject=_strings(spec.get("subject")),
        context=_strings(spec.get("context")),
        not_context=_strings(spec.get("not_context")),
        weight=float(spec.get("weight", default_weight)),
        mode=spec.get("mode"),
        gap=int(spec.get("gap", 0)),
        plover=_plover(spec.get("plover"), path, name),
        not_dep=frozenset(_strings(spec.get("not_dep"))),
    )


def _strings(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    return tuple(str(v).lower() for v in value)
