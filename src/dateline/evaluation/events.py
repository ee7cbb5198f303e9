"""Scoring events per article as sets of (PLOVER type, source country, target country).

Gold events marked optional or negated are neither required nor penalised:
predicting one earns nothing and costs nothing. Predicted negated events, and
predicted events with no PLOVER type, are ignored. Countries are compared on
their first three letters; a side's ``*_country`` field, when present, is its
country (null: none).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from dateline.evaluation.event_breakdown import EventBreakdown, event_breakdown
from dateline.evaluation.event_sets import EVENT_LEVELS, EventKey, article_event_sets
from dateline.evaluation.metrics import Prf, precision_recall_f1


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
    """Scores per level (``plover+actors``, ``plover``), what went wrong at each, and the
    aggregate breakdown (per type, confusions, confidence reliability)."""

    levels: dict[str, EventLevelScores]
    breakdown: EventBreakdown | None = None

    def to_dict(self, diagnostics: bool = False, items: bool = True) -> dict[str, Any]:
        """The reference scorer's JSON shape; with ``diagnostics`` the breakdown too, and
        the lists of missed and wrong events unless ``items`` is false."""
        out: dict[str, Any] = {label: lv.scores.to_dict() for label, lv in self.levels.items()}
        if diagnostics and self.breakdown is not None:
            out.update(self.breakdown.to_dict())
        if diagnostics and items:
            out["misses"] = [asdict(d) for lv in self.levels.values() for d in lv.misses]
            out["false_alarms"] = [
                asdict(d) for lv in self.levels.values() for d in lv.false_alarms
            ]
        return out


def _sort_key(key: EventKey) -> tuple[str, ...]:
    return tuple(part or "" for part in key)


def _diagnostics(article_id: str, level: str, keys: set[EventKey]) -> list[EventDiagnostic]:
    return [EventDiagnostic(article_id, level, *k) for k in sorted(keys, key=_sort_key)]


def score_level(
    gold: Mapping[str, Mapping[str, Any]],
    pred: Mapping[str, Mapping[str, Any]],
    level: str,
) -> EventLevelScores:
    predicted = required_total = hits = 0
    misses: list[EventDiagnostic] = []
    false_alarms: list[EventDiagnostic] = []
    for article_id, gold_record in gold.items():
        sets = article_event_sets(gold_record, pred.get(article_id, {}), level)
        required, excused, guessed = sets.required, sets.excused, sets.guessed
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
    return EventScores(
        {level: score_level(gold, pred, level) for level in EVENT_LEVELS},
        event_breakdown(gold, pred),
    )
