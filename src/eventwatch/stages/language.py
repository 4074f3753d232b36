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

_ENGLISH = frozenset(
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
        "a",
        "be",
        "been",
        "this",
        "which",
        "who",
        "they",
        "their",
        "after",
        "not",
        "but",
        "his",
        "her",
        "its",
        "will",
        "would",
        "had",
        "or",
        "also",
        "into",
        "over",
        "more",
        "than",
        "about",
    ]
)
_OTHERS: dict[str, str] = {
    "de": "der die das und ist nicht mit von den zu sich des auf für ein eine im dem wurde hat haben bei nach auch "
    "sind wird gegen über durch vom zum zur seit wie aber oder noch nur schon diese dieser dass",
    "fr": "le la les et des est une un du dans que pour pas sur au qui par avec été aux ont sont cette selon",
    "es": "el la los las y de que en un una es por con para del se al fue como más pero sus según",
    "it": "il di che la è e per un una del della non sono gli nel alla con le dei delle anche",
    "pt": "o a os as de que em um uma é do da para com não no na foi pelo pela dos das ao",
    "nl": "de het een en van is dat op te in zijn voor niet met werd aan ook bij naar",
    "pl": "i w na z że się nie do jest to o jak po przez od za był",
    "lt": "ir kad yra su į iš nuo bet tai buvo jo jų per kaip dėl ar",
    "tr": "ve bir bu da de için ile olarak çok daha gibi olan ama",
}
# Words spelled alike in English and another language ("a", "in", "die", "am") are evidence for neither.
_SHARED = frozenset(word for words in _OTHERS.values() for word in words.split()) & _ENGLISH
_PROFILES: dict[str, frozenset[str]] = {
    "en": _ENGLISH - _SHARED,
    **{
        # Less the words that are ordinary English words too ("met", "per", "war").
        code: frozenset(words.split())
        - _ENGLISH
        - {"a", "as", "do", "no", "die", "am", "so", "war", "met", "per"}
        for code, words in _OTHERS.items()
    },
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
    hits = {code: sum(w in profile for w in words) for code, profile in _PROFILES.items()}
    scores = {code: count / len(words) for code, count in hits.items()}
    best = max(scores, key=scores.__getitem__)
    if best != "en" and ((hits[best] < 2 and hits["en"] > 0) or scores[best] < scores["en"] + 0.05):
        # Too little evidence against English, the language this extractor is usually given.
        best = "en"
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
