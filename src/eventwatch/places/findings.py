"""Toponyms that neither the NER nor the gazetteer gives, found by the words around them.

Roads ("a crash on the A120", "Interstate 95"), streets ("Dubonet Drive", "14th St.",
"Rue Casa Calvo", "Bourbon and Dauphine streets", "the 500 block of Jeffords"), and sites
and areas named by the word after them ("the Air Balloon roundabout", "the al-Tanf area").
Names that other words around them place are in ``cued_names.py``.

Pure functions of the document's tokens, its text and a name test; the word lists come from
``finding_words`` in ``data/places.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..document import Token
from .cues import NameTest, is_capitalised
from .sources import load_places_data

__all__ = ["FindingWords", "Found", "Reader", "default_words", "find_streets"]


# The parts of speech of the words of a name (the tagger calls some capitalised words verbs).
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X", "VERB", "NUM"})


class Found(NamedTuple):
    """A span found here, with how (``source``) and, for a site, ``feature`` "facility"."""

    start: int
    end: int
    text: str
    source: str
    feature: str | None = None


# UK and Irish road numbers ("the A417", "the M25", "the N7"), read only with a cue.
_ROAD_NUMBER = re.compile(r"(?<![\w-])[ABMN]\d{1,4}(?:\(M\))?(?![\w-])")
# Roads named by a word and a number need no cue: "Interstate 95", "Highway 401", "Route 9".
_NAMED_ROAD = re.compile(
    r"(?<![\w-])(?:(?:U\.S\.|US|State|National|County)\s+)?"
    r"(?:Interstate|Highway|Hwy\.?|Route|Autobahn|Autoroute|Expressway|Freeway|Motorway)\s+\d{1,4}[A-Z]?(?![\w-])"
)
_INTERSTATE = re.compile(r"(?<![\w-])I-\d{1,3}(?![\w-])")
_ROAD_LEAD = frozenset({"the", "on", "onto", "along", "off", "via", "near", "from", "to", "at"})
_NOT_A_ROAD_AFTER = frozenset({"form", "forms", "visa", "visas", "petition", "application", "status"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_NUMBER = re.compile(r"\d+[A-Za-z]?")
_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "el", "al"}
)
_ELIDED = re.compile(r"[dlDL][’'][A-ZÀ-Ý]")  # "d’Enghein", "l'Opéra"


@dataclass(frozen=True, slots=True)
class FindingWords:
    """The word lists the finder reads (``finding_words`` in ``data/places.yaml``)."""

    street_words: frozenset[str] = frozenset()  # end a street's name: "Drive", "St."
    weak_street_words: frozenset[str] = frozenset()  # "Place", "Way": only after a house number
    street_plurals: frozenset[str] = frozenset()  # "Bourbon and Dauphine streets"
    street_prefixes: frozenset[str] = frozenset()  # begin a street's name: "Rue", "Calle"
    quarter_prefixes: frozenset[str] = frozenset()  # begin a quarter's or a camp's: "Faubourg", "Camp"
    site_prefixes: frozenset[str] = frozenset()  # begin a building's name: "Hotel Kyiv"
    junction_words: frozenset[str] = frozenset()  # "the Air Balloon roundabout"
    site_nouns: frozenset[str] = frozenset()  # "the Pioneer cinema", "the Zaatari camp"
    area_nouns: frozenset[str] = frozenset()  # "the al-Tanf area", "Umemger village"
    road_words: frozenset[str] = frozenset()  # make "the A40" a road: "lorry", "southbound"
    group_words: frozenset[str] = frozenset()  # name peoples and faiths: "the Sikh area" is no place
    member_titles: frozenset[str] = frozenset()  # "the MP for Hartlepool", "MLA for Nelson-Creston"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FindingWords:
        """The lists under ``finding_words`` of a places data mapping."""
        lists = data.get("finding_words") or {}
        return cls(**{name: frozenset(str(w) for w in lists.get(name) or []) for name in cls.__slots__})


@functools.cache
def default_words() -> FindingWords:
    """The lists in ``data/places.yaml``."""
    return FindingWords.from_data(load_places_data())


def find_streets(
    tokens: list[Token], text: str, *, known: NameTest, stop_words: frozenset[str], words: FindingWords
) -> list[Found]:
    """Roads, streets and junctions, read before names the gazetteer knows: "the corner of
    Greene and Lafayette" names two streets, not two towns."""
    finder = Reader(tokens, text, known, stop_words, set(), words)
    return [
        *finder.roads(),
        *finder.streets(),
        *finder.prefixed(),
        *finder.named_by_next_word(junctions=True),
    ]


