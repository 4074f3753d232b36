"""Which time expression dates an event: the one in the trigger's clause, else one that governs
that clause, else one elsewhere in the sentence, else one in the sentence before (same
paragraph, day or week precision), else the publication date.

Pure over the Document's plain records (tokens, sentences, dates, events).
"""

from __future__ import annotations

from ..document import DateMention, Document, Event, EventDate, Precision, Span
from .syntax import Parse

__all__ = ["date_event"]

_TIER_REASONS = (
    "time expression in the same clause as the event",
    "time expression governing the clause of the event",
    "time expression elsewhere in the event's sentence",
)


def _usable(mention: DateMention) -> bool:
    return mention.first is not None


_PRECISIONS: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _from_mention(mention: DateMention, reason: str) -> EventDate:
    return EventDate(
        start=mention.first,
        end=mention.last,
        precision=_PRECISIONS.get(mention.precision, "range"),
        text=mention.text,
        reason=f"{reason}: {mention.reason}" if mention.reason else reason,
    )


def _in_sentence(
    doc: Document, parse: Parse | None, trigger: Span, sentence: Span, mentions: list[DateMention]
) -> EventDate | None:
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
    if not inside:
        return None
    if parse is None or not doc.tokens:
        best = min(inside, key=lambda m: abs(m.start - trigger.start))
        return _from_mention(best, _TIER_REASONS[2])
    t = parse.span_head(trigger.start, trigger.end)
    if t is None:
        return _from_mention(inside[0], _TIER_REASONS[2])
    t_clause = parse.clause(t)
    above = set(parse.path_up(t_clause))
    ranked = []
    for mention in inside:
        h = parse.span_head(mention.start, mention.end)
        if h is None:
            continue
        path = parse.path_up(h)
        clause = parse.clause(h)
        # Inside the trigger's own phrase ("the attack on Monday", "a deserter who fled in 2011")
        # counts as its clause; a clause of its own inside a verb trigger's subject or object
        # does not ("a deserter who fled in 2011 received a permit": the permit is not of 2011).
        inside_trigger = t in path and (
            clause not in path
            or path.index(t) <= path.index(clause)
            or (path.index(t) == path.index(clause) + 1 and doc.tokens[t].pos not in ("VERB", "AUX"))
        )
        if clause == t_clause or inside_trigger:
            tier = 0
        elif clause in above:
            tier = 1
        elif doc.tokens[clause].dep in ("relcl", "acl"):
            continue  # a relative clause dates the participant it describes, not this event
        else:
            tier = 2
        ranked.append((tier, abs(h - t), mention.start, mention))
    if not ranked:
        return None
    tier, _, _, best = min(ranked, key=lambda r: r[:3])
    return _from_mention(best, _TIER_REASONS[tier])


def _paragraph_break(text: str, start: int, end: int) -> bool:
    return "\n\n" in text[start:end] or "\n \n" in text[start:end]


def _outermost(mentions: list[DateMention]) -> list[DateMention]:
    """Mentions not inside another one (the end of "between 2010 and 2012" is inside the range)."""
    return [
        m
        for m in mentions
        if not any(
            o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
            for o in mentions
        )
    ]


def date_event(
    doc: Document, event: Event, *, parse: Parse | None = None, context_sentences: int = 1
) -> EventDate:
    """The date of ``event``: its governing time expression, else the publication date."""
    mentions = _outermost([m for m in doc.dates if _usable(m)])
    trigger = event.trigger or (event.evidence[0] if event.evidence else None)
    if trigger is not None:
        sentence = doc.sentence_of(trigger.start) or (event.evidence[0] if event.evidence else None)
        if sentence is not None:
            found = _in_sentence(doc, parse, trigger, sentence, mentions)
            if found is not None:
                return found
            found = _from_context(doc, sentence, mentions, context_sentences)
            if found is not None:
                return found
    if doc.published:
        return EventDate(
            start=doc.published,
            end=doc.published,
            precision="day",
            text=None,
            reason="no time expression governs the event: publication date",
        )
    return EventDate(
        start=None,
        end=None,
        precision="unknown",
        text=None,
        reason="no time expression governs the event and the publication date is unknown",
    )


def _day_mentions(mentions: list[DateMention], sentence: Span) -> list[DateMention]:
    return [
        m for m in mentions if sentence.start <= m.start < sentence.end and m.precision in ("day", "week")
    ]


def _from_context(doc: Document, sentence: Span, mentions: list[DateMention], count: int) -> EventDate | None:
    """A day named next to the event's sentence: the sentences before it in its paragraph, then,
    for a headline (the first sentence), the lead that follows it, which in news dates the story."""
    index = next((i for i, s in enumerate(doc.sentences) if s.start == sentence.start), None)
    if index is None or count == 0:
        return None
    for back in range(1, count + 1):
        if index - back < 0:
            break
        previous = doc.sentences[index - back]
        if _paragraph_break(doc.text, previous.end, sentence.start):
            break
        inside = _day_mentions(mentions, previous)
        if inside:
            return _from_mention(inside[-1], "time expression in the sentence before, same paragraph")
    if index == 0:
        for ahead in range(1, count + 2):
            if ahead >= len(doc.sentences):
                break
            inside = _day_mentions(mentions, doc.sentences[ahead])
            if inside:
                return _from_mention(inside[0], "headline event dated by the lead sentence after it")
    return None
