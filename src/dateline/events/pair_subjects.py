""""The two leaders", "both presidents": a subject that stands for the last two parties named.

A report of a call or a meeting names the two sides once and then goes on with *the two
leaders discussed …* or *both presidents agreed …*. The clause coder finds only a role
with no country there. Such an event is given the two coded parties of different
countries mentioned last before its sentence, once in each direction (for meetings and
agreements each side acts; for the other types the first direction is the one written
first in the text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from dateline.events.sides import side_country, side_of
from dateline.model import Actor, Event, EventActor, Record

#: What stands just before the role word: "the two", "both", "the two sides' ".
_PAIR_BEFORE = re.compile(r"(?:\bthe\s+two|\bboth(?:\s+the)?)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: How far back before the role word the pair words are looked for.
LOOKBACK = 30




def _is_pair_subject(record: Record, event: Event, actors: dict[str, Actor]) -> bool:
    actor = actors.get(event.source.actor_id or "")
    if actor is None:
        return False
    for m in actor.mentions:
        if event.sentence.start <= m.start < event.sentence.end:
            before = record.raw_text[max(event.sentence.start, m.start - LOOKBACK) : m.start]
            if _PAIR_BEFORE.search(before):
                return True
    return False


def last_two_parties(record: Record, before: int, skip: str | None) -> list[Actor]:
    """The two coded actors of different countries whose latest mentions before ``before``
    come last, in the order they were first written."""
    latest: dict[str, tuple[int, int, Actor]] = {}
    for actor in record.actors:
        country = side_country(actor)
        if country is None or actor.id == skip or not actor.code:
            continue
        starts = [m.start for m in actor.mentions if m.start < before]
        if not starts:
            continue
        seen = latest.get(country)
        if seen is None or max(starts) > seen[0]:
            first = min(starts) if seen is None else min(seen[1], min(starts))
            latest[country] = (max(starts), first, actor)
        else:
            latest[country] = (seen[0], min(seen[1], min(starts)), seen[2])
    two = sorted(latest.values(), key=lambda x: -x[0])[:2]
    return [a for _, _, a in sorted(two, key=lambda x: x[1])] if len(two) == 2 else []




def resolve_pair_subjects(record: Record, events: Sequence[Event]) -> list[Event]:
    """``events`` with each untargeted "the two leaders" event given the last two parties."""
    actors = {a.id: a for a in record.actors}
    out: list[Event] = []
    for e in events:
        if e.target is not None or not _is_pair_subject(record, e, actors):
            out.append(e)
            continue
        pair = last_two_parties(record, e.sentence.start, e.source.actor_id)
        if not pair:
            out.append(e)
            continue
        a, b = side_of(pair[0]), side_of(pair[1])
        out.append(_with_sides(e, a, b))
        out.append(_with_sides(e, b, a))
    return out


def _with_sides(e: Event, source: EventActor, target: EventActor) -> Event:
    return replace(e, source=source, target=target)
