"""Criticism said in a quotation: a coded speaker reproaching a party the quotation names.

Much criticism in news is not a verb of accusing but words of reproach in what someone
said: *"This is Russia's latest unhelpful step," the spokesman said* or *X said the
decision of Y was illegal*. When a quotation (direct, mixed or indirect) has a speaker
with an actor code, holds a word of reproach (``reproach`` and ``quoted_reproach`` in
``verb_patterns.yaml``) not taken back by a negator just before it, and names another
coded party of another country, the speaker criticises that party (CAMEO 111, ACCUSE).
Nothing is added where the clause coder already coded the speaker's side toward that
party in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from dateline.codes import plover_for, word_list
from dateline.events.sides import side_country, side_of
from dateline.model import Actor, Event, Quote, Record, Sentence, Span

CRITICISE = "111"
#: How many words before a reproach a negator takes it back.
NEGATION_WINDOW = 3
_WORD = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=1)
def reproach_words() -> frozenset[str]:
    return word_list("reproach") | word_list("quoted_reproach")


@lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    return word_list("reproach_negators")


def reproach_at(text: str) -> re.Match[str] | None:
    """The first word of reproach in ``text`` that no negator just before takes back."""
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        if m.group().lower() not in reproach_words():
            continue
        before = {w.group().lower() for w in words[max(0, i - NEGATION_WINDOW) : i]}
        if not before & negators():
            return m
    return None




def _named_party(record: Record, quote: Quote, speaker: Actor) -> tuple[Actor, int] | None:
    """The first coded party of another country that the quotation mentions."""
    own = side_country(speaker)
    best: tuple[Actor, int] | None = None
    for actor in record.actors:
        if actor.id == speaker.id or not actor.code or side_country(actor) in (None, own):
            continue
        for m in actor.mentions:
            inside = quote.start <= m.start and m.end <= quote.end
            if inside and (best is None or m.start < best[1]):
                best = (actor, m.start)
    return best


def _sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None


def _already_coded(events: Sequence[Event], sentence: Span, source: str | None,
                   target: str | None) -> bool:  # fmt: skip
    return any(
        e.sentence.start == sentence.start
        and side_country(e.source) == source
        and side_country(e.target) == target
        for e in events
    )




def quoted_criticism(record: Record, events: Sequence[Event], date: str | None,
                     location: str | None) -> list[Event]:  # fmt: skip
    """ACCUSE events read off the record's quotations (see the module's doc)."""
    actors = {a.id: a for a in record.actors}
    ptype = plover_for(CRITICISE)  # ACCUSE
    plover, mode = (ptype.plover, ptype.mode) if ptype is not None else (None, None)
    found: list[Event] = []
    for quote in record.quotes:
        speaker = actors.get(quote.speaker_id or "")
        if speaker is None or not speaker.code:
            continue
        word = reproach_at(quote.text)
        if word is None:
            continue
        party = _named_party(record, quote, speaker)
        start = quote.start + word.start()
        sentence = _sentence_at(record.sentences, start)
        if party is None or sentence is None:
            continue
        source, target = side_of(speaker), side_of(party[0])
        if _already_coded([*events, *found], sentence, source.country, target.country):
            continue
        trigger = Span(record.raw_text[start : quote.start + word.end()], start,
                       quote.start + word.end())  # fmt: skip
        span = Span(sentence.text, sentence.start, sentence.end)
        found.append(Event(CRITICISE, plover, mode, False, source, target, trigger, span,
                           location, date))  # fmt: skip
    return found
