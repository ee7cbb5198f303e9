"""Scoring events per article as sets of (PLOVER type, source country, target country).

Gold events marked optional or negated are neither required nor penalised:
predicting one earns nothing and costs nothing. Predicted negated events, and
predicted events with no PLOVER type, are ignored. Countries are compared on
their first three letters; a side's ``*_country`` field, when present, is its
country (null: none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from dateline.evaluation.metrics import Prf, precision_recall_f1

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


@dataclass(frozen=True, slots=True)
class EventDiagnostic:
    """An event that cost points at one level: a gold event missed or a wrong prediction."""

    article_id: str
    level: str
    plover: str | None
    source: str | None = None
    target: str | None = None


@dataclass(slots=True)
class EventLevelScores:
    scores: Prf
    misses: list[EventDiagnostic] = field(default_factory=list)
    false_alarms: list[EventDiagnostic] = field(default_factory=list)


@dataclass(slots=True)
class EventScores:
    """Scores per level (``plover+actors``, ``plover``) and what went wrong at each."""

    levels: dict[str, EventLevelScores]

    def to_dict(self, diagnostics: bool = False) -> dict[str, Any]:
        """The reference scorer's JSON shape; with ``diagnostics`` the lists too."""
        out: dict[str, Any] = {label: lv.scores.to_dict() for label, lv in self.levels.items()}
        if diagnostics:
            out["misses"] = [asdict(d) for lv in self.levels.values() for d in lv.misses]
            out["false_alarms"] = [
                asdict(d) for lv in self.levels.values() for d in lv.false_alarms
            ]
        return out


def _event_keys(
    events: Iterable[Mapping[str, Any]],
    keep: Callable[[Mapping[str, Any]], bool],
    key: Callable[[str, str | None, str | None], EventKey],
) -> set[EventKey]:
    return {
        key((e.get("plover") or "").upper(), event_side(e, "source"), event_side(e, "target"))
        for e in events
        if keep(e)
    }


def _is_required(event: Mapping[str, Any]) -> bool:
    return not event.get("optional") and not event.get("negated")


def _is_excused(event: Mapping[str, Any]) -> bool:
    return bool(event.get("optional") or event.get("negated"))


def _is_scored_prediction(event: Mapping[str, Any]) -> bool:
    """Predicted events count unless negated or without a PLOVER type (CAMEO-only)."""
    return not event.get("negated") and bool(event.get("plover"))


def _sort_key(key: EventKey) -> tuple[str, ...]:
    return tuple(part or "" for part in key)


def _diagnostics(article_id: str, level: str, keys: set[EventKey]) -> list[EventDiagnostic]:
    return [EventDiagnostic(article_id, level, *k) for k in sorted(keys, key=_sort_key)]


def score_level(
    gold: Mapping[str, Mapping[str, Any]],
    pred: Mapping[str, Mapping[str, Any]],
    level: str,
) -> EventLevelScores:
    key = EVENT_LEVELS[level]
    predicted = required_total = hits = 0
    misses: list[EventDiagnostic] = []
    false_alarms: list[EventDiagnostic] = []
    for article_id, gold_record in gold.items():
        gold_events = gold_record.get("events", []) or []
        pred_events = pred.get(article_id, {}).get("events") or []
        required = _event_keys(gold_events, _is_required, key)
        excused = _event_keys(gold_events, _is_excused, key) - required
        guessed = _event_keys(pred_events, _is_scored_prediction, key)
        required_total += len(required)
        hits += len(required & guessed)
        predicted += len(guessed - excused)
        misses += _diagnostics(article_id, level, required - guessed)
        false_alarms += _diagnostics(article_id, level, guessed - required - excused)
    return EventLevelScores(
        precision_recall_f1(hits, predicted, hits, required_total), misses, false_alarms
    )


def score_events(
    gold: Mapping[str, Mapping[str, Any]], pred: Mapping[str, Mapping[str, Any]]
) -> EventScores:
    """Score predicted events against gold at every level of :data:`EVENT_LEVELS`."""
    return EventScores({level: score_level(gold, pred, level) for level in EVENT_LEVELS})
