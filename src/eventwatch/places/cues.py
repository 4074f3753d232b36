"""Token-level cues for finding toponyms: runs of capitalised words, n-grams, hyphenated
names, and the words around a name that say it is a place ("in X", "X, Texas", datelines,
"at <venue>", "the suburb of X") or a person ("said X").

Pure functions of plain ``Token`` records and the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Token

__all__ = [
    "DIRECTIONS",
    "STRONG_PLACE_WORDS",
    "NameTest",
    "after_place_word",
    "after_venue_word",
    "capitalised_runs",
    "clean_span",
    "cued",
    "glued",
    "in_longer_name",
    "is_capitalised",
    "listed",
    "name_bounds",
    "ngrams",
    "settlement_of",
    "speaker",
    "split_commas",
    "two_places",
    "with_area",
]

# A name test says how strongly the gazetteer knows a name: "region" (a country, admin1,
# continent or region), "major" (a city of some size), "minor" (some smaller place), or None.
NameTest = Callable[[str], str | None]

# Words that name a part of an area: "northern Syria", "Greater London", "South Florida".
DIRECTIONS = frozenset(
    f"{side}{ending}" for side in ("north", "south", "east", "west") for ending in ("", "ern")
) | {
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "upper",
    "lower",
    "greater",
    "inner",
    "outer",
}

_SETTLEMENT_NOUNS = frozenset(
    {"town", "city", "village", "suburb", "hamlet", "township", "neighbourhood", "neighborhood", "district"}
    | {"municipality", "province", "region", "county", "island", "port", "capital", "outskirts", "settlement"}
)
_VENUE_WORDS = frozenset({"at", "inside"})
_SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "recall", "ask", "write", "note"})
_MAX_NGRAM = 6
_PLACE_WORDS = {
    "in",
    "at",
    "near",
    "from",
    "to",
    "outside",
    "across",
    "toward",
    "towards",
    "into",
    "around",
    "via",
    "between",
    "throughout",
    "of",
    "inside",
    "off",
}
_JOURNEY_VERBS = frozenset(
    {
        "move",
        "drive",
        "travel",
        "fly",
        "flee",
        "return",
        "head",
        "sail",
        "walk",
        "relocate",
        "deport",
        "commute",
    }
)
# Verbs whose object is, when the gazetteer knows its name, a place: "drones struck
# Kupiansk", "Kupiansk was shelled", "the delegation visited Goma".
_PLACE_OBJECT_VERBS = frozenset(
    {
        "strike",
        "hit",
        "shell",
        "bomb",
        "attack",
        "raid",
        "capture",
        "seize",
        "retake",
        "recapture",
        "liberate",
        "storm",
        "besiege",
        "encircle",
        "surround",
        "enter",
        "occupy",
        "evacuate",
        "visit",
        "reach",
        "leave",
        "flee",
    }
)
_NAME_POS = {"PROPN", "NOUN", "ADJ", "X", "VERB"}
_STRONG_PLACE_WORDS = {"in", "near", "outside", "across", "throughout", "inside"}
_CLOSING_MARKS = {".", ";", ":", ")"}
_DATELINE_MARKS = {"—", "–", "-", "--", ":", "(", ","}
# Not "on": it ties a name to a weekday ("Kupiansk on Monday") far more often than it makes
# one, and the names it does make are hyphenated ("Rostov-on-Don"), which ``glued`` joins.
_JOINERS = {"of", "de", "du", "la", "le", "al", "el", "upon", "the", "-", "and"}


STRONG_PLACE_WORDS = _STRONG_PLACE_WORDS  # a cue that outweighs the NER calling a name a person's


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive or punctuation from an entity span."""
    span = text[start:end]
    for article in ("the ", "The ", "THE "):
        if span.startswith(article):
            start += len(article)
            span = span[len(article) :]
    for tail in ("'s", "’s", "'", "’", ".", ",", ")"):
        if tail == "." and span.count(".") > 1:
            continue  # an abbreviation: "U.S.", "D.C."
        if span.endswith(tail) and len(span) > len(tail) + 1:
            end -= len(tail)
            span = span[: -len(tail)]
    return start, end


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def cued(
    tokens: list[Token], text: str, first: int, end: int, known: NameTest, *, strong: bool = False
) -> bool:
    """Whether the words around a name outside any entity say it is a place: 'in X', 'X, Texas'.

    ``strong`` asks for a cue that outweighs the NER calling the name a person's: 'in X'.
    """
    if first > 0:
        before = text[tokens[first - 1].start : tokens[first - 1].end].lower()
        if before in (_STRONG_PLACE_WORDS if strong else _PLACE_WORDS):
            return True
        # "moved to Thornhill", "driving to Castlegar": a journey's end is a place, whatever
        # the NER says ("talked to Castlegar" is not).
        if before == "to" and first > 1 and tokens[first - 2].lemma in _JOURNEY_VERBS:
            return True
    if end + 1 < len(tokens) and text[tokens[end].start : tokens[end].end] == ",":
        after = tokens[end + 1]
        if known(text[after.start : after.end]) == "region":
            return True
    if strong:
        return False
    if with_area(tokens, text, end, known):
        return True
    if any(
        tokens[k].dep in ("dobj", "nsubjpass") and tokens[tokens[k].head].lemma in _PLACE_OBJECT_VERBS
        for k in range(first, end)
        if not first <= tokens[k].head < end
    ):
        return True
    # A dateline: "TORONTO —", "Muscat:" at the start of a sentence.
    following = text[tokens[end].start : tokens[end].end] if end < len(tokens) else ""
    if not tokens[first].sent_start:
        return False
    shouted = text[tokens[first].start : tokens[end - 1].end].isupper()
    if following == "(":
        # "Kyiv (Reuters) —", not "Noma (not her real name)".
        inside = text[tokens[end + 1].start : tokens[end + 1].end] if end + 1 < len(tokens) else ""
        return is_capitalised(inside)
    return following in _DATELINE_MARKS and (shouted or following in ("—", "–", "--"))


