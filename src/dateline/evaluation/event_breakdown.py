"""Aggregate views of event scores: per PLOVER type, type confusions, confidence reliability.

All three are counts over the whole gold file (no article ids), so they may be
shown for a split that must stay unseen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from dateline.evaluation.event_sets import (
    ArticleEventSets,
    EventKey,
    article_event_sets,
    event_key,
    is_scored_prediction,
)
from dateline.evaluation.metrics import Prf, precision_recall_f1

Records = Mapping[str, Mapping[str, Any]]

#: Lower edges of the confidence buckets after the first (``< 0.5``).
CONFIDENCE_EDGES = (0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True, slots=True)
class TypeConfusion:
    """Gold events of type ``gold`` missed where ``predicted`` was wrongly predicted in the
    same article with the same source and target countries: ``count`` such pairs."""

    gold: str
    predicted: str
    count: int


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """Scored predicted events whose confidence lies in [low, high): how many, how many right.

    Right means the event's (type, source country, target country) is a required
    gold event of its article; events matching only optional or negated gold are
    left out. ``low``/``high`` None: unbounded; both None: events with no confidence.
    """

    label: str
    low: float | None
    high: float | None
    count: int = 0
    right: int = 0

    @property
    def fraction_right(self) -> float | None:
        return round(self.right / self.count, 4) if self.count else None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "low": self.low, "high": self.high, "count": self.count,
                "right": self.right, "fraction_right": self.fraction_right}  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventBreakdown:
    per_type: dict[str, Prf]
    confusions: list[TypeConfusion]
    reliability: list[ReliabilityBin]

    def to_dict(self) -> dict[str, Any]:
        return {
            "per_type": {plover: prf.to_dict() for plover, prf in self.per_type.items()},
            "confusions": [
                {"gold": c.gold, "predicted": c.predicted, "count": c.count}
                for c in self.confusions
            ],
            "reliability": [b.to_dict() for b in self.reliability],
        }


def _type_counts(sets: ArticleEventSets, counts: dict[str, list[int]]) -> None:
    """Add one article's type-level sets to ``counts[type] = [predicted, gold, hits]``."""
    for (plover,) in sets.guessed - sets.excused:
        counts.setdefault(str(plover), [0, 0, 0])[0] += 1
    for (plover,) in sets.required:
        entry = counts.setdefault(str(plover), [0, 0, 0])
        entry[1] += 1
        entry[2] += (plover,) in sets.guessed


def per_type_scores(gold: Records, pred: Records) -> dict[str, Prf]:
    """Precision, recall and F1 of each PLOVER type at the ``plover`` level (per-article
    sets of types), commonest gold type first; their sums are the ``plover`` level's."""
    counts: dict[str, list[int]] = {}
    for article_id, record in gold.items():
        _type_counts(article_event_sets(record, pred.get(article_id, {}), "plover"), counts)
    order = sorted(counts, key=lambda t: (-counts[t][1], -counts[t][0], t))
    return {t: precision_recall_f1(counts[t][2], counts[t][0], counts[t][2], counts[t][1])
            for t in order}  # fmt: skip


def _article_confusions(sets: ArticleEventSets) -> Counter[tuple[str, str]]:
    missed = sets.required - sets.guessed
    wrong = sets.guessed - sets.required - sets.excused
    return Counter(
        (str(g[0]), str(p[0])) for g in missed for p in wrong if g[1:] == p[1:]
    )  # fmt: skip


def type_confusions(gold: Records, pred: Records) -> list[TypeConfusion]:
    """Missed gold type X paired with wrongly predicted type Y in the same article with the
    same source and target countries, commonest pair first."""
    total: Counter[tuple[str, str]] = Counter()
    for article_id, record in gold.items():
        total += _article_confusions(
            article_event_sets(record, pred.get(article_id, {}), "plover+actors")
        )
    ranked = sorted(total.items(), key=lambda item: (-item[1], item[0]))
    return [TypeConfusion(g, p, n) for (g, p), n in ranked]


def _empty_bins(edges: Sequence[float]) -> list[ReliabilityBin]:
    bins = [ReliabilityBin(f"<{edges[0]:g}", None, edges[0])]
    bins += [ReliabilityBin(f"{lo:g}-{hi:g}", lo, hi) for lo, hi in pairwise(edges)]
    bins.append(ReliabilityBin(f">={edges[-1]:g}", edges[-1], None))
    return bins


def _bin_index(confidence: Any, edges: Sequence[float]) -> int | None:
    """Index of a confidence's bucket, None when it is not a number."""
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        return None
    return sum(confidence >= edge for edge in edges)


def _judged_events(
    record: Mapping[str, Any], pred_record: Mapping[str, Any]
) -> list[tuple[Any, bool]]:
    """(confidence, right) of an article's scored predictions, excused ones left out."""
    sets = article_event_sets(record, pred_record, "plover+actors")
    judged = []
    for event in pred_record.get("events") or []:
        key: EventKey = event_key(event, "plover+actors")
        if is_scored_prediction(event) and key not in sets.excused:
            judged.append((event.get("confidence"), key in sets.required))
    return judged


def reliability(
    gold: Records, pred: Records, edges: Sequence[float] = CONFIDENCE_EDGES
) -> list[ReliabilityBin]:
    """Scored predicted events bucketed by ``confidence``, with the fraction right at the
    ``plover+actors`` level; a last bucket holds events with no confidence, if any."""
    bins = [*_empty_bins(edges), ReliabilityBin("no confidence", None, None)]
    tally: Counter[tuple[int, bool]] = Counter()
    for article_id, record in gold.items():
        for confidence, right in _judged_events(record, pred.get(article_id, {})):
            index = _bin_index(confidence, edges)
            tally[len(bins) - 1 if index is None else index, right] += 1
    out = [
        replace(b, count=tally[i, True] + tally[i, False], right=tally[i, True])
        for i, b in enumerate(bins)
    ]
    return out if out[-1].count else out[:-1]


def event_breakdown(gold: Records, pred: Records) -> EventBreakdown:
    return EventBreakdown(
        per_type_scores(gold, pred), type_confusions(gold, pred), reliability(gold, pred)
    )
