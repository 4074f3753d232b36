"""Short forms of provinces, states, counties and countries: "NSW", "Qld", "WA", "Herts", "KP".

The gazetteer holds no codes (they collide with words: "IN", "OR", "ME"), so the forms in
``short_forms`` of ``data/places.yaml`` are found here, case-sensitively and as whole tokens,
and carry their readings ("AUS Western Australia", "USA Washington") to the resolver, which
takes the reading in the country the document's other places are in, else the first.

Forms listed in ``short_form_words`` are also words or common acronyms ("Bucks", "ACT",
"KP", "DC"): they count only with a cue ("in KP", "NSW and ACT", "KP, Pakistan", a place's
body after them: "Bucks Fire"), and never in a headline written in capitals. Pure
functions of the document's tokens and text, testable with hand-built tokens.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..countries import country_name, fold
from ..document import Document, Entity, Token
from .cues import clean_span, cued
from .gazetteer import Candidate, Gazetteer
from .mentions import Mention
from .placing import Choice
from .sources import load_places_data

__all__ = [
    "ShortForms",
    "add_short_forms",
    "choose_readings",
    "find_short_forms",
    "reading_candidates",
    "short_form_table",
    "shouted",
]

# Words before a form that say a place follows: "across NSW", "parts of WA".
_PLACE_WORDS = frozenset(
    {
        "in",
        "across",
        "throughout",
        "near",
        "outside",
        "inside",
        "from",
        "to",
        "into",
        "around",
        "within",
        "of",
    }
)
# Words that may stand between that word and the form: "in regional SA", "across northern NSW".
_AREA_ADJECTIVES = frozenset(
    {
        "regional",
        "rural",
        "remote",
        "coastal",
        "outback",
        "inner",
        "greater",
        "far",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "the",
    }
)
_LIST_GLUE = frozenset({",", "and", "or", "&", "/"})
# "300 BC", "the fifth century BC": a number or an era word beside a form makes it a date or a quantity, not a place.
_NUMBER = re.compile(r"^\d[\d,.]*$")
_ERA_WORDS = frozenset({"century", "centuries", "millennium", "c", "c.", "circa", "ca", "ca."})
_PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class ShortForms:
    """The short forms and their readings ("ISO3 Name"), and those that are also words."""

    readings: dict[str, tuple[str, ...]]
    words: frozenset[str]
    civic_words: frozenset[str]


@functools.cache
def short_form_table() -> ShortForms:
    """The table from ``data/places.yaml`` (``short_forms``, ``short_form_words``, ``civic_words``)."""
    data: dict[str, Any] = load_places_data()
    readings = {
        str(form): tuple(str(r) for r in values) for form, values in (data.get("short_forms") or {}).items()
    }
    return ShortForms(
        readings=readings,
        words=frozenset(str(w) for w in data.get("short_form_words") or []),
        civic_words=frozenset(str(w) for w in data.get("civic_words") or []),
    )


def shouted(text: str) -> bool:
    """Whether ``text`` (a sentence) is written in capitals, as headlines are: there "IT", "PA"
    and "ACT" are words."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 1]
    if len(words) < 3:
        return False
    upper = sum(1 for w in words if w.isupper())
    return upper >= 0.8 * len(words)


def _unknown(text: str) -> str | None:
    return None


def _word(tokens: list[Token], text: str, index: int) -> str:
    return text[tokens[index].start : tokens[index].end] if 0 <= index < len(tokens) else ""


def _cued(
    tokens: list[Token],
    text: str,
    first: int,
    last: int,
    *,
    ends: set[int],
    starts: set[int],
    civic_words: frozenset[str],
) -> bool:
    """Whether the words around tokens ``[first, last]`` say they name a place."""
    back = first - 1
    if _word(tokens, text, back).lower() in _AREA_ADJECTIVES:
        back -= 1  # "in regional SA", "NSW and the ACT"
    before = _word(tokens, text, back)
    if before.lower() in _PLACE_WORDS:
        return True
    if before in _LIST_GLUE and back >= 1 and tokens[back - 1].end in ends:
        return True  # "Victoria and SA", "NSW, ACT", "Bunbury, WA"
    after = _word(tokens, text, last + 1)
    if after in _LIST_GLUE and last + 2 < len(tokens) and tokens[last + 2].start in starts:
        return True  # "SA and Victoria"
    if cued(tokens, text, first, last + 1, _unknown):
        return True  # the object of a verb that takes places ("militants entered KP"), a dateline
    # A place's body after it: "Bucks Fire", "WA Police", "KP Assembly" ("Assembly" is no
    # civic word: keep to the list, which says a town's body).
    return after in civic_words