def with_area(tokens: list[Token], text: str, end: int, known: NameTest) -> bool:
    """'Snetterton, Norfolk.', 'Silverstone, Northamptonshire;': the name ending at token ``end``
    is followed by a known place and a clause's end, as in an address or a listing."""
    if end + 2 >= len(tokens) or text[tokens[end].start : tokens[end].end] != ",":
        return False
    area = text[tokens[end + 1].start : tokens[end + 1].end]
    closing = text[tokens[end + 2].start : tokens[end + 2].end]
    return is_capitalised(area) and closing in _CLOSING_MARKS and known(area) is not None


def listed(tokens: list[Token], text: str, first: int, end: int, *, ends: set[int]) -> bool:
    """'Tamil Nadu, Kerala and Puducherry': a name in a list right after a place found already."""
    if first < 2:
        return False
    joiner = text[tokens[first - 1].start : tokens[first - 1].end]
    return joiner in (",", "and", "or", "&") and tokens[first - 2].end in ends


def after_place_word(tokens: list[Token], text: str, index: int) -> bool:
    """'in eastern Ghouta', 'the village of X': a place word one or two tokens before."""
    for back in (1, 2):
        if index - back >= 0:
            word = text[tokens[index - back].start : tokens[index - back].end].lower()
            if word in _STRONG_PLACE_WORDS or word in ("of", "at", "from", "to", "near"):
                return True
    return False


def split_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, cursor = [], start
    for piece in text[start:end].split(","):
        left = cursor + len(piece) - len(piece.lstrip())
        right = cursor + len(piece.rstrip())
        if right > left:
            parts.append((left, right))
        cursor += len(piece) + 1
    return parts


