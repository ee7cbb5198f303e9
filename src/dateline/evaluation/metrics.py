"""Precision, recall and F1 as the dateline scorer reports them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Prf:
    """Precision, recall and F1 (rounded to four places) with the counts behind them."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def precision_recall_f1(
    right_predicted: float, predicted: int, found_gold: float, gold: int
) -> Prf:
    """Score ``right_predicted`` of ``predicted`` items and ``found_gold`` of ``gold`` items.

    Predicting nothing when nothing is expected is perfect; predicting nothing
    when something is expected has precision 0 (not undefined), so an empty
    system never looks good.
    """
    empty_precision = 0.0 if gold else 1.0
    precision = right_predicted / predicted if predicted else empty_precision
    recall = found_gold / gold if gold else 1.0
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return Prf(round(precision, 4), round(recall, 4), round(f1, 4), predicted, gold)
