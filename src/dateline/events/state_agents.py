"""The state as the unnamed agent of its own coercive acts.

An arrest, a detention, a deportation or a conviction is an act of a state's police,
courts or government, whether or not the sentence names them: "Khan was arrested at the
weekend", "the prime minister was placed under house arrest". Per the annotation
contract an actor belongs to the state it acts for, so such a passive with no "by"
phrase takes as its source the state where the act happens: the country of the place the
sentence names, else the dateline's, else the story's home country. Other agentless
passives ("five soldiers were killed") keep no source: an attack has no default author.
"""

from __future__ import annotations

from dataclasses import replace

from dateline import rules
from dateline.events.clauses import Clause
from dateline.events.location import is_state
from dateline.events.sides import country_actor
from dateline.model import Actor

#: CAMEO prefixes of acts only a state's police, courts or government carry out:
#: arrest and detention (173), deportation (174), repression (175), convictions (116).
STATE_ACTS = tuple(sorted(rules.codes(rules.CAMEO_POLICY, "state_acts")))


def is_state_act(code: str) -> bool:
    """Whether ``code`` is an act whose unnamed agent is the state."""
    return code.startswith(STATE_ACTS)


def unnamed_state(clause: Clause, places: tuple[str | None, ...]) -> Actor | None:
    """The state acting in an agentless passive of a state act, or None.

    ``places``: the candidate countries, best first (the sentence's place, the dateline's,
    the story's home country)."""
    if clause.source is not None or not clause.passive:
        return None
    if not is_state_act(clause.pattern.code):
        return None
    country = next((p for p in places if is_state(p)), None)
    return country_actor(country) if country is not None else None


def local_party(actor: Actor | None, country: str) -> Actor | None:
    """The target of a state's coercive act when the text does not place them: a person
    or group held, tried or deported by a state is taken to be of that state ("Khan was
    arrested" in a story from Islamabad). None when ``actor`` is not such a party."""
    if actor is None or actor.country or actor.kind not in ("person", "group"):
        return None
    code = actor.code or ""
    role = code[3:] if code.startswith("---") else ""
    return replace(actor, code=country + role, country=country)


def own_people(country: str) -> Actor:
    """The unnamed people of ``country``: the target of its police's or courts' act that
    names no one the coder can place ("police detained three of them", "dispersed the
    crowd with tear gas")."""
    return country_actor(country)


def acting_state(actors: list[Actor | None]) -> str | None:
    """The one state all ``actors`` belong to, or None."""
    countries = {a.country if a is not None else None for a in actors}
    if len(countries) != 1:
        return None
    country = countries.pop()
    return country if is_state(country) else None