def capitalised_runs(tokens: list[Token], text: str) -> list[list[int]]:
    """Runs of capitalised tokens (joined by 'of', 'de', '-'...), as token indexes."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, token in enumerate(tokens):
        word = text[token.start : token.end]
        if is_capitalised(word) and token.pos in _NAME_POS:
            if current and token.sent_start:
                runs.append(current)
                current = []
            current.append(index)
        elif (
            current
            and word.lower() in _JOINERS
            and index + 1 < len(tokens)
            and not _joiner(tokens, text, current[-1])
        ):
            current.append(index)  # one joiner at a time: "Gulf of Aden", not "X and the Y"
        elif current and glued(tokens, text, index):
            current.append(index)  # "Mazar-i-Sharif", "Stratford-upon-Avon"
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    trimmed = []
    for run in runs:
        while run and text[tokens[run[-1]].start : tokens[run[-1]].end].lower() in _JOINERS:
            run = run[:-1]
        if run:
            trimmed.append(run)
    return trimmed


def _joiner(tokens: list[Token], text: str, index: int) -> bool:
    word = text[tokens[index].start : tokens[index].end]
    return word.lower() in _JOINERS and not is_capitalised(word)


def name_bounds(tokens: list[Token], text: str, run: list[int], first: int, end: int) -> tuple[int, int]:
    """The name of ``run`` that tokens ``[first, end)`` belong to, as token bounds: runs join
    names with "and" ("Owensboro Public Schools and Daviess County Public Schools")."""
    left = first
    while left - 1 >= run[0] and text[tokens[left - 1].start : tokens[left - 1].end] not in ("and", "&"):
        left -= 1
    right = end
    while right <= run[-1] and text[tokens[right].start : tokens[right].end] not in ("and", "&"):
        right += 1
    return left, right


def in_longer_name(tokens: list[Token], text: str, run: list[int], first: int, end: int) -> bool:
    """Whether tokens ``[first, end)`` are part of a longer name in ``run`` ("Seattle Seahawks"),
    not merely listed beside another name ("Nenagh and Toomevara")."""
    left, right = name_bounds(tokens, text, run, first, end)
    return right - left > end - first


def glued(tokens: list[Token], text: str, index: int) -> bool:
    """Whether token ``index`` is part of a hyphenated name with the token before it."""
    before = tokens[index - 1]
    if before.end != tokens[index].start:
        return False
    if text[tokens[index].start : tokens[index].end] == "-":
        return index + 1 < len(tokens) and tokens[index].end == tokens[index + 1].start
    return text[before.start : before.end] == "-"


def ngrams(run: list[int]) -> list[tuple[int, int]]:
    """Token windows of a run, longest first, as (first, end) pairs."""
    first, last = run[0], run[-1] + 1
    spans: list[tuple[int, int]] = []
    for size in range(min(_MAX_NGRAM, last - first), 0, -1):
        spans.extend((i, i + size) for i in range(first, last - size + 1))
    return spans


def after_venue_word(tokens: list[Token], text: str, first: int, employer_words: frozenset[str]) -> bool:
    """'at Sloss Furnaces', 'inside the Palais des Nations'; not 'an economist at X'."""
    before = first - 1
    if before > 0 and text[tokens[before].start : tokens[before].end] in ("the", "The"):
        before -= 1
    if before < 0 or text[tokens[before].start : tokens[before].end] not in _VENUE_WORDS:
        return False
    return tokens[tokens[before].head].lemma.lower() not in employer_words


def two_places(words: str, start: int, known: NameTest) -> list[tuple[int, int]]:
    """The span of an entity, or its two halves when it is two well-known places run together
    and not a place itself: "Greece Italy" (a comma lost), "the Amsterdam-London route"."""
    whole = [(start, start + len(words))]
    if known(words) is not None:
        return whole
    for joint in (" ", "-"):
        left, found, right = words.partition(joint)
        # Not a direction and its area ("Western US", "South Sudan").
        if (
            found
            and joint not in right
            and left
            and right
            and left.lower() not in DIRECTIONS
            and all(known(half) in ("region", "major") for half in (left, right))
        ):
            return [(start, start + len(left)), (start + len(left) + 1, start + len(words))]
    return whole


def settlement_of(tokens: list[Token], text: str, first: int) -> bool:
    """Whether the name at token ``first`` follows "the town of", "a suburb of" and the like."""
    if first < 2 or text[tokens[first - 1].start : tokens[first - 1].end] != "of":
        return False
    return tokens[first - 2].lemma.lower() in _SETTLEMENT_NOUNS


def speaker(tokens: list[Token], index: int) -> bool:
    """Whether the word at ``index`` is the one speaking: "said Noma", "Noma says"."""
    token = tokens[index]
    if token.dep == "nsubj" and tokens[token.head].lemma in _SPEECH_VERBS:
        return True
    return any(0 <= k < len(tokens) and tokens[k].lemma in _SPEECH_VERBS for k in (index - 1, index + 1))


_POSSESSIVE_NAME = re.compile(r"['’]s((?: [A-Z][\w’'-]*){1,3})")


def possessive_facility(text: str, end: int, facility_words: frozenset[str]) -> int | None:
    """The end of a building named after a person or a saint right after ``end``: "St. Peter"
    + "'s Basilica", "Guy" + "'s Hospital". None when no facility word closes it."""
    found = _POSSESSIVE_NAME.match(text, end)
    if found is None or found.group(1).rsplit(" ", 1)[-1] not in facility_words:
        return None
    return found.end()
