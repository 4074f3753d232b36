"""Token cues for toponyms, on hand-built tokens (no model)."""

from __future__ import annotations

import pytest

from eventwatch.document import Token
from eventwatch.places.cues import (
    capitalised_runs,
    clean_span,
    cued,
    glued,
    in_longer_name,
    listed,
    name_bounds,
    ngrams,
    split_commas,
)


def _tokens(text: str, pos: dict[str, str] | None = None) -> list[Token]:
    """Tokens split on spaces and around hyphens/commas; PROPN for capitalised words."""
    tokens, cursor = [], 0
    pieces = text.replace("-", " - ").replace(",", " ,").split()
    for piece in pieces:
        start = text.index(piece, cursor)
        end = start + len(piece)
        tag = (pos or {}).get(piece) or (
            "PROPN" if piece[0].isupper() else "PUNCT" if piece in ",-" else "ADP"
        )
        tokens.append(Token(start, end, piece.lower(), tag, "", "", 0, sent_start=not tokens))
        cursor = end
    return tokens


def _words(text: str, tokens: list[Token], run: list[int]) -> str:
    return text[tokens[run[0]].start : tokens[run[-1]].end]


def test_runs_join_names_and_hyphens() -> None:
    text = "attack in Mazar-i-Sharif and the Gulf of Aden"
    tokens = _tokens(text)
    runs = [_words(text, tokens, run) for run in capitalised_runs(tokens, text)]
    assert runs == ["Mazar-i-Sharif", "Gulf of Aden"]


def test_runs_do_not_join_a_name_to_its_weekday() -> None:
    text = "drones struck Kupiansk on Monday near Rostov-on-Don"
    tokens = _tokens(text)
    runs = [_words(text, tokens, run) for run in capitalised_runs(tokens, text)]
    assert runs == ["Kupiansk", "Monday", "Rostov-on-Don"]


def test_glued_needs_no_spaces() -> None:
    text = "Guinea-Bissau and Guinea - Bissau"
    tokens = _tokens(text)
    assert glued(tokens, text, 1) and glued(tokens, text, 2)
    assert not glued(tokens, text, 5)


def test_ngrams_longest_first() -> None:
    assert ngrams([3, 4, 5]) == [(3, 6), (3, 5), (4, 6), (3, 4), (4, 5), (5, 6)]


@pytest.mark.parametrize(
    ("text", "name", "strong", "expected"),
    [
        ("clashes in Riverdale", "Riverdale", False, True),
        ("clashes in Riverdale", "Riverdale", True, True),
        ("a letter from Riverdale", "Riverdale", False, True),
        ("a letter from Riverdale", "Riverdale", True, False),
        ("said Riverdale yesterday", "Riverdale", False, False),
        ("said Riverdale , Texas", "Riverdale", True, True),
        # The tokens' lemma is the lower-cased word here: "drive" is a journey verb.
        ("they drive to Riverdale daily", "Riverdale", True, True),
        ("they talk to Riverdale daily", "Riverdale", True, False),
        # A place and its county closing a clause, as in a calendar or an address.
        ("July : Riverdale , Norfolk ; August", "Riverdale", False, True),
        ("July : Riverdale , Norfolk ; August", "Riverdale", True, False),
        ("said Riverdale , Norfolk officials", "Riverdale", False, False),
        ("said Riverdale , Norfolk ;", "Riverdale", False, True),
        ("said Riverdale , Nowhere ;", "Riverdale", False, False),
    ],
)
def test_place_cues(text: str, name: str, strong: bool, expected: bool) -> None:
    tokens = _tokens(text)
    index = next(i for i, t in enumerate(tokens) if text[t.start : t.end] == name)

    def known(words: str) -> str | None:
        return {"Texas": "region", "Norfolk": "minor"}.get(words)

    assert cued(tokens, text, index, index + 1, known, strong=strong) is expected


def test_listed_after_a_place() -> None:
    text = "Kerala and Puducherry"
    tokens = _tokens(text)
    assert listed(tokens, text, 2, 3, ends={tokens[0].end})
    assert not listed(tokens, text, 2, 3, ends=set())


@pytest.mark.parametrize(
    ("span", "expected"),
    [("the Netherlands", "Netherlands"), ("Russia's", "Russia"), ("U.S.", "U.S."), ("Kyiv.", "Kyiv")],
)
def test_clean_span(span: str, expected: str) -> None:
    start, end = clean_span(span, 0, len(span))
    assert span[start:end] == expected


def test_split_commas() -> None:
    text = "Austin, Texas"
    assert [text[a:b] for a, b in split_commas(text, 0, len(text))] == ["Austin", "Texas"]


def test_listed_names_are_not_parts_of_a_longer_name() -> None:
    text = "Nenagh and Toomevara beat Seattle Seahawks"
    tokens = _tokens(text)
    [first_run, second_run] = capitalised_runs(tokens, text)
    assert not in_longer_name(tokens, text, first_run, 0, 1)
    assert in_longer_name(tokens, text, second_run, 4, 5)


def test_name_bounds_split_a_run_at_and() -> None:
    # Two school districts in one run: each name may give its own town.
    text = "Kharkiv City Schools and Izium District Schools"
    tokens = _tokens(text)
    [run] = capitalised_runs(tokens, text)
    assert name_bounds(tokens, text, run, 0, 1) == (0, 3)
    assert name_bounds(tokens, text, run, 4, 5) == (4, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a grant from the Ministry of Works, Abuja ; it was", True),
        ("races at Brands Hatch, Kent ) and", True),
        ("talks with Smith, Abuja officials said", False),
        ("as he said, Abuja ; it was", False),
    ],
)
def test_a_town_closing_an_address(text: str, expected: bool) -> None:
    from eventwatch.places.mentions import _address

    tokens = _tokens(text)
    index = next(i for i, t in enumerate(tokens) if text[t.start : t.end] in ("Abuja", "Kent"))
    assert _address(tokens, text, index, index + 1) is expected