def find_short_forms(
    tokens: list[Token],
    text: str,
    entities: Iterable[Entity],
    table: ShortForms,
    *,
    mentions: list[Mention],
    sentences: Iterable[tuple[int, int]] = (),
) -> list[Mention]:
    """The short forms in ``text`` that no mention covers yet, with their readings.

    A word-like form also counts when the document names one of its areas in full: "SA" in
    a report that says "South Africa" or "South Africans", "KP" beside "Khyber Pakhtunkhwa".
    """
    named = _named(mentions, table)
    taken = [(m.start, m.end) for m in mentions]
    ends = {m.end for m in mentions}
    starts = {m.start for m in mentions}
    place_entities = {clean_span(text, e.start, e.end) for e in entities if e.label in _PLACE_LABELS}
    headline = [(a, b) for a, b in sentences if shouted(text[a:b])]
    at = {token.start: i for i, token in enumerate(tokens)}
    last_at = {token.end: i for i, token in enumerate(tokens)}
    found: list[Mention] = []
    # Twice: a form listed with another form ("NSW, Vic and Qld") is cued by it.
    matches = [match.span() for match in _pattern(tuple(table.readings)).finditer(text)]
    for _ in range(2):
        for start, end in matches:
            form = text[start:end]
            readings = table.readings[form]
            first, last = at.get(start), last_at.get(end)
            if first is None or last is None:
                continue
            if any(not (end <= a or start >= b) for a, b in taken):
                continue
            before = _word(tokens, text, first - 1)
            if (
                _NUMBER.match(before)
                or before.lower() in _ERA_WORDS
                or _NUMBER.match(_word(tokens, text, last + 1))
            ):
                continue
            if form in table.words:
                if any(a <= start < b for a, b in headline):
                    continue
                if (
                    (start, end) not in place_entities
                    and not named & set(readings)
                    and not _cued(
                        tokens, text, first, last, ends=ends, starts=starts, civic_words=table.civic_words
                    )
                ):
                    continue
            mention = Mention(start, end, form, "short form", readings=readings)
            found.append(mention)
            taken.append((start, end))
            ends.add(end)
            starts.add(start)
    return found


@functools.lru_cache(maxsize=4)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all the forms as whole words, longest first ("NSW" before "NS")."""
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<![\w.&'’-])(?:" + alternatives + r")(?![\w&])")


def _named(mentions: list[Mention], table: ShortForms) -> set[str]:
    """The readings ("ZAF South Africa") of the areas the mentions name in full: by their own
    name, or, for a country, by its name or demonym."""
    by_name: dict[str, set[str]] = {}
    for readings in table.readings.values():
        for reading in readings:
            by_name.setdefault(fold(reading.partition(" ")[2]), set()).add(reading)
    named: set[str] = set()
    for mention in mentions:
        if mention.country is not None:
            named.add(f"{mention.country} {country_name(mention.country) or ''}")
        named.update(by_name.get(fold(mention.text), ()))
    return named


def add_short_forms(doc: Document, mentions: list[Mention], table: ShortForms | None = None) -> list[Mention]:
    """``mentions`` with the short forms they name given their readings, and the ones they missed added.

    A mention the finder already made of a form ("KP" the NER called a place, "WA" read as a
    US state after a town) keeps its span and gets the form's readings.
    """
    table = table or short_form_table()
    for mention in mentions:
        readings = table.readings.get(mention.text)
        if not readings or mention.country is not None or (mention.region is not None and len(readings) < 2):
            continue
        # A word-like form the gazetteer happened to know ("Vic", a Catalan town) stays what
        # it was; one the NER called a place, or read after a town, is the short form.
        if mention.text not in table.words or mention.source in ("entity", "abbreviation"):
            mention.readings = readings
    sentences = [(s.start, s.end) for s in doc.sentences]
    extra = find_short_forms(
        doc.tokens, doc.text, doc.entities, table, mentions=mentions, sentences=sentences
    )
    return sorted([*mentions, *extra], key=lambda m: m.start)


_FEATURE_ORDER = {"country": 0, "admin1": 1, "region": 2, "admin2": 3, "city": 4}


def reading_candidates(gazetteer: Gazetteer, readings: tuple[str, ...]) -> tuple[Candidate, ...]:
    """One gazetteer entry per reading ("AUS Western Australia"), in the readings' order.

    The area itself, not a town of its name: a country, else a province, a region, a
    county, and a city only for the forms of cities ("NYC").
    """
    found: list[Candidate] = []
    for reading in readings:
        iso3, _, name = reading.partition(" ")
        pool = [
            c
            for c in gazetteer.lookup(name)
            if c.main and c.country == iso3 and c.feature in _FEATURE_ORDER and c not in found
        ]
        if pool:
            found.append(min(pool, key=lambda c: (_FEATURE_ORDER[c.feature], -c.population)))
    return tuple(found)


def choose_readings(
    mentions: list[Mention], pools: list[tuple[Candidate, ...]], choices: list[Choice]
) -> None:
    """Set each short form with several readings to the one in the document's countries.

    "WA" in a report naming Perth is Western Australia, beside Seattle Washington; with no
    other place to go by, the first reading. The other places' own choices vote; other
    short forms do not.
    """
    votes: Counter[str] = Counter(
        choice.candidate.country
        for mention, choice in zip(mentions, choices, strict=True)
        if choice.candidate is not None and choice.candidate.country and not mention.readings
    )
    for i, mention in enumerate(mentions):
        pool = pools[i]
        if not mention.readings or len({c.country for c in pool}) < 2:
            continue
        best = max(pool, key=lambda c: (votes[c.country or ""], -pool.index(c)))
        if votes[best.country or ""]:
            reason = f"short form of {best.name}: the document's other places are in {best.country}"
        else:
            reason = f"short form, most often of {best.name}"
        choices[i] = Choice(best, choices[i].score, reason, 10.0)
