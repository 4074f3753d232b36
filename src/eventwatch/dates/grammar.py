"""The pieces every date rule is made of: ``Timex`` (a normalised expression), ``Context``
(what a rule may know beyond its match), ``Rule``, and regular-expression building blocks.

A rule is a compiled pattern plus a handler ``(match, context) -> Timex | None``; ``None``
rejects the candidate (e.g. lower-case "may"). Handlers are pure: all they know is the match,
the publication date (``anchor``), the last explicitly dated day before them (``reference``)
and the tense of the clause around them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .lexicon import alternation, lexicon

__all__ = [
    "DAY",
    "MONTH",
    "NUM",
    "ORD",
    "UNIT",
    "WEEKDAY",
    "YEAR",
    "Context",
    "Rule",
    "Syntax",
    "Timex",
    "month_of",
    "rejected_case",
    "unit_of",
]


@dataclass(slots=True)
class Timex:
    """A normalised time expression. ``first``/``last``/``precision`` override the window of ``value``."""

    value: str | None
    kind: str = "date"
    reason: str = ""
    first: dt.date | None = None
    last: dt.date | None = None
    precision: str | None = None


class Syntax(Protocol):
    """What the grammar asks of the parse around an expression (see ``dates.syntax``)."""

    def tense(self, start: int, end: int) -> int:
        """-1 past, +1 future, 0 unknown: the tense of the clause governing ``start:end``."""
        ...

    def counts_noun(self, start: int) -> bool:
        """Whether the number at ``start`` counts a (non-time) noun: "2000 soldiers"."""
        ...


@dataclass(slots=True)
class Context:
    """What a rule may know beyond its own match."""

    text: str
    anchor: dt.date | None = None
    reference: dt.date | None = None
    reference_any: dt.date | None = None
    syntax: Syntax | None = None
    start: int = 0
    end: int = 0

    def tense(self) -> int:
        """-1 past, +1 future, 0 unknown: the tense of the clause around the expression."""
        if _AHEAD.search(self.text[max(0, self.start - 16) : self.start]):
            return 1  # "effective Feb. 1", "through January": a time not yet reached
        return 0 if self.syntax is None else self.syntax.tense(self.start, self.end)

    def before(self, width: int = 40) -> str:
        """Lower-cased text just before the expression."""
        return self.text[max(0, self.start - width) : self.start].lower()

    def after(self, width: int = 40) -> str:
        """Lower-cased text just after the expression."""
        return self.text[self.end : self.end + width].lower()


_AHEAD = re.compile(r"\b(?:effective|until|till|through|starting)\s+(?:on\s+)?$", re.IGNORECASE)
Handler = Callable[[re.Match[str], Context], Timex | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern and the handler that normalises its matches."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler


def _words(table: dict[str, int] | dict[str, str]) -> str:
    return alternation(table)


_lex = lexicon()
_END = r"(?!\w)"
UNIT_WORDS = r"second|minute|hour|day|night|week|fortnight|month|year|decade|quarter|centur(?:y|ie)"


_FULL_MONTHS = alternation(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_SHORT_MONTHS = alternation(w for w in _lex.months if len(w) <= 4 and w not in ("may", "june", "july"))


def MONTH(name: str) -> str:  # noqa: N802 - a pattern constant family, named like the constants
    """A month name or abbreviation (optional period) captured as ``name``."""
    return rf"(?:(?P<{name}>{_FULL_MONTHS}){_END}|(?P<{name}_abbr>{_SHORT_MONTHS})(?:\.|{_END}))"


def WEEKDAY(name: str) -> str:  # noqa: N802
    """A weekday name captured as ``name`` (abbreviations need their period)."""
    full = alternation(w for w in _lex.weekdays if len(w) > 4)
    short = alternation(w for w in _lex.weekdays if len(w) <= 4)
    return rf"(?P<{name}>{full}|(?:{short})\.){_END}"


def DAY(name: str) -> str:  # noqa: N802
    """A day of the month (1-31, optional ordinal suffix) captured as ``name``."""
    return rf"(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d|%|\w)"


def YEAR(name: str) -> str:  # noqa: N802
    """A four-digit year 1000-2099 (or '98) captured as ``name``."""
    return rf"(?P<{name}>1\d{{3}}|20\d\d|'\d\d)(?![\d%]|,\d|\.\d)"


def NUM(name: str) -> str:  # noqa: N802
    """A count: digits, number words ("twenty-four", "a couple of") or vague words ("several")."""
    words = alternation([*_lex.numbers, *_lex.vague])
    tens = alternation(w for w, v in _lex.numbers.items() if 20 <= v <= 90)
    units = alternation(w for w, v in _lex.numbers.items() if 1 <= v <= 9 and w.isalpha() and len(w) > 2)
    return rf"(?P<{name}>\d+(?:\.\d+)?(?:\s+1/2)?|(?:{tens})[\s-]+(?:{units})|(?:{words}))"


def ORD(name: str) -> str:  # noqa: N802
    """An ordinal ("third", "3rd") captured as ``name``."""
    return rf"(?P<{name}>{_words(_lex.ordinals)}){_END}"


def UNIT(name: str) -> str:  # noqa: N802
    """A time unit, singular or plural, captured as ``name``."""
    return rf"(?P<{name}>{UNIT_WORDS})s?{_END}"


def month_of(word: str) -> int:
    """The month number of a month word ("Sept." -> 9)."""
    return _lex.months[word.lower().rstrip(".")]


def unit_of(word: str) -> str:
    """The TIMEX3 unit letter of a unit word ("years" -> "Y", "centuries" -> "C")."""
    word = word.lower()
    if word.startswith("centur"):
        return "C"
    return _lex.units[word.removesuffix("s")][0]


def rejected_case(word: str) -> bool:
    """Whether a month-like ``word`` is lower-case where only a capital makes it a date ("may")."""
    return word.lower().rstrip(".") in _lex.case_sensitive and word[0].islower()
