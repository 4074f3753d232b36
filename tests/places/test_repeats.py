"""One sense per discourse: a name found as a place is a place at its other mentions too."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwatch.document import Document, Token
from eventwatch.places.mentions import Mention, _repeats

_KNOWN = {"Izium": "minor", "Tyler": "major", "Dropbox": None}


def _known(text: str) -> str | None:
    return _KNOWN.get(text)


_LEMMAS = {"said": "say", "says": "say"}


def _tokens(text: str) -> list[Token]:
    tokens, cursor = [], 0
    for piece in text.replace(".", " .").replace("'s", " 's").split():
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        tokens.append(Token(start, cursor, _LEMMAS.get(piece, piece.lower()), "PROPN", "", "", 0))
    return tokens


def _found(
    text: str,
    seed: str,
    *,
    source: str = "entity",
    persons: tuple[str, ...] = (),
    person_spans: tuple[tuple[int, int], ...] = (),
) -> list[int]:
    start = text.index(seed)
    spans = [(text.index(p), text.index(p) + len(p)) for p in persons] + list(person_spans)
    mentions = [Mention(start, start + len(seed), seed, source)]
    found = _repeats(
        mentions,
        _tokens(text),
        text,
        known=_known,
        persons=spans,
        person_words={w for p in persons for w in p.split()},
    )
    return [m.start for m in found]


def test_other_mentions_of_a_known_place_are_found() -> None:
    text = "Shelling hit Izium. The Izium Water Board and IZIUM police said Izium's pumps stopped."
    assert _found(text, "Izium") == [24, 46, 64]


def test_lower_case_words_and_longer_words_are_not_repeats() -> None:
    assert _found("Fighting near Izium. Izium-based izium Iziumka units.", "Izium") == []


def test_an_unknown_single_word_is_not_repeated() -> None:
    # The NER once took a company for a place: that must not spread to every mention.
    assert _found("Dropbox opened in Cork. Dropbox said so.", "Dropbox") == []


def test_mentions_inside_a_persons_name_are_left_alone() -> None:
    text = "Police in Tyler said Mayor John Tyler was away. Tyler is quiet."
    assert _found(text, "Tyler", persons=("John Tyler",)) == [48]
    # A town's name that is part of a person's name elsewhere, found only by the gazetteer,
    # is not spread at all.
    assert _found(text, "Tyler", source="gazetteer", persons=("John Tyler",)) == []


def test_a_lone_name_the_ner_calls_a_person_is_the_place() -> None:
    # "Izium's pumps": the NER tags the lone word a person; no person of that name is about.
    text = "Shelling hit Izium. Izium's pumps stopped."
    assert _found(text, "Izium", person_spans=((20, 25),)) == [20]


def test_a_lone_name_that_speaks_is_a_person() -> None:
    text = "Police in Tyler said so. 'We are safe,' said Tyler. Tyler said more."
    assert _found(text, "Tyler", person_spans=((45, 50), (52, 57))) == []


def test_an_unknown_name_tagged_a_person_is_not_repeated_into_it() -> None:
    # A name of two words the NER once took for a place is a person where it says so.
    text = "Officials met in Dropbox Lane. Dropbox Lane was elected."
    assert _found(text, "Dropbox Lane", person_spans=((31, 43),)) == []


@pytest.mark.slow
def test_town_named_again_inside_an_organisation(extract: Callable[..., Document]) -> None:
    doc = extract(
        "Shelling hit Izium overnight, officials said. The Izium Water Board said its pumps had stopped."
    )
    found = [(p.start, p.country) for p in doc.places if p.text == "Izium"]
    assert found == [(13, "UKR"), (50, "UKR")]
