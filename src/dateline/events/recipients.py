"""A recipient for an event the clause left without one, from the sentence around it.

The clause coder takes a target only from the clause's own objects and prepositional
phrases. When it finds none, the recipient is still often named in the sentence, out of
the parse's reach ("Zakharova denounced that the Atlantic Alliance has been increasing
its potential": the alliance), or in the sentence before ("The ministers met in Geneva.
They agreed to resume flights": the other side). For the types that always act on
someone (everything but statements and mobilisation of one's own forces), such an event
takes the nearest coded party of another country: in its sentence, after the trigger
first, then before it; else the last one named in the sentence before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dateline import rules
from dateline.events.sides import side_country, side_of
from dateline.model import Actor, Event, Record

#: PLOVER types with no recipient of their own (a mobilisation is of one's own forces).
SELF_CONTAINED = rules.plover_types(rules.CAMEO_POLICY, "self_contained")




def _mentions(record: Record, source: str | None) -> list[tuple[int, Actor]]:
    """(start, actor) of every mention of a coded party of another country, in order."""
    out: list[tuple[int, Actor]] = []
    for actor in record.actors:
        country = side_country(actor)
        if country is None or country == source or not actor.code:
            continue
        out.extend((m.start, actor) for m in actor.mentions)
    return sorted(out, key=lambda x: x[0])


def recipient(record: Record, event: Event, previous_start: int | None) -> Actor | None:
    """The nearest other-country party of the event's sentence (see the module's doc)."""
    source = side_country(event.source)
    if source is None:
        return None
    mentions = _mentions(record, source)
    s, e = event.sentence.start, event.sentence.end
    after = [a for at, a in mentions if event.trigger.end <= at < e]
    if after:
        return after[0]
    before = [a for at, a in mentions if s <= at < event.trigger.start]
    if before:
        return before[-1]
    if previous_start is not None:
        earlier = [a for at, a in mentions if previous_start <= at < s]
        if earlier:
            return earlier[-1]
    return None


def _previous_sentence_start(record: Record, start: int) -> int | None:
    prev = None
    for sent in record.sentences:
        if sent.start >= start:
            break
        prev = sent.start
    return prev


def add_recipients(record: Record, events: Sequence[Event]) -> list[Event]:
    """``events``, each untargeted one of an acting type given the recipient found."""
    out = []
    for ev in events:
        if ev.target is not None or ev.plover is None or ev.plover in SELF_CONTAINED:
            out.append(ev)
            continue
        found = recipient(record, ev, _previous_sentence_start(record, ev.sentence.start))
        if found is None:
            out.append(ev)
            continue
        target = side_of(found)
        out.append(replace(ev, target=target))
    return out
