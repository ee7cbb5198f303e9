"""The three evaluation tasks by name, for the ``dateline eval`` command."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from dateline.errors import InputError
from dateline.evaluation.codes import CodeScores, score_codes
from dateline.evaluation.events import EventScores, score_events
from dateline.evaluation.loading import load_jsonl_by_id
from dateline.evaluation.quotes import QuoteScores, score_quotes

Scores = QuoteScores | EventScores | CodeScores
Records = Mapping[str, Mapping[str, Any]]

SCORERS: dict[str, Callable[[Records, Records], Scores]] = {
    "quotes": score_quotes,
    "events": score_events,
    "codes": score_codes,
}


def evaluate_files(task: str, gold_path: str | Path, pred_path: str | Path) -> Scores:
    """Load both JSON Lines files and score them with the scorer named ``task``."""
    scorer = SCORERS.get(task)
    if scorer is None:
        raise InputError(task, f"unknown evaluation task; choose one of {', '.join(SCORERS)}")
    return scorer(load_jsonl_by_id(gold_path), load_jsonl_by_id(pred_path))
