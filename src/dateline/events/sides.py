"""The country of an event's side, and a side made from a record actor.

Shared by the rules that add or complete events after the clause coder
(``pair_subjects``, ``recipients``, ``quoted_criticism``) and by ``confidence``.
"""

from __future__ import annotations

from dateline.model import Actor, EventActor

#: The CAMEO country part of a code with no country ("---GOV").
NO_COUNTRY = "---"


def side_country(actor: Actor | EventActor | None) -> str | None:
    """The actor's country, else its code's country part; None for none or ``---``."""
    if actor is None:
        return None
    c = actor.country or (actor.code or "")[:3]
    return None if not c or c == NO_COUNTRY else c


def side_of(actor: Actor) -> EventActor:
    """An event side standing for a record actor."""
    return EventActor(actor.name, actor.code, side_country(actor), actor.id)


def country_actor(code: str) -> Actor:
    """A state as an actor the text does not mention: no id, no mentions (the story's
    home country, the unnamed state behind an arrest, its unnamed people)."""
    return Actor(id="", name=code, kind="country", code=code, country=code)

