"""Names that the words around them say are places, found after the NER's and the gazetteer's.

"fireworks inside Anfield", "in present-day Bywater", "at Brands Hatch, where ...", "the
Kent-based outfit", "displaced from Umemger village", names that an address or a listing places
("Knockhill, Fife.", "Percy French Hotel, Ballyjamesduff;", "Fig Leaf Boutique (Maywood)", "the
Mahlers of Bellmore", "shows in Copenhagen, Hamburg, Brasoc and Mannheim"), and the seats members
sit for ("MLA for Nelson-Creston"). Pure functions of tokens, text and a name test.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Token
from .cues import NameTest, is_capitalised
from .findings import FindingWords, Found, Reader

__all__ = ["find_more"]

_HYPHEN_MODIFIERS = frozenset({"based", "born", "bred", "raised", "headquartered", "registered"})
_NOT_PLACE_LABELS = frozenset({"EVENT", "DATE", "TIME", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "LANGUAGE"})
_CLOSING = frozenset({".", ";", ":", ")"})
_LIST_OPENERS = frozenset({":", ";", "\n"})


def find_more(
    tokens: list[Token],
    text: str,
    *,
    known: NameTest,
    stop_words: frozenset[str],
    speakers: set[str],
    facility_ends: set[int],
    place_spans: set[tuple[int, int]],
    words: FindingWords,
) -> list[Found]:
    """New spans, most certain first; the caller keeps those that overlap nothing found.

    ``facility_ends`` are where the sites found already end ("Percy French Hotel");
    ``place_spans`` are the places found already, as character spans.
    """
    finder = _CueReader(tokens, text, known, stop_words, speakers, words)
    return [
        *finder.after_cue(),
        *finder.before_where(),
        *finder.hyphen_modifiers(),
        *finder.named_by_next_word(junctions=False),
        *finder.listed_with_area(),
        *finder.towns_of(facility_ends),
        *finder.represented(),
        *finder.listed_between(place_spans),
    ]


class _CueReader(Reader):
    """The passes that read names by the words around them."""

    def hyphen_modifiers(self) -> Iterator[Found]:
        """'the Kent-based outfit', 'a Ramallah-based group': a known place's name glued to
        '-based' or '-born' is the place, whatever the NER calls it."""
        for index in range(len(self.tokens) - 2):
            if self.word(index + 1) != "-" or self.word(index + 2).lower() not in _HYPHEN_MODIFIERS:
                continue
            if not (
                self.tokens[index].end == self.tokens[index + 1].start == self.tokens[index + 2].start - 1
            ):
                continue
            first = index
            while first > 0 and self.name_token(first - 1) and not self.tokens[first].sent_start:
                first -= 1
            name = self.text[self.tokens[first].start : self.tokens[index].end]
            if self.tokens[index].pos == "PROPN" and name not in self.stop_words and self.known(name):
                yield self.mention(first, index + 1, "gazetteer")

    def before_where(self) -> Iterator[Found]:
        """'the season opens at Brands Hatch, where the champion...': a name that a relative
        'where' follows is a place."""
        for index in range(2, len(self.tokens)):
            if self.word(index) != "where" or self.word(index - 1) != ",":
                continue
            end = index - 1
            first = end
            while first > 0 and self.name_token(first - 1) and not self.tokens[first].sent_start:
                first -= 1
            if first == end or self.tokens[first].sent_start:
                continue
            name = self.text[self.tokens[first].start : self.tokens[end - 1].end]
            if name in self.stop_words or name in self.speakers or name.isupper():
                continue
            if any(
                self.tokens[k].pos != "PROPN" or self.tokens[k].ent_type in _NOT_PLACE_LABELS
                for k in range(first, end)
            ):
                continue  # "the World Cup, where": an event's name
            yield self.mention(first, end, "gazetteer" if self.known(name) else "local")

    def after_cue(self) -> Iterator[Found]:
        """'fireworks inside Anfield', 'in present-day Bywater': an unknown name after words that
        make it a site or a place, whatever the NER calls it."""
        for index in range(1, len(self.tokens)):
            if not self.name_token(index) or self.tokens[index].sent_start:
                continue
            before = self.word(index - 1).lower()
            era = before == "day" and self.word(index - 3).lower() in ("present", "modern")
            if not (before == "inside" or era or before in ("present-day", "modern-day")):
                continue
            end = self._name_end(index)
            name = self.text[self.tokens[index].start : self.tokens[end - 1].end]
            if self.word(end) in ("'s", "’s") or name in self.stop_words or name in self.speakers:
                continue  # "inside Smith's campaign"
            if end < len(self.tokens) and self.tokens[end].pos == "NOUN" and before == "inside":
                continue  # "inside Acme chocolate bars": a brand before a noun
            if any(self.tokens[k].pos != "PROPN" for k in range(index, end)):
                continue
            if self.known(name) is None:
                yield self.mention(index, end, "local", "facility" if before == "inside" else None)
            elif before != "inside":
                yield self.mention(index, end, "gazetteer")  # "present-day Mitte": a known district

    # Names an address or a listing places ---------------------------------------------------

    def listed_with_area(self) -> Iterator[Found]:
        """'25/26 August: Knockhill, Fife.': an unknown name opening a list item, with its area after it."""
        for index, token in enumerate(self.tokens):
            if not self.name_token(index):
                continue
            opener = self.word(index - 1)
            gap = self.text[self.tokens[index - 1].end : token.start] if index > 0 else "\n"
            if not (token.sent_start or opener in _LIST_OPENERS or "\n" in gap):
                continue
            end = self._name_end(index)
            if self.word(end) != "," or not self.name_token(end + 1) or self.word(end + 2) not in _CLOSING:
                continue
            name = self.text[token.start : self.tokens[end - 1].end]
            if token.ent_type == "PERSON" or name in self.stop_words or self.known(name) is not None:
                continue
            if self.known(self.word(end + 1)) in ("region", "major"):
                yield self.mention(index, end, "local")

    def towns_of(self, facility_ends: set[int]) -> Iterator[Found]:
        """'Percy French Hotel, Ballyjamesduff;', 'Fig Leaf Boutique (Maywood)', 'the Mahlers of
        Bellmore': a known town's name after a named site or person, where it says where they are."""
        for index in range(2, len(self.tokens) - 1):
            if not self.name_token(index) or self.tokens[index].sent_start:
                continue
            end = self._name_end(index)
            name = self.text[self.tokens[index].start : self.tokens[end - 1].end]
            if name in self.stop_words or name in self.speakers or self.known(name) not in ("minor", "major"):
                continue
            if any(self.tokens[k].pos != "PROPN" for k in range(index, end)):
                continue  # "Dozhd (Rain) TV": a capitalised word, not a name
            if _initials(self.tokens, self.text, index - 2, name):
                continue  # "the Passing out Parade (PoP)": an abbreviation of the words before
            before, after = self.word(index - 1), self.word(end)
            after_gap = (
                "\n" in self.text[self.tokens[end - 1].end : self.tokens[end].start]
                if end < len(self.tokens)
                else True
            )
            closes = after in _CLOSING or after == "," or after_gap
            previous = self.tokens[index - 2]
            addressed = before == "," and previous.end in facility_ends and closes
            bracketed = before == "(" and after == ")" and is_capitalised(self.word(index - 2))
            of_person = (
                before == "of" and previous.ent_type == "PERSON" and self.tokens[index].ent_type != "PERSON"
            )
            if addressed or bracketed or of_person:
                yield self.mention(index, end, "gazetteer")

    def _span_end(self, start: int) -> int:
        return self._spans.get(start, start)

    def represented(self) -> Iterator[Found]:
        """'the MP for Hartlepool', 'MLA for Nelson-Creston': the seat a member sits for is a place;
        a seat named by two towns ("Nelson-Creston") is both."""
        for index in range(len(self.tokens) - 2):
            if self.word(index) not in self.words.member_titles or self.word(index + 1) != "for":
                continue
            first = index + 2
            end = _member_seat(self, first)
            if end == first:
                continue
            name = self.text[self.tokens[first].start : self.tokens[end - 1].end]
            if name in self.stop_words:
                continue
            parts = [k for k in range(first, end) if self.word(k) != "-"]
            if "-" in name and all(self.known(self.word(k)) is not None for k in parts):
                for k in parts:
                    yield self.mention(k, k + 1, "gazetteer")
            else:
                yield self.mention(first, end, "gazetteer" if self.known(name) else "local")

    def listed_between(self, place_spans: set[tuple[int, int]]) -> Iterator[Found]:
        """'shows in Copenhagen, Hamburg, Brasoc and Mannheim', 'teams from New Quay and Gwbert':
        an unknown name listed between places, or last in a list of places after 'from' or 'in'."""
        ends = {end: start for start, end in place_spans}
        starts = {start for start, _ in place_spans}
        self._spans = dict(place_spans)
        for index in range(2, len(self.tokens)):
            if (
                not self.name_token(index)
                or self.tokens[index].sent_start
                or self.word(index - 1) not in (",", "and")
            ):
                continue
            end = self._name_end(index)
            name = self.text[self.tokens[index].start : self.tokens[end - 1].end]
            if name in self.stop_words or name in self.speakers or self.known(name) is not None:
                continue
            if name.isupper() or any(self.tokens[k].pos != "PROPN" for k in range(index, end)):
                continue  # "GT3 and DTM": an acronym, a series or a firm more often than a place
            before = ends.get(self.tokens[index - 2].end)
            if before is None:
                continue
            after = self.word(end) in (",", "and") and end + 1 < len(self.tokens)
            # Between places, one of them well known: "Harvey, Irma and Maria" may be storms.
            neighbours = [before, self.tokens[end + 1].start if after else -1]
            between = (
                after
                and neighbours[1] in starts
                and any(
                    self.known(self.text[start : self._span_end(start)]) in ("major", "region")
                    for start in neighbours
                )
            )
            head = self.starts.get(before)
            opened = (
                self.word(index - 1) == "and"
                and head is not None
                and self.word(head - 1).lower() in ("in", "from", "at", "near", "to")
                # "from St Athan and Coastguard teams": a name before a noun modifies it.
                and (end >= len(self.tokens) or self.tokens[end].pos not in ("NOUN", "PROPN"))
            )
            if between or opened:
                yield self.mention(index, end, "local")


def _initials(tokens: list[Token], text: str, last: int, name: str) -> bool:
    """Whether ``name`` is made of the first letters of the words ending at token ``last``."""
    letters = name.replace(".", "").lower()
    if len(letters) > last + 1 or " " in name:
        return False
    words = [text[tokens[k].start : tokens[k].end] for k in range(last - len(letters) + 1, last + 1)]
    return "".join(word[:1].lower() for word in words) == letters


def _member_seat(finder: _CueReader, first: int) -> int:
    """The end of the seat's name from token ``first``: "Nelson-Creston", "Bains and Grants Town"."""
    end = first
    while end < len(finder.tokens) and not (end > first and finder.tokens[end].sent_start):
        word = finder.word(end)
        glued = end > first and finder.tokens[end - 1].end == finder.tokens[end].start
        if (
            finder.name_token(end)
            or (word == "-" and glued)
            or (word == "and" and end > first and finder.name_token(end + 1))
        ):
            end += 1
        else:
            break
    while end > first and finder.word(end - 1) in ("-", "and"):
        end -= 1
    return end
