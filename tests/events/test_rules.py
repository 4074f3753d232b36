"""Pure functions over hand-built token analyses: trigger matching, status, clause depth, rules."""

from __future__ import annotations

import pytest

from eventwatch.document import Token
from eventwatch.events import ontology
from eventwatch.events.matcher import Matcher, Parse
from eventwatch.events.status import attribution, clause_depth, is_rule, status

Row = tuple[str, str, str, str, str, int]


def parse_of(rows: list[Row]) -> Parse:
    """A Parse from (word, lemma, pos, tag, dep, head) rows, words joined by single spaces."""
    tokens, text, offset = [], "", 0
    for i, (word, lemma, pos, tag, dep, head) in enumerate(rows):
        tokens.append(Token(offset, offset + len(word), lemma, pos, tag, dep, head, sent_start=i == 0))
        text += word + " "
        offset += len(word) + 1
    return Parse.of(tokens, text.rstrip())


# "Rebels refused to attack the village ."
REFUSED = [
    ("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1),
    ("refused", "refuse", "VERB", "VBD", "ROOT", 1),
    ("to", "to", "PART", "TO", "aux", 3),
    ("attack", "attack", "VERB", "VB", "xcomp", 1),
    ("the", "the", "DET", "DT", "det", 5),
    ("village", "village", "NOUN", "NN", "dobj", 3),
    (".", ".", "PUNCT", ".", "punct", 1),
]
# "Troops will shell the town , the ministry said ."
WILL_SAID = [
    ("Troops", "troop", "NOUN", "NNS", "nsubj", 2),
    ("will", "will", "AUX", "MD", "aux", 2),
    ("shell", "shell", "VERB", "VB", "ccomp", 8),
    ("the", "the", "DET", "DT", "det", 4),
    ("town", "town", "NOUN", "NN", "dobj", 2),
    (",", ",", "PUNCT", ",", "punct", 8),
    ("the", "the", "DET", "DT", "det", 7),
    ("ministry", "ministry", "NOUN", "NN", "nsubj", 8),
    ("said", "say", "VERB", "VBD", "ROOT", 8),
    (".", ".", "PUNCT", ".", "punct", 8),
]
# "Desertion carries ten years in prison ."
RULE = [
    ("Desertion", "desertion", "NOUN", "NN", "nsubj", 1),
    ("carries", "carry", "VERB", "VBZ", "ROOT", 1),
    ("ten", "ten", "NUM", "CD", "nummod", 3),
    ("years", "year", "NOUN", "NNS", "dobj", 1),
    ("in", "in", "ADP", "IN", "prep", 3),
    ("prison", "prison", "NOUN", "NN", "pobj", 4),
    (".", ".", "PUNCT", ".", "punct", 1),
]


def test_status_negated_by_refusal() -> None:
    assert status(parse_of(REFUSED), 3) == ("negated", "refuse")


def test_status_planned_by_will_and_attribution_by_said() -> None:
    parse = parse_of(WILL_SAID)
    assert status(parse, 2) == ("planned", "will")
    assert attribution(parse, 2) == "the ministry"
    assert clause_depth(parse, 2) == 0  # a reporting verb is transparent


def test_rule_statement_is_detected() -> None:
    assert is_rule(parse_of(RULE), 0)
    assert not is_rule(parse_of(REFUSED), 3)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(ontology.load())


def test_object_constraint_types_the_trigger(matcher: Matcher) -> None:
    matches = matcher.sentence_matches(parse_of(REFUSED), 0)
    by_type = {m.type: m for m in matches}
    assert "refusal" in by_type  # 'refuse' with 'attack' in the sentence
    assert by_type["attack"].indexes == (3,)
    assert "object 'village'" in by_type["attack"].why


def test_multiword_trigger_with_gap(matcher: Matcher) -> None:
    rows: list[Row] = [
        ("Protesters", "protester", "NOUN", "NNS", "nsubj", 1),
        ("took", "take", "VERB", "VBD", "ROOT", 1),
        ("to", "to", "ADP", "IN", "prep", 1),
        ("the", "the", "DET", "DT", "det", 4),
        ("streets", "street", "NOUN", "NNS", "pobj", 2),
    ]
    matches = matcher.sentence_matches(parse_of(rows), 0)
    street = [m for m in matches if m.trigger.pattern == "take to the street"]
    assert street and street[0].indexes == (1, 2, 3, 4) and street[0].type == "peaceful_protest"


def test_words_inside_names_are_not_triggers(matcher: Matcher) -> None:
    rows: list[Row] = [
        ("Liberation", "Liberation", "PROPN", "NNP", "compound", 1),
        ("Tigers", "Tigers", "PROPN", "NNP", "ROOT", 1),
    ]
    parse = parse_of(rows)
    for token in parse.tokens:
        token.ent_type = "ORG"
    assert matcher.sentence_matches(parse, 0) == []