class Reader:
    """The tokens of a document, read with the finder's word lists."""

    def __init__(
        self,
        tokens: list[Token],
        text: str,
        known: NameTest,
        stop_words: frozenset[str],
        speakers: set[str],
        words: FindingWords,
    ) -> None:
        self.tokens, self.text, self.known = tokens, text, known
        self.stop_words, self.speakers, self.words = stop_words, speakers, words
        self.starts = {token.start: index for index, token in enumerate(tokens)}
        self.ends = {token.end: index for index, token in enumerate(tokens)}
        self._spans: dict[int, int] = {}  # place spans found already, start to end
        self._words = [text[token.start : token.end] for token in tokens]
        self._names = [
            is_capitalised(word) and token.pos in _NAME_POS
            for word, token in zip(self._words, tokens, strict=True)
        ]

    def word(self, index: int) -> str:
        """The text of token ``index``; '' outside the document."""
        return self._words[index] if 0 <= index < len(self._words) else ""

    def sentence(self, index: int) -> range:
        first = index
        while first > 0 and not self.tokens[first].sent_start:
            first -= 1
        last = index + 1
        while last < len(self.tokens) and not self.tokens[last].sent_start:
            last += 1
        return range(first, last)

    def mention(self, first: int, end: int, source: str, feature: str | None = None) -> Found:
        start, stop = self.tokens[first].start, self.tokens[end - 1].end
        return Found(start, stop, self.text[start:stop], source, feature)

    def name_token(self, index: int) -> bool:
        """Whether token ``index`` is a capitalised word that may be part of a name."""
        return 0 <= index < len(self._names) and self._names[index]

    # Roads ----------------------------------------------------------------------------------

    def roads(self) -> Iterator[Found]:
        """'a crash on the A120', 'the A436, A40 and A429', 'Interstate 95', 'north on I-5'."""
        numbered = [m.span() for m in _ROAD_NUMBER.finditer(self.text)]
        listed = set(numbered)
        for pattern, needs_cue in ((_NAMED_ROAD, False), (_INTERSTATE, True), (_ROAD_NUMBER, True)):
            for match in pattern.finditer(self.text):
                first, last = self.starts.get(match.start()), self.ends.get(match.end())
                if first is None or last is None:
                    continue
                if self.word(last + 1).lower() in _NOT_A_ROAD_AFTER:
                    continue
                if needs_cue and not self._road_cue(first, last, listed):
                    continue
                yield self.mention(first, last + 1, "road", "facility")

    def _road_cue(self, first: int, last: int, numbered: set[tuple[int, int]]) -> bool:
        before = self.word(first - 1)
        in_list = before in (",", "and", "or", "&") and any(
            end == self.tokens[first - 2].end for _, end in numbered if first >= 2
        )
        if not (before.lower() in _ROAD_LEAD or in_list):
            return False
        # "The A380 landed": a road only where the sentence speaks of traffic.
        return any(self.word(k).lower() in self.words.road_words for k in self.sentence(first))

    # Streets --------------------------------------------------------------------------------

    def streets(self) -> Iterator[Found]:
        """'Dubonet Drive', '14th St.', 'N. Bedford Drive', 'No 25, Fitzwilliam Place',
        'Bourbon and Dauphine streets', 'the corner of State and Hubbard', 'the 500 block of Jeffords'."""
        tokens = self.tokens
        for index in range(1, len(tokens)):
            word = self.word(index)
            strong = word in self.words.street_words
            if strong or word in self.words.weak_street_words:
                if (
                    word.startswith("St")
                    and self.name_token(index + 1)
                    and self.word(index + 1) not in self.stop_words
                ):
                    continue  # "St. Louis": a saint, not a street
                first = self._name_start(index)
                if first == index:
                    continue
                if strong or self._house_number(first) or self._block_of(first):
                    yield self.mention(first, index + 1, "street", "facility")
            elif word in self.words.street_plurals:
                yield from self._coordinated(index)
            elif word == "of" and self.word(index - 1).lower() in ("corner", "intersection", "block"):
                end = self._name_end(index + 1)
                if end == index + 1:
                    continue
                if self.word(index - 1).lower() == "block":
                    yield self.mention(index + 1, end, "street", "facility")
                elif self.word(end) in ("and", "&"):
                    other = self._name_end(end + 1)
                    if other > end + 1:
                        yield self.mention(index + 1, end, "street", "facility")
                        yield self.mention(end + 1, other, "street", "facility")

    def _name_start(self, index: int) -> int:
        """The first token of the street name ending before token ``index``."""
        first = index
        while first > 0 and not self.tokens[first].sent_start:
            word = self.word(first - 1)
            if self.name_token(first - 1) or _ORDINAL.fullmatch(word):
                first -= 1
            else:
                break
        if first < index and self.tokens[first].sent_start and self.tokens[first].pos != "PROPN":
            first += 1  # "Drivers on Main Street": a sentence's first word is no name by its capital
        # "Mr Smith Street" is Smith Street; but "Victoria St." keeps a name that is a stop word.
        while first < index and self.word(first) in self.stop_words and self.tokens[first].pos != "PROPN":
            first += 1
        return first

    def _name_end(self, first: int) -> int:
        end = first
        while (
            end < len(self.tokens)
            and self.name_token(end)
            and not (end > first and self.tokens[end].sent_start)
        ):
            end += 1
        return end

    def _house_number(self, first: int) -> bool:
        before = first - 1
        if self.word(before) == ",":
            before -= 1
        # "No 25, Fitzwilliam Place"; not a count ("1 of 57 Full Screen Autoplay Close").
        return bool(_NUMBER.fullmatch(self.word(before))) and self.word(before - 1) != "of"

    def _block_of(self, first: int) -> bool:
        return self.word(first - 1) == "of" and self.word(first - 2).lower().endswith("block")

    def _coordinated(self, index: int) -> Iterator[Found]:
        """The names before 'streets' in 'Bourbon and Dauphine streets', 'Main, Elm and Oak roads'."""
        found = []
        end = index
        while True:
            first = end
            while first > 0 and self.name_token(first - 1) and not self.tokens[first].sent_start:
                first -= 1
            if first == end:
                break
            found.append((first, end))
            if self.word(first - 1) not in (",", "and", "&") or first < 2:
                break
            end = first - 1
        if len(found) > 1:
            for first, end in found:
                yield self.mention(first, end, "street", "facility")

    def prefixed(self) -> Iterator[Found]:
        """'Rue Casa Calvo', 'Rue d’Enghein', 'Calle Ocho', 'the Faubourg Marigny', 'Camp Lejeune'."""
        prefixes = self.words.street_prefixes | self.words.quarter_prefixes | self.words.site_prefixes
        for index in range(len(self.tokens)):
            word = self.word(index)
            if word.title() not in prefixes or not is_capitalised(word):
                continue
            end = index + 1
            while end < len(self.tokens) and not self.tokens[end].sent_start:
                following = self.word(end)
                if self.name_token(end) or _ELIDED.match(following):
                    end += 1
                    continue
                # "Rue de la Paix": particles count only before another word of the name.
                after = end
                while after < len(self.tokens) and self.word(after) in _PARTICLES:
                    after += 1
                if after == end or after >= len(self.tokens) or not self.name_token(after):
                    break
                end = after
            if end > index + 1:
                if word.title() in self.words.street_prefixes:
                    yield self.mention(index, end, "street", "facility")
                elif word.title() in self.words.site_prefixes:
                    yield self.mention(index, end, "facility", "facility")
                else:
                    yield self.mention(index, end, "local")

    # Names said to be places by the word after them ------------------------------------------

    def named_by_next_word(self, *, junctions: bool) -> Iterator[Found]:
        """'the Air Balloon roundabout', 'the Chartres/Franklin intersection', 'the al-Tanf area',
        'displaced from Umemger village': an unknown name before a word for a kind of site."""
        for index in range(1, len(self.tokens)):
            noun = self.word(index)
            site = noun in self.words.site_nouns
            if site and index + 1 < len(self.tokens) and self.tokens[index + 1].pos == "NOUN":
                continue  # "the festival's cinema awards", "church leaders": a noun's modifier
            junction = site or noun in self.words.junction_words
            if junction != junctions or not (junction or noun in self.words.area_nouns):
                continue
            first = index
            while first > 0 and not self.tokens[first].sent_start:
                word = self.word(first - 1)
                glued = self.tokens[first - 1].end == self.tokens[first].start
                if (
                    self.name_token(first - 1)
                    or (word in ("/", "-") and glued)
                    or (word.lower() in ("al", "el") and glued)
                ):
                    first -= 1
                else:
                    break
            while first < index and self.word(first) in ("/", "-"):
                first += 1
            if first == index or (self.tokens[first].sent_start and self.tokens[first].pos != "PROPN"):
                continue
            parts = self._split_slashes(first, index)
            for part_first, part_end in parts:
                name = self.text[self.tokens[part_first].start : self.tokens[part_end - 1].end]
                if name in self.stop_words or name in self.speakers:
                    continue
                if name in self.words.group_words or all(
                    self.tokens[k].ent_type == "NORP" or self.tokens[k].pos == "ADJ"
                    for k in range(part_first, part_end)
                ):
                    continue  # "the Jewish area", "the Sikh area": a people's, not a place's name
                if junction:
                    if not (site and name.isupper()):  # "MIFF cinema": a body's acronym
                        yield self.mention(part_first, part_end, "site" if site else "street", "facility")
                elif self.known(name) is None:
                    yield self.mention(part_first, part_end, "local")
                elif len(parts) > 1:
                    # "the Surfside/Garden City area": feature_words read a known name right
                    # before "area", not one of two.
                    yield self.mention(part_first, part_end, "gazetteer")

    def _split_slashes(self, first: int, end: int) -> list[tuple[int, int]]:
        parts, start = [], first
        for k in range(first, end):
            if self.word(k) == "/":
                if k > start:
                    parts.append((start, k))
                start = k + 1
        if end > start:
            parts.append((start, end))
        return parts
