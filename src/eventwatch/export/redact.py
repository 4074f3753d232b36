"""Pseudonyms for personal names: the same name and key always give the same pseudonym.

Names come from the document's PERSON entities and from actors whose span is a person; each is
replaced, in every text field, by ``Person-XXXXXXXX`` where the letters are a keyed hash (HMAC) of
the name. Without the key the pseudonym cannot be turned back into the name by hashing guesses.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from typing import Any

from ..errors import EventwatchError

__all__ = ["KEY_ENV", "Redactor", "person_names"]

KEY_ENV = "EVENTWATCH_REDACT_KEY"
_MIN_KEY = 8


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def person_names(entities: Iterable[dict[str, Any]], actors: Iterable[dict[str, Any]]) -> set[str]:
    """Personal names in a document: PERSON entities, and actors whose span lies on one."""
    people = [e for e in entities if e.get("label") == "PERSON" and str(e.get("text", "")).strip()]
    names = {str(e["text"]).strip() for e in people}
    for actor in actors:
        start, end = actor.get("start"), actor.get("end")
        if start is None or end is None:
            continue
        if any(e["start"] <= start < e["end"] or start <= e["start"] < end for e in people):
            names.update(str(v).strip() for v in (actor.get("text"), actor.get("name")) if v)
    # "'s" belongs to the sentence, not the name: "Ivanov's unit" keeps its "'s".
    return {re.sub(r"['’]s$", "", name) for name in names if len(name) > 1}


class Redactor:
    """Replace personal names in text with stable keyed pseudonyms."""

    def __init__(self, key: str) -> None:
        if len(key) < _MIN_KEY:
            raise EventwatchError("E901", env=KEY_ENV, minimum=_MIN_KEY)
        self._key = key.encode("utf-8")

    def pseudonym(self, name: str) -> str:
        """``Person-`` and 8 hex digits of HMAC-SHA256(key, the name case- and space-folded)."""
        digest = hmac.new(self._key, _norm(name).encode("utf-8"), hashlib.sha256).hexdigest()
        return f"Person-{digest[:8]}"

    def mapping(self, names: Iterable[str]) -> dict[str, str]:
        """Each name to its pseudonym; a lone surname of exactly one full name gets that name's pseudonym."""
        full = {n.strip() for n in names if n.strip()}
        owners: dict[str, set[str]] = {}
        for name in full:
            parts = name.split()
            if len(parts) > 1 and len(parts[-1]) > 2:
                owners.setdefault(parts[-1].casefold(), set()).add(_norm(name))
        table: dict[str, str] = {}
        for name in full | {n.split()[-1] for n in full if len(n.split()) > 1 and len(n.split()[-1]) > 2}:
            whose = owners.get(name.casefold(), set()) if len(name.split()) == 1 else set()
            # A surname shared by two people in one document cannot say which one it is.
            table[name] = self.pseudonym(next(iter(whose)) if len(whose) == 1 else name)
        return table

    def apply(self, text: str, table: dict[str, str]) -> str:
        """``text`` with every name in ``table`` (whole words, longest first) replaced."""
        if not table or not text:
            return text
        pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True)) + r")(?!\w)",
            re.IGNORECASE,
        )
        lowered = {k.casefold(): v for k, v in table.items()}
        return pattern.sub(lambda m: lowered.get(m.group(0).casefold(), m.group(0)), text)

    def apply_all(self, value: Any, table: dict[str, str], *, keep: frozenset[str] = frozenset()) -> Any:
        """``value`` with every string inside it redacted, except under the keys in ``keep``."""
        if isinstance(value, str):
            return self.apply(value, table)
        if isinstance(value, list):
            return [self.apply_all(item, table, keep=keep) for item in value]
        if isinstance(value, dict):
            return {k: v if k in keep else self.apply_all(v, table, keep=keep) for k, v in value.items()}
        return value
