"""Coding a noun phrase as an actor: canonical name, country (ISO3) and sector.

The phrase's words are read in this order: a named actor from the dictionary ("NATO",
"Hamas militants"); a country or capital standing for its state ("Hungary", "Moscow"); a
person with the title the text gives them ("President X" -> GOV); the generic words of the
head and its modifiers ("Lithuanian border guards" -> COP, "army officer" -> MIL). Countries
come from demonyms and country names inside the phrase ("a Belarusian soldier" -> BLR).
"""

from __future__ import annotations

from ..countries import country_code, country_name, fold
from ..document import Document
from .coded import DIRECTIONS, ROLE_NOUNS, Coded, against, capital_country, render
from .dictionary import ActorDictionary, Entry, WordSense
from .tree import DepTree

__all__ = ["Coded", "PhraseCoder", "capital_country", "render"]

_PERSON_LABELS = {"PERSON"}
_PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
_SKIP_DEPS = {"det", "punct", "case", "cc", "predet", "prep"}


class PhraseCoder:
    """Codes noun phrases of one document."""

    def __init__(self, doc: Document, tree: DepTree, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.tree = tree
        self.dictionary = dictionary
        self.entity_of: dict[int, int] = {}
        starts = {t.start: i for i, t in enumerate(doc.tokens)}
        ends = {t.end: i for i, t in enumerate(doc.tokens)}
        self.entity_tokens: list[tuple[int, int, str]] = []
        for number, entity in enumerate(doc.entities):
            first, last = starts.get(entity.start), ends.get(entity.end)
            if first is None or last is None:
                continue
            self.entity_tokens.append((first, last, entity.label))
            for index in range(first, last + 1):
                self.entity_of[index] = number
        self.place_country: dict[int, str] = {}
        self.place_spans: dict[tuple[int, int], str] = {}
        for place in doc.places:
            first, last = starts.get(place.start), ends.get(place.end)
            if place.country and first is not None and last is not None:
                self.place_spans[(first, last)] = place.country
                for index in range(first, last + 1):
                    self.place_country[index] = place.country

    def text(self, lo: int, hi: int) -> str:
        """The document text of tokens ``lo..hi`` inclusive."""
        return self.doc.text[self.doc.tokens[lo].start : self.doc.tokens[hi].end]

    def country_at(self, lo: int, hi: int) -> str | None:
        """The country the words ``lo..hi`` name: a country, demonym, capital or resolved place."""
        text = self.text(lo, hi)
        for suffix in ("'s", "’s", "'"):
            text = text.removesuffix(suffix)
        code = country_code(text)
        if code is None and text[:1].isupper():
            code = capital_country(text) if self._labelled(lo, ("GPE",)) else None
        directional = all(self.tree.word(i).lower() in DIRECTIONS for i in range(lo, hi))
        if code is None and 0 < hi - lo <= 2 and directional and self.tree.word(hi)[:1].isupper():
            # "Western Cambodia", "southern Lebanon": the country word decides, not the gazetteer.
            code = country_code(self.tree.word(hi))
        if code is None:
            # The words are (part of) a resolved place: "Hong Kong", "the West Bank".
            code = next((c for (f, last), c in self.place_spans.items() if f <= lo and hi <= last), None)
        return code

    def _labelled(self, index: int, labels: tuple[str, ...]) -> bool:
        number = self.entity_of.get(index)
        return number is not None and self.doc.entities[number].label in labels

    def _entity_span(self, index: int) -> tuple[int, int, str] | None:
        number = self.entity_of.get(index)
        if number is None:
            return None
        entity = self.doc.entities[number]
        for first, last, label in self.entity_tokens:
            if self.doc.tokens[first].start == entity.start and label == entity.label:
                return first, last, label
        return None

    def _sense(self, lo: int, hi: int) -> tuple[WordSense | None, int]:
        """The longest generic-word phrase ending at ``hi`` (at most 4 words) and where it starts."""
        for size in (4, 3, 2, 1):
            first = hi - size + 1
            if first < lo:
                continue
            sense = self.dictionary.word(self.text(first, hi))
            if sense is not None:
                return sense, first
        return None, hi

    def _entry(self, lo: int, hi: int, head: int) -> tuple[Entry | None, bool]:
        """A dictionary actor in the phrase, and whether it is the phrase itself (not a modifier)."""
        tree = self.tree
        first = self._content_start(lo, hi)
        strong: list[tuple[int, int]] = [(first, hi)]
        head_entity = self._entity_span(head)
        if head_entity:
            strong.append(head_entity[:2])
        compounds = [k for k in tree.children(head, ("compound",)) if lo <= k < head]
        if compounds:
            strong.append((min(compounds), head))
        strong.append((head, head))
        for first_tok, last_tok in strong:
            entry = self.dictionary.lookup(self.text(first_tok, last_tok))
            if entry is not None:
                return entry, True
        weak = [(f, last) for f, last, _label in self.entity_tokens if lo <= f and last <= hi]
        weak += [(i, i) for i in range(lo, hi + 1) if tree.tokens[i].pos == "PROPN"]
        for first_tok, last_tok in weak:
            entry = self.dictionary.lookup(self.text(first_tok, last_tok))
            if entry is not None:
                return entry, False
        return None, False

    def _content_start(self, lo: int, hi: int) -> int:
        """The first token after leading determiners."""
        first = lo
        while first < hi and (
            self.tree.dep(first) in ("det", "predet") or self.tree.word(first).lower() in ("the", "a", "an")
        ):
            first += 1
        return first

    def _modifier_countries(self, lo: int, hi: int, head: int, skip: set[int]) -> list[str]:
        """Countries named inside the phrase, nearest modifiers first; conjoined ones all kept."""
        tree = self.tree
        found: list[tuple[int, int, str]] = []
        index = lo
        while index <= hi:
            if index in skip:
                index += 1
                continue
            if against(tree, index):
                index += 1
                continue
            place = next(((f, last) for (f, last) in self.place_spans if f == index and last <= hi), None)
            if place is not None and not (index > lo and tree.word(index - 1).lower() == "ethnic"):
                # A country name inside it decides over the gazetteer's guess.
                found.append(
                    (place[0], place[1], self.country_at(place[0], place[1]) or self.place_spans[place])
                )
                index = place[1] + 1
                continue
            entity = self._entity_span(index)
            ethnic = entity is not None and entity[0] > lo and tree.word(entity[0] - 1).lower() == "ethnic"
            if entity and entity[2] in _PLACE_LABELS and entity[0] >= lo and entity[1] <= hi and not ethnic:
                code = self.country_at(entity[0], entity[1])
                if code:
                    found.append((entity[0], entity[1], code))
                index = entity[1] + 1
                continue
            word = tree.word(index)
            if index > lo and tree.word(index - 1).lower() == "ethnic":
                # "ethnic Albanians in Serbia" are a group, not Albania's.
                index += 1
                continue
            if word[:1].isupper() and tree.tokens[index].pos in ("ADJ", "PROPN", "NOUN"):
                code = country_code(word)
                if code:
                    found.append((index, index, code))
            index += 1
        if not found:
            return []
        # The head's own name ("Supreme Court" read as a place) is not a modifier of it.
        found = [f for f in found if not f[0] <= head <= f[1]] or found
        direct = [f for f in found if any(tree.head(i) == head for i in range(f[0], f[1] + 1))]
        first = (direct or found)[0]
        codes = [first[2]]
        for other in found:
            if other is first or other[2] in codes:
                continue
            if (
                tree.dep(other[1]) == "conj"
                or tree.dep(first[1]) == "conj"
                or tree.head(other[1]) == first[1]
            ):
                codes.append(other[2])
        return codes

    def code(self, lo: int, hi: int, head: int) -> Coded:
        """Code the phrase of tokens ``lo..hi`` (inclusive) whose syntactic head is ``head``."""
        tree = self.tree
        tag = tree.tokens[head].tag
        plural = tag in ("NNS", "NNPS")
        entry, strong = self._entry(lo, hi, head)
        head_entity = self._entity_span(head)
        person = bool(head_entity and head_entity[2] in _PERSON_LABELS)
        skip: set[int] = set(range(head_entity[0], head_entity[1] + 1)) if person and head_entity else set()
        if entry is not None and strong:
            return self._from_entry(entry, lo, hi, head, skip, person, plural)
        # A country or its capital standing for its state: "Hungary", "Moscow", "the Palestinians".
        whole = self.country_at(self._content_start(lo, hi), hi)
        if whole is None and head_entity and head_entity[2] in ("GPE", "NORP") and head_entity[1] == head:
            whole = self.country_at(head_entity[0], head_entity[1])
        if head_entity and head_entity[0] > 0 and tree.word(head_entity[0] - 1).lower() == "ethnic":
            # An ethnic group is coded as civilians of the country it lives in, not its namesake's.
            countries = self._modifier_countries(lo, hi, head, set(range(head_entity[0], head_entity[1] + 1)))
            return Coded(self.text(head_entity[0], head_entity[1]), countries, "CVL", plural=plural)
        if whole is not None and plural:
            whole = self._residence(head, whole) or whole
        if (
            whole is not None
            and tree.tokens[head].pos in ("PROPN", "NOUN")
            and (head_entity is None or head_entity[1] == head)
        ):
            kind = head_entity[2] if head_entity else "GPE"
            if kind == "NORP" and head_entity:
                name: str | None = self.text(head_entity[0], head_entity[1])
            else:
                name = country_name(whole)
            return Coded(name, [whole], None, None, False, plural, state=kind != "NORP")
        if entry is not None:
            return self._from_entry(entry, lo, hi, head, skip, person, plural)
        sense, sense_start = self._sense(lo, head)
        sector_sense = sense
        if sense is None or fold(tree.word(head)) in ROLE_NOUNS or person:
            modifier = self._modifier_sense(lo, head, skip if not person else set(), sense_start)
            if modifier is not None:
                sector_sense = modifier
        countries = self._modifier_countries(lo, hi, head, skip)
        if person and head_entity:
            name = self.text(head_entity[0], head_entity[1])
        elif sector_sense is not None and sector_sense.template:
            name = render(sector_sense.template, countries[0] if countries else None)
        else:
            name = self.text(lo, hi)
        sector = sector_sense.sector if sector_sense else None
        template = sector_sense.template if sector_sense and not person and sector_sense.template else None
        state = sector in ("GOV", "MIL", "COP", "LEG", "JUD")
        return Coded(name, countries, sector, None, person, plural, state, template)

    def _residence(self, head: int, nation: str) -> str | None:
        """Where a people named by nationality lives, when the phrase places them in another
        country: "Bosnian Serbs", "Kosovo Albanians", "the Albanians of southern Serbia"."""
        tree = self.tree
        places = [k for k in tree.children(head, ("amod", "compound")) if tree.word(k)[:1].isupper()]
        for prep in tree.children(head, ("prep",)):
            if tree.lemma(prep) in ("of", "in", "from"):
                places += tree.children(prep, ("pobj",))
        for index in places:
            if index > 0 and tree.word(index - 1).lower() == "ethnic":
                continue
            code = country_code(tree.word(index)) or self.country_at(index, index)
            if code is not None and code != nation:
                return code
        return None

    def _from_entry(
        self, entry: Entry, lo: int, hi: int, head: int, skip: set[int], person: bool, plural: bool
    ) -> Coded:
        countries = [entry.country] if entry.country else []
        if not countries and entry.sector != "IGO":
            countries = self._modifier_countries(lo, hi, head, skip)
        return Coded(entry.name, countries, entry.sector, entry, person, plural, entry.sector == "GOV")

    def _modifier_sense(self, lo: int, head: int, skip: set[int], before: int) -> WordSense | None:
        """The sense of the nearest modifier before the head ("police" in "police spokesman")."""
        index = min(before, head) - 1
        while index >= lo:
            if index in skip or self.tree.dep(index) in _SKIP_DEPS:
                index -= 1
                continue
            sense, _start = self._sense(lo, index)
            if sense is not None:
                return sense
            index -= 1
        if skip:
            return None
        # A title after the name: "Sheikh Hamad, the emir" is read by the caller through appositions.
        return None
