"""Finding toponyms in a document: named entities, demonyms, names the NER missed.

A pure function of the document's tokens and entities plus a name test (the gazetteer),
so it can be tested with hand-built tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import countries
from ..document import Document, Token
from .cued_names import find_more
from .cues import (
    DIRECTIONS,
    NameTest,
    after_place_word,
    after_venue_word,
    capitalised_runs,
    clean_span,
    cued,
    glued,
    in_longer_name,
    is_capitalised,
    listed,
    name_bounds,
    ngrams,
    possessive_facility,
    settlement_of,
    speaker,
    split_commas,
    two_places,
    with_area,
)
from .findings import FindingWords, default_words, find_streets

__all__ = ["Mention", "NameTest", "find_mentions"]


_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_SCAN_LABELS = {"ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "PERSON", "NORP", "LANGUAGE"}
_AREA_TITLES = frozenset({"state", "province", "region", "oblast", "governorate", "prefecture"})
_UNKNOWN_PLACE_WORDS = frozenset({"in", "at", "near"})
_ABBREVIATION = re.compile(r"[A-Z][A-Za-z.]{0,5}")


@dataclass(slots=True)
class Mention:
    """A toponym span before resolution, with what its surroundings say about it."""

    start: int
    end: int
    text: str
    source: str
    feature: str | None = None
    country: str | None = None
    region: str | None = None
    feature_word: str | None = None
    named_after: bool = False  # the name of a body named after the place, not the place's own
    readings: tuple[str, ...] = ()  # a short form's areas ("AUS Western Australia"): short_forms.py


def find_mentions(
    doc: Document,
    *,
    known: NameTest,
    adjectives: dict[str, str],
    feature_words: dict[str, str],
    stop_words: frozenset[str],
    state_abbreviations: dict[str, str],
    generic_words: frozenset[str] = frozenset(),
    facility_words: frozenset[str] = frozenset(),
    civic_words: frozenset[str] = frozenset(),
    employer_words: frozenset[str] = frozenset(),
    finding_words: FindingWords | None = None,
) -> list[Mention]:
    """Every toponym in ``doc``: entity mentions first, then names found inside or outside entities.

    ``adjectives`` maps folded region adjectives ("kurdish") to region names; ``feature_words``
    maps words such as "oblast" to a feature; ``state_abbreviations`` holds "Calif." and "TX";
    ``generic_words`` are words the NER tags as places that name none ("Centre", "Capitol");
    ``facility_words`` end the names of buildings and sites ("Hospital", "Stadium");
    ``civic_words`` follow a town's name in the names of its bodies ("Police", "Herald");
    ``employer_words`` make the name after "at" an employer, not a venue ("an economist at X");
    ``finding_words`` are the lists for roads, streets and sites (``findings.py``; default: places.yaml).
    """
    text = doc.text
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(mention: Mention) -> None:
        mentions.append(mention)
        taken.append((mention.start, mention.end))

    def demonym(start: int, end: int, source: str) -> Mention | None:
        words = text[start:end]
        # Region adjectives first: "English" is England's, though countries.py gives the UK.
        key = countries.fold(words)
        region = adjectives.get(key) or adjectives.get(key[:-1] if key.endswith("s") else key)
        if region is not None:
            return Mention(start, end, words, "demonym", region=region)
        found = countries.match(words)
        if found is not None and found.iso3 is not None:
            kind = "demonym" if found.kind == "demonym" else source
            return Mention(start, end, words, kind, country=found.iso3)
        return None

    token_at = {token.start: index for index, token in enumerate(doc.tokens)}
    speakers = {
        text[token.start : token.end]
        for index, token in enumerate(doc.tokens)
        if token.pos == "PROPN"
        and is_capitalised(text[token.start : token.end])
        and speaker(doc.tokens, index)
        # "who was from Dewsbury said": the place a speaker is from.
        and not after_place_word(doc.tokens, text, index)
        # "Moscow said", "Kenya says": capitals and countries speak for governments.
        and known(text[token.start : token.end]) not in ("region", "major")
    }
    runs = capitalised_runs(doc.tokens, text)
    # Countries and provinces of several words first: the NER splits "Trinidad and Tobago".
    for run in runs:
        for i, j in ngrams(run):
            start, end = doc.tokens[i].start, doc.tokens[j - 1].end
            if (
                j - i > 1
                and free(start, end)
                and known(text[start:end]) == "region"
                and not (_compass_name(text[start:end]) and in_longer_name(doc.tokens, text, run, i, j))
            ):
                add(Mention(start, end, text[start:end], "entity" if doc.tokens[i].ent_type else "gazetteer"))
    for ent in doc.entities:
        start, end = clean_span(text, ent.start, ent.end)
        if end <= start:
            continue
        if ent.label in _PLACE_LABELS:
            if text[start:end] in generic_words:
                continue
            dotted = text[start : end + 1] if text[end : end + 1] == "." else text[start:end]
            if dotted in state_abbreviations and "." in dotted and free(start, start + len(dotted)):
                # "CAMP MURRAY, Wash.", "Walker County (Ga.)": a state the NER saw, abbreviated.
                region = state_abbreviations[dotted]
                add(
                    Mention(
                        start, start + len(dotted), dotted, "abbreviation", feature="admin1", region=region
                    )
                )
                continue
            cursor = token_at.get(start)
            while cursor is not None and cursor + 1 < len(doc.tokens) and doc.tokens[cursor].end <= end:
                cursor += 1
            while (
                cursor is not None
                and cursor < len(doc.tokens)
                and doc.tokens[cursor].start == end
                and glued(doc.tokens, text, cursor)
            ):
                end = doc.tokens[cursor].end  # the NER stops at a hyphen: "Mazar" of "Mazar-i-Sharif"
                cursor += 1
            # The NER stops short of a name's last word ("Boa" of "Boa Vista"): take the
            # following capitalised words when only the longer name is known.
            longer = end
            while (
                cursor is not None
                and cursor < len(doc.tokens)
                and doc.tokens[cursor].start == longer + 1
                and is_capitalised(text[doc.tokens[cursor].start : doc.tokens[cursor].end])
                and known(text[start:end]) is None
            ):
                longer = doc.tokens[cursor].end
                cursor += 1
                if known(text[start:longer]) is not None:
                    end = longer
                    break
                if longer - start > 40:
                    break
            first = token_at.get(start)
            if (
                first is not None
                and " " not in text[start:end]
                and known(text[start:end]) is None
                and not cued(doc.tokens, text, first, first + 1, known, strong=True)
                and not with_area(doc.tokens, text, first + 1, known)
                and not after_place_word(doc.tokens, text, first)
            ):
                # One unknown word the NER calls a place with nothing saying so ("Hammad's goals")
                # is far more often a name the NER misread than a village.
                continue
            if text[start:end] in speakers and known(text[start:end]) == "minor":
                # "said Noma", "Noma told reporters": a small place's name that speaks anywhere
                # in the report is a person's.
                continue
            building = possessive_facility(text, end, facility_words)
            if (
                building is not None
                and known(text[start:end]) not in ("region", "major")
                and free(start, building)
            ):
                # "St. Peter's Basilica": a building named after a saint, not the village of
                # St. Peter; but "Seoul's Jamsil Stadium" is a stadium in Seoul.
                add(Mention(start, building, text[start:building], "facility", feature="facility"))
                continue
            for part_start, part_end in split_commas(text, start, end):
                if not free(part_start, part_end):
                    continue
                words = text[part_start:part_end]
                if ent.label == "FAC" and known(words) != "region":
                    # A named building or street: placed by the towns around it, never taken
                    # for a town that shares a word of its name ("St. Peter's Basilica").
                    add(Mention(part_start, part_end, words, "facility", feature="facility"))
                else:
                    for piece_start, piece_end in two_places(words, part_start, known):
                        add(Mention(piece_start, piece_end, text[piece_start:piece_end], "entity"))
        elif ent.label == "NORP":
            found = demonym(start, end, "entity")
            if found is not None and free(start, end):
                add(found)
    tokens = doc.tokens
    finding_words = finding_words or default_words()
    # Roads, streets and junctions ("the corner of Greene and Lafayette"), before the names
    # the gazetteer knows (findings.py).
    for extra in find_streets(tokens, text, known=known, stop_words=stop_words, words=finding_words):
        if free(extra.start, extra.end):
            add(Mention(extra.start, extra.end, extra.text, extra.source, feature=extra.feature))
    # A word the NER took for part of a person's name elsewhere in the document ("John Bolton")
    # is a person when it stands alone too ("Bolton said").
    person_words = {
        word
        for ent in doc.entities
        if ent.label == "PERSON" and " " in text[ent.start : ent.end]
        for word in text[ent.start : ent.end].split()
    } | speakers
    entity_of: dict[int, tuple[int, int, str]] = {}
    for ent in doc.entities:
        first = token_at.get(ent.start)
        if first is not None:
            entity_of[first] = (*clean_span(text, ent.start, ent.end), ent.label)
    # Words the report writes in lower case: a capitalised one in a name is no town's name.
    common_words = {text[t.start : t.end] for t in tokens if text[t.start : t.start + 1].islower()}
    # Names inside other entities ("Air Zimbabwe", "Osun State Police") and outside any entity.
    for run in runs:
        placed: set[tuple[int, int]] = set()  # the names of the run that gave a place already
        for i, j in ngrams(run):
            start, end = tokens[i].start, tokens[j - 1].end
            if not free(start, end) or name_bounds(tokens, text, run, i, j) in placed:
                continue
            words = text[start:end]
            if not words[0].isupper():
                # "-Powys" of "Dyfed-Powys Police", "of" of "Commissioner of Police": a name
                # starts with a capital letter.
                continue
            entity = entity_of.get(i)
            whole = entity is not None and entity[:2] == (start, end)
            inside = entity is not None and entity[2] in _SCAN_LABELS and not whole
            found = demonym(start, end, "gazetteer")
            if found is not None:
                if found.source == "demonym" and found.country is None and found.region is None:
                    continue
                if (
                    whole
                    and entity is not None
                    and entity[2] == "LANGUAGE"
                    and (j >= len(tokens) or tokens[j].pos not in ("NOUN", "PROPN"))
                ):
                    # "in English", "speaks Spanish": a language, not a place; but "the English
                    # city of Salisbury" is England's, whatever the NER calls it.
                    continue
                add(found)
                continue
            if j - i == 1 and (words in stop_words or words.title() in stop_words):
                continue
            strength = known(words)
            if strength is None:
                continue
            if j - i == 1 and strength != "region" and words.lower() in common_words:
                # "the Supreme Court", "Energy Secretary": a town's name the report also
                # writes as an ordinary word ("the supreme leader", "energy prices") is the word.
                continue
            if _compass_name(words) and in_longer_name(tokens, text, run, i, j):
                # "the Northwest Cancer Centre", "Seoul Central District Court": a compass word,
                # alone or with "District", inside a longer name is no province of that name.
                continue
            # The NER calls some places persons ("Tamil Nadu accused..."): a whole "person" that
            # is a country or province is a place, unless a person of that name is about.
            whole = whole and words not in person_words
            in_list = listed(tokens, text, i, j, ends={m.end for m in mentions})
            # "the Velykyi Burluk community", "Ichnia district": a lower-case word after it that
            # names a kind of area or settlement says it is a place, whatever the NER says.
            following = text[tokens[j].start : tokens[j].end] if j < len(tokens) else ""
            area_word = following in feature_words or (
                # "Governor of Sokoto State": capitalised, it is part of the province's name.
                following.lower() in _AREA_TITLES and strength == "region"
            )
            civic = following in civic_words
            if (
                (tokens[i].ent_type == "PERSON" or words in person_words)
                and not (whole and strength == "region")
                and not (whole and strength == "major" and cued(tokens, text, i, j, known))
                # "worked with Seattle Fire", "the Miami Herald": a city's bodies, tagged a person's.
                and not (civic and strength in ("major", "region"))
                and not (strength in ("major", "region") and _address(tokens, text, i, j))
                and not cued(tokens, text, i, j, known, strong=True)
                and not in_list
                and not area_word
            ):
                continue
            # Part of a longer name ("Seattle Seahawks", "Osun State Police"): only well-known places.
            inside = inside or in_longer_name(tokens, text, run, i, j)
            if inside and strength not in ("major", "region") and not civic:
                continue
            # A capitalised first word the tagger does not call a proper noun ("Mobile phones")
            # needs a cue even when it names a city.
            opening = tokens[i].sent_start and not entity and tokens[i].pos != "PROPN"
            needs_cue = strength == "minor" or (strength == "major" and opening)
            # A town's name before one of its bodies ("Slidell Police", "Nenagh Council") is
            # cue enough: the body says it is a town.
            civic_body = civic and (inside or j - i == 1)
            if (
                needs_cue
                and not in_list
                and not civic_body
                and not area_word
                and not cued(tokens, text, i, j, known)
            ):
                continue
            add(Mention(start, end, words, "embedded" if inside else "gazetteer"))
            if inside:
                # One place per longer name: "Florida Atlantic University" is in Florida.
                placed.add(name_bounds(tokens, text, run, i, j))
    # Facilities ("Barclays Center", "Cloverhill District Court") are places too, placed by
    # the towns around them when the gazetteer does not know them.
    for ent in doc.entities:
        start, end = clean_span(text, ent.start, ent.end)
        last = text[start:end].rsplit(" ", 1)[-1]
        # "the University of Perpetual Help", "Guildhall School of Music": the head before "of".
        head = text[start:end].split(" of ", 1)[0].rsplit(" ", 1)[-1] if " of " in text[start:end] else ""
        if (
            ent.label in ("ORG", "FAC")
            and " " in text[start:end]
            and (last in facility_words or head in facility_words)
            and free(start, end)
        ):
            add(Mention(start, end, text[start:end], "facility", feature="facility"))
    for run in capitalised_runs(tokens, text):
        start, end = tokens[run[0]].start, tokens[run[-1]].end
        last = text[tokens[run[-1]].start : end]
        if len(run) > 1 and last in facility_words and not tokens[run[0]].sent_start and free(start, end):
            add(Mention(start, end, text[start:end], "facility", feature="facility"))
        elif (
            # "a market at Makeen", "the camp in Umemger": a proper name no model or table
            # knows, right after "in" or "at", is a place the towns around it locate.
            run[0] > 0
            and text[tokens[run[0] - 1].start : tokens[run[0] - 1].end].lower() in _UNKNOWN_PLACE_WORDS
            and all(tokens[k].ent_type == "" and tokens[k].pos == "PROPN" for k in run)
            and text[start:end] not in stop_words
            and text[start:end].title() not in stop_words
            and text[start:end].lower() not in common_words
            and free(start, end)
        ):
            add(Mention(start, end, text[start:end], "local"))
        elif settlement_of(tokens, text, run[0]) and text[start:end] not in stop_words and free(start, end):
            # "the gated suburb of Madinaty", "the village of Umemger": whatever the NER calls
            # the name, the words before it say it is a place.
            add(Mention(start, end, text[start:end], "local"))
    # "a concert at Sloss Furnaces", "fireworks inside Anfield": a named venue is where
    # something happens, placed by the towns around it.
    for ent in doc.entities:
        start, end = clean_span(text, ent.start, ent.end)
        first = token_at.get(start)
        if (
            ent.label in ("ORG", "FAC")
            and first is not None
            and first > 0
            and after_venue_word(tokens, text, first, employer_words)
            and is_capitalised(text[start:end])
            and text[start:end] not in stop_words
            and free(start, end)
        ):
            add(Mention(start, end, text[start:end], "facility", feature="facility"))
    # Areas named by the word after them, towns an address names (findings.py).
    for extra in find_more(
        tokens,
        text,
        known=known,
        stop_words=stop_words,
        speakers=speakers,
        # Sites found, and buildings the NER names whose words gave a place of their own
        # ("Percy French Hotel", where "French" was read as France).
        facility_ends={m.end for m in mentions if m.feature == "facility"}
        | {
            clean_span(text, e.start, e.end)[1]
            for e in doc.entities
            if e.label in ("ORG", "FAC") and text[e.start : e.end].rsplit(" ", 1)[-1] in facility_words
        },
        place_spans={(m.start, m.end) for m in mentions},
        words=finding_words,
    ):
        if free(extra.start, extra.end):
            add(Mention(extra.start, extra.end, extra.text, extra.source, feature=extra.feature))
    persons = [clean_span(text, e.start, e.end) for e in doc.entities if e.label == "PERSON"]
    for mention in _repeats(mentions, tokens, text, known=known, persons=persons, person_words=person_words):
        if free(mention.start, mention.end):
            add(mention)
    _feature_words(mentions, tokens, text, feature_words)
    _named_after(mentions, tokens, text, civic_words, known)
    _state_abbreviations(mentions, text, state_abbreviations, add, free)
    mentions.sort(key=lambda m: m.start)
    return mentions


_REPEATED_SOURCES = frozenset({"entity", "gazetteer", "embedded", "facility", "street", "local"})
# Names of several words found so, the gazetteer knowing them or not, are repeated.
_NAME_SOURCES = frozenset({"entity", "facility", "street", "local"})


def _repeats(
    mentions: list[Mention],
    tokens: list[Token],
    text: str,
    *,
    known: NameTest,
    persons: list[tuple[int, int]],
    person_words: set[str],
) -> list[Mention]:
    """Every other capitalised occurrence of a name found as a place: one sense per discourse.

    A report that says "the fall of Douma" once in a way the finder recognises means the same
    town when a sentence opens "Douma is surrounded", or in "the Cauvery Management Board".
    Only names the gazetteer knows, or names of several words, are repeated: one word the
    NER once took for a place ("Dropbox", a surname) must not become a place at each mention.
    Occurrences inside a person's name are left alone, and so is a small place's name that is
    part of a person's name elsewhere ("Franklin" beside "Benjamin Franklin").
    """
    index_of = {token.start: index for index, token in enumerate(tokens)}
    ends = {token.end for token in tokens}
    seeds: dict[str, Mention] = {}
    for mention in mentions:
        words = mention.text
        if mention.source not in _REPEATED_SOURCES or len(words) < 3:
            continue
        if not words[0].isupper() or "\n" in words:
            continue
        strength = known(words)
        if strength is None and not (" " in words and mention.source in _NAME_SOURCES):
            continue
        if words in person_words and not (
            strength == "region" or (strength == "major" and mention.source == "entity")
        ):
            continue
        seeds.setdefault(words.lower(), mention)
    found = []
    for seed in seeds.values():
        pattern = re.compile(r"(?<![\w.&'’-])" + re.escape(seed.text) + r"(?![\w&-])", re.IGNORECASE)
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == seed.start or start not in index_of or end not in ends or not text[start].isupper():
                continue
            # Inside a person's name, not a place; but the NER also calls a lone place name a
            # person ("Samos's economy", "Douma's fall") when no person of that name is about.
            if any(a <= start < b and (a, b) != (start, end) for a, b in persons):
                continue
            if (start, end) in persons and (
                seed.text in person_words or known(seed.text) is None or speaker(tokens, index_of[start])
            ):
                continue
            found.append(Mention(start, end, text[start:end], seed.source, feature=seed.feature))
    return found


_COMPASS_AREAS = frozenset({"district", "region", "province", "division", "zone", "area", "county"})


def _compass_name(words: str) -> bool:
    """'Northwest', 'Central District': a compass word, alone or before a kind of area."""
    first, *rest = words.lower().split()
    return first in DIRECTIONS and all(word in _COMPASS_AREAS for word in rest)


def _address(tokens: list[Token], text: str, first: int, end: int) -> bool:
    """'Ministry of Works, Abuja.', 'Brands Hatch, Kent;': a known town closing a name's address."""
    if first < 2 or text[tokens[first - 1].start : tokens[first - 1].end] != ",":
        return False
    if not is_capitalised(text[tokens[first - 2].start : tokens[first - 2].end]):
        return False
    after = text[tokens[end].start : tokens[end].end] if end < len(tokens) else "."
    return after in (".", ",", ";", ":", ")") or "\n" in text[tokens[end - 1].end : tokens[end].start]


