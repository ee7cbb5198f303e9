"""Events as the scorer compares them: per article, sets of keys at each level.

A key is (PLOVER type, source country, target country) at ``plover+actors`` and
the type alone at ``plover``. Countries are compared on their first three
letters; a side's ``*_country`` field, when present, is its country (null: none).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

EventKey = tuple[str | None, ...]


def actor_country(actor: Any) -> str | None:
    """Upper-cased first three letters of an actor's country (or, failing that, its code).

    ``actor`` is a code string such as ``"RUSGOV"``, a dict with ``country``
    and/or ``code``, or None.
    """
    if actor is None:
        return None
    value = (actor.get("country") or actor.get("code")) if isinstance(actor, dict) else actor
    prefix = (value or "").strip().upper()[:3]
    return prefix or None


def event_side(event: Mapping[str, Any], side: str) -> str | None:
    """Country of the ``source`` or ``target`` side: its ``*_country`` field when the event
    has that key (null there means "no country", whatever the side's name), else the
    side itself (a code string or an actor object)."""
    key = f"{side}_country"
    return actor_country(event[key] if key in event else event.get(side))


def _with_actors(plover: str, source: str | None, target: str | None) -> EventKey:
    return (plover, source, target)


def _type_only(plover: str, source: str | None, target: str | None) -> EventKey:
    return (plover,)


# Comparison levels, from strictest to loosest.
EVENT_LEVELS: dict[str, Callable[[str, str | None, str | None], EventKey]] = {
    "plover+actors": _with_actors,
    "plover": _type_only,
}


def event_key(event: Mapping[str, Any], level: str) -> EventKey:
    """The event as compared at ``level``: PLOVER type (upper case) and side countries."""
    plover = (event.get("plover") or "").upper()
    return EVENT_LEVELS[level](plover, event_side(event, "source"), event_side(event, "target"))


def is_required(event: Mapping[str, Any]) -> bool:
    return not event.get("optional") and not event.get("negated")


def is_excused(event: Mapping[str, Any]) -> bool:
    return bool(event.get("optional") or event.get("negated"))


def is_scored_prediction(event: Mapping[str, Any]) -> bool:
    """Predicted events count unless negated or without a PLOVER type (CAMEO-only)."""
    return not event.get("negated") and bool(event.get("plover"))


@dataclass(frozen=True, slots=True)
class ArticleEventSets:
    """One article's events at one level: required gold, excused gold (optional or
    negated, and not also required) and the scored predictions."""

    required: set[EventKey]
    excused: set[EventKey]
    guessed: set[EventKey]


def article_event_sets(
    gold_record: Mapping[str, Any], pred_record: Mapping[str, Any], level: str
) -> ArticleEventSets:
    gold_events = gold_record.get("events", []) or []
    pred_events = pred_record.get("events") or []
    required = {event_key(e, level) for e in gold_events if is_required(e)}
    excused = {event_key(e, level) for e in gold_events if is_excused(e)} - required
    guessed = {event_key(e, level) for e in pred_events if is_scored_prediction(e)}
    return ArticleEventSets(required, excused, guessed)
