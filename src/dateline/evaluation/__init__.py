"""Scoring dateline output against gold files (``dateline eval quotes|events|codes``).

The rules are those of the shared reference scorer (``../shared/eval/score.py``)
and give the same numbers; on top of them each result lists what went wrong.
"""

from __future__ import annotations

from dateline.actors.names import scorer_name_tokens as name_tokens
from dateline.actors.names import scorer_same_speaker as same_speaker
from dateline.evaluation.codes import CodeDiagnostic, CodeScores, RootBreakdown, score_codes
from dateline.evaluation.event_breakdown import (
    EventBreakdown,
    ReliabilityBin,
    TypeConfusion,
    event_breakdown,
)
from dateline.evaluation.events import (
    EventDiagnostic,
    EventLevelScores,
    EventScores,
    score_events,
)
from dateline.evaluation.loading import SPLITS, load_jsonl_by_id, write_split
from dateline.evaluation.metrics import Prf, precision_recall_f1
from dateline.evaluation.quotes import (
    QuoteBucketScores,
    QuoteDiagnostic,
    QuoteScores,
    locate_quote,
    score_quotes,
)
from dateline.evaluation.report import format_report
from dateline.evaluation.tasks import SCORERS, evaluate_files

__all__ = [
    "SCORERS",
    "SPLITS",
    "CodeDiagnostic",
    "CodeScores",
    "EventBreakdown",
    "EventDiagnostic",
    "EventLevelScores",
    "EventScores",
    "Prf",
    "QuoteBucketScores",
    "QuoteDiagnostic",
    "QuoteScores",
    "ReliabilityBin",
    "RootBreakdown",
    "TypeConfusion",
    "evaluate_files",
    "event_breakdown",
    "format_report",
    "load_jsonl_by_id",
    "locate_quote",
    "name_tokens",
    "precision_recall_f1",
    "same_speaker",
    "score_codes",
    "score_events",
    "score_quotes",
    "write_split",
]