def _named_after(
    mentions: list[Mention], tokens: list[Token], text: str, civic_words: frozenset[str], known: NameTest
) -> None:
    """Mark towns' names that begin the name of a body named after the town: "Cambridge
    Analytica", "the Venice Commission"; not a town's own bodies ("Cambridge Police"), not
    a state's or a country's ("Georgia National Guard"), not a small town's."""
    starts = {token.start: index for index, token in enumerate(tokens)}
    for mention in mentions:
        after = starts.get(mention.end + 1)
        if after is None or mention.feature is not None or mention.source in ("demonym", "facility"):
            continue
        # Bodies are named after famous towns; a small town's "Woman's Club" is its own.
        if mention.country is not None or mention.region is not None or known(mention.text) != "major":
            continue
        word = text[tokens[after].start : tokens[after].end]
        mention.named_after = (
            is_capitalised(word) and word not in civic_words and tokens[after].pos == "PROPN"
        )


def _feature_words(mentions: list[Mention], tokens: list[Token], text: str, words: dict[str, str]) -> None:
    """'Idlib province', 'Osun State', 'the Lithuanian border': the word after a name gives its feature."""
    starts = {token.start: index for index, token in enumerate(tokens)}
    ends = {token.end: index for index, token in enumerate(tokens)}
    for mention in mentions:
        last = ends.get(mention.end)
        if last is None or last + 1 >= len(tokens):
            continue
        following = tokens[last + 1]
        word = text[following.start : following.end]
        feature = words.get(word.lower())
        if feature is None:
            continue
        mention.feature = feature
        mention.feature_word = word
        if is_capitalised(word) and following.start in starts and feature in ("admin1", "admin2", "region"):
            mention.end = following.end
            mention.text = text[mention.start : mention.end]


def _state_abbreviations(
    mentions: list[Mention],
    text: str,
    abbreviations: dict[str, str],
    add: Callable[[Mention], None],
    free: Callable[[int, int], bool],
) -> None:
    """'Pleasanton, Calif.' and 'Horry County, SC': a state abbreviation after a place and a comma."""
    for mention in list(mentions):
        rest = text[mention.end : mention.end + 12]
        if not rest.startswith(", "):
            continue
        found = _ABBREVIATION.match(rest[2:])
        word = found.group(0) if found else ""
        if word not in abbreviations:
            word = word.rstrip(".")
        if word in abbreviations:
            start = mention.end + 2
            end = start + len(word)
            if free(start, end) and text[start:end] == word:
                add(Mention(start, end, word, "abbreviation", feature="admin1", region=abbreviations[word]))
