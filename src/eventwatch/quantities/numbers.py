"""Reading numbers in news text: digits and words, scales, vague amounts and bounds.

``number_value`` is a pure function over words ("twenty", "six" -> 26; "20", "thousand" ->
20000; "tens", "of", "thousands" -> 10000). ``find_numbers`` finds the runs of number words
in a stretch of tokens and reads their value, bound ("at least") and currency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document
from .lexicon import Lexicon, lexicon

__all__ = ["NumberMention", "find_numbers", "is_number_word", "number_value"]

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SCALED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(k|m|mn|mln|bn|b)$")
# Plural vague words that also multiply what precedes them: "tens of thousands".
_PLURAL_SCALES = {"hundreds": 100.0, "thousands": 1000.0, "millions": 1000000.0}
_ARTICLES = {"a", "an"}
_NEEDS_ARTICLE = {"dozen", "hundred", "thousand", "million", "few", "couple", "handful", "score"}


@dataclass(slots=True)
class NumberMention:
    """A run of number tokens ``first..last`` (inclusive token indices) and what it says."""

    first: int
    last: int
    start: int
    end: int
    value: float
    vague: bool = False
    bound: str | None = None
    currency: str | None = None


def is_number_word(word: str, *, lex: Lexicon | None = None) -> bool:
    """Whether ``word`` can be part of a number: digits, number words, scales, vague amounts."""
    lex = lex or lexicon()
    low = word.lower()
    return bool(
        _DIGITS.match(low)
        or _DIGITS_SCALED.match(low)
        or low in lex.numbers
        or low in lex.vague
        or (low in lex.scales and len(low) > 2)
    )


def number_value(words: Sequence[str], *, lex: Lexicon | None = None) -> tuple[float, bool] | None:
    """The value of a run of number words and whether it is vague; ``None`` if it is not a number.

    >>> number_value(["20", "thousand"])
    (20000.0, False)
    """
    lex = lex or lexicon()
    total = 0.0
    current: float | None = None
    vague = False
    seen = False
    for raw in words:
        word = raw.lower().strip()
        if word in _ARTICLES or word in ("-", "of", "and"):
            continue
        scaled = _DIGITS_SCALED.match(word)
        if _DIGITS.match(word):
            current = (current or 0.0) + float(word.replace(",", ""))
        elif scaled:
            total += float(scaled.group(1).replace(",", "")) * lex.scales[scaled.group(2)]
        elif word == "dozen":
            current = (current or 1.0) * 12.0
        elif word in _PLURAL_SCALES and current is not None:
            current *= _PLURAL_SCALES[word]
            vague = True
        elif word in lex.numbers:
            current = (current or 0.0) + lex.numbers[word]
        elif word == "hundred":
            current = (current or 1.0) * 100.0
        elif word in lex.scales and len(word) > 2:
            total += (current if current is not None else 1.0) * lex.scales[word]
            current = None
        elif word in lex.vague:
            current = lex.vague[word] if current is None else current * lex.vague[word]
            vague = True
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + (current or 0.0), vague


def _word(doc: Document, index: int) -> str:
    token = doc.tokens[index]
    return doc.text[token.start : token.end]


def _joined(doc: Document, left: int, right: int) -> bool:
    """Whether token ``right`` follows ``left`` with no space between."""
    return doc.tokens[left].end == doc.tokens[right].start


def _run_end(doc: Document, first: int, hi: int, lex: Lexicon) -> int:
    """The last token index of the number run starting at ``first``."""
    last = first
    i = first + 1
    while i < hi:
        word = _word(doc, i).lower()
        if is_number_word(word, lex=lex) and word not in ("many", "several", "few", "numerous"):
            last = i
        elif (
            word == "-"
            and i + 1 < hi
            and _joined(doc, i - 1, i)
            and _joined(doc, i, i + 1)
            and is_number_word(_word(doc, i + 1), lex=lex)
        ) or (word == "of" and i + 1 < hi and _word(doc, i + 1).lower() in _PLURAL_SCALES):
            last = i + 1
            i += 1
        else:
            break
        i += 1
    return last


def _bound(doc: Document, first: int, lo: int, lex: Lexicon) -> tuple[str | None, int]:
    """The bound phrase just before token ``first`` ("at least") and its first token index."""
    for size in (3, 2, 1):
        begin = first - size
        if begin < lo:
            continue
        phrase = " ".join(_word(doc, i).lower() for i in range(begin, first))
        if phrase in lex.bounds:
            return lex.bounds[phrase], begin
    return None, first


def find_numbers(doc: Document, lo: int, hi: int, *, lex: Lexicon | None = None) -> list[NumberMention]:
    """Every number run among tokens ``lo..hi-1`` with its value, bound and currency."""
    lex = lex or lexicon()
    found: list[NumberMention] = []
    i = lo
    while i < hi:
        word = _word(doc, i).lower()
        first = i
        if word in _ARTICLES and i + 1 < hi and _word(doc, i + 1).lower() in _NEEDS_ARTICLE:
            first, i = i, i + 1
            word = _word(doc, i).lower()
        if not is_number_word(word, lex=lex) or word in ("none",):
            i += 1
            continue
        if word == "one" and first > lo and _word(doc, first - 1).lower() in ("no", "any", "every", "each"):
            i += 1
            continue
        last = _run_end(doc, i, hi, lex)
        words = [_word(doc, k) for k in range(first, last + 1)]
        parsed = number_value(words, lex=lex)
        if parsed is None:
            i = last + 1
            continue
        begin = first
        currency = None
        if begin > lo and _word(doc, begin - 1).lower() in lex.currencies:
            begin -= 1
            currency = lex.currencies[_word(doc, begin).lower()]
        if begin > lo and _word(doc, begin - 1).lower() in ("us", "u.s.") and currency == "USD":
            begin -= 1
        bound, begin = _bound(doc, begin, lo, lex)
        if currency is None and last + 1 < hi:
            after = doc.tokens[last + 1].lemma.lower()
            currency = lex.currencies.get(after) or lex.currencies.get(_word(doc, last + 1).lower())
        found.append(
            NumberMention(
                first=first,
                last=last,
                start=doc.tokens[begin].start,
                end=doc.tokens[last].end,
                value=parsed[0],
                vague=parsed[1],
                bound=bound,
                currency=currency,
            )
        )
        i = last + 1
    return found
