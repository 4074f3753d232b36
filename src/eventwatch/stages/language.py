"""Language identification by function-word profiles: fast, offline and good enough to keep
non-English text out of an English extractor.

Each profile lists very frequent function words of one language; the language whose words
cover the largest share of the text's tokens wins, and Cyrillic, Arabic, CJK and other
scripts are told apart by script first. The point is to record the language and refuse
extraction, not to rank close languages.
"""

from __future__ import annotations

import re

from ..document import Document
from ..errors import message
from ..registry import Stage, register

__all__ = ["LanguageStage", "detect"]

_PROFILES: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "was",
            "for",
            "that",
            "on",
            "with",
            "as",
            "by",
            "at",
            "from",
            "he",
            "it",
            "said",
            "are",
            "were",
            "has",
            "have",
            "an",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "von",
            "den",
            "zu",
            "sich",
            "des",
            "auf",
            "für",
            "ein",
            "eine",
            "im",
            "dem",
            "wurde",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "des",
            "est",
            "une",
            "un",
            "du",
            "dans",
            "que",
            "pour",
            "pas",
            "sur",
            "au",
            "qui",
            "par",
            "avec",
            "été",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "de",
            "que",
            "en",
            "un",
            "una",
            "es",
            "por",
            "con",
            "para",
            "del",
            "se",
            "al",
            "fue",
            "como",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "di",
            "che",
            "la",
            "è",
            "e",
            "per",
            "un",
            "una",
            "del",
            "della",
            "non",
            "sono",
            "gli",
            "nel",
            "alla",
            "con",
            "le",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "que",
            "em",
            "um",
            "uma",
            "é",
            "do",
            "da",
            "para",
            "com",
            "não",
            "no",
            "na",
            "foi",
            "pelo",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "op",
            "te",
            "in",
            "zijn",
            "voor",
            "niet",
            "met",
            "werd",
            "aan",
        ]
    ),
    "pl": frozenset(
        [
            "i",
            "w",
            "na",
            "z",
            "że",
            "się",
            "nie",
            "do",
            "jest",
            "to",
            "o",
            "jak",
            "po",
            "przez",
            "od",
            "za",
            "był",
        ]
    ),
    "lt": frozenset(
        [
            "ir",
            "kad",
            "yra",
            "su",
            "į",
            "iš",
            "nuo",
            "bet",
            "tai",
            "buvo",
            "jo",
            "jų",
            "per",
            "kaip",
            "dėl",
            "ar",
        ]
    ),
    "tr": frozenset(
        ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "olan", "ama"]
    ),
}
_SCRIPTS: list[tuple[str, re.Pattern[str]]] = [
    ("ru", re.compile(r"[\u0400-\u04FF]")),
    ("ar", re.compile(r"[\u0600-\u06FF]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("ja", re.compile(r"[\u3040-\u30FF]")),
    ("ko", re.compile(r"[\uAC00-\uD7AF]")),
    ("he", re.compile(r"[\u0590-\u05FF]")),
    ("el", re.compile(r"[\u0370-\u03FF]")),
    ("hi", re.compile(r"[\u0900-\u097F]")),
]
_WORD = re.compile(r"[^\W\d_]+")
_BE = {"be": re.compile(r"[іўІЎ]"), "uk": re.compile(r"[їєґЇЄҐ]")}


def detect(text: str, *, sample: int = 4000) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when there is too little to tell."""
    head = text[:sample]
    letters = sum(ch.isalpha() for ch in head)
    if letters < 20:
        return None
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(head)) > letters * 0.3:
            if code == "ru":
                for other, marker in _BE.items():
                    if marker.search(head):
                        return other
            return code
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < 4:
        return None
    scores = {code: sum(w in profile for w in words) / len(words) for code, profile in _PROFILES.items()}
    best = max(scores, key=scores.__getitem__)
    if scores[best] < 0.05:
        # Headlines and lists carry few function words; trust mostly-ASCII text to be English.
        return "en" if sum(ch.isascii() for ch in head) > 0.95 * len(head) else None
    return best


class LanguageStage(Stage):
    """Records ``doc.language``; later stages skip documents that are not English."""

    def __init__(self, *, sample: int = 4000) -> None:
        self.sample = sample

    def __call__(self, doc: Document) -> Document:
        if doc.language is None:
            doc.language = detect(doc.text, sample=self.sample) or "en"
        if doc.language != "en":
            doc.warnings.append(message("E112", source=doc.id, language=doc.language))
        return doc


@register("eventwatch.language.v1", assigns=["doc.language"])
def make_language(*, sample: int = 4000) -> LanguageStage:
    """Detect the document language from its first ``sample`` characters."""
    return LanguageStage(sample=sample)
