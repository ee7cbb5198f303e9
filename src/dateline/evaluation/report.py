"""A plain-text report of scores: the reference scorer's lines, then what went wrong."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from dateline.evaluation.codes import CodeDiagnostic, CodeScores
from dateline.evaluation.events import EventDiagnostic, EventScores
from dateline.evaluation.metrics import Prf
from dateline.evaluation.quotes import QuoteDiagnostic, QuoteScores

Scores = QuoteScores | EventScores | CodeScores
T = TypeVar("T")

TEXT_WIDTH = 90


def prf_numbers(prf: Prf) -> str:
    return (
        f"P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}"
        f"  (pred {prf.predicted}, gold {prf.gold})"
    )


def format_report(scores: Scores, limit: int = 10) -> str:
    """Score lines laid out as the reference scorer prints them, then up to
    ``limit`` items of each diagnostic list."""
    if isinstance(scores, QuoteScores):
        lines = _quote_lines(scores, limit)
    elif isinstance(scores, EventScores):
        lines = _event_lines(scores, limit)
    else:
        lines = _code_lines(scores, limit)
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int = TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _section(title: str, items: Sequence[T], show: Callable[[T], str], limit: int) -> list[str]:
    if not items:
        return []
    lines = ["", f"{title}: {len(items)}"]
    lines += ["  " + show(item) for item in items[: max(0, limit)]]
    if len(items) > limit:
        lines.append(f"  … and {len(items) - max(0, limit)} more")
    return lines


def _show_quote(d: QuoteDiagnostic) -> str:
    who = d.speaker or "(no speaker)"
    return f"{d.article_id} [{d.kind}] {d.start}-{d.end} {who}: “{_shorten(d.text)}”"


def _show_wrong_speaker(d: QuoteDiagnostic) -> str:
    return (
        f"{d.article_id} [{d.kind}] {d.start}-{d.end} gold: {d.speaker or '(none)'}"
        f", predicted: {d.predicted_speaker or '(none)'}: “{_shorten(d.text)}”"
    )


def _quote_lines(scores: QuoteScores, limit: int) -> list[str]:
    lines = []
    for label, bucket in scores.buckets.items():
        for sub, prf in (("span", bucket.span), ("attributed", bucket.attributed)):
            lines.append(f"{label:9} {sub:10} {prf_numbers(prf)}")
    lines.append(f"articles: {scores.articles}")
    missing = scores.missing_predictions
    if missing:
        lines.append(f"no prediction for {len(missing)} gold ids, e.g. {missing[:5]}")
    lines += _section("misses (gold quotes not found)", scores.misses, _show_quote, limit)
    lines += _section(
        "false alarms (predicted quotes outside gold)", scores.false_alarms, _show_quote, limit
    )
    lines += _section(
        "wrong speakers (found, attributed wrongly)",
        scores.wrong_speakers, _show_wrong_speaker, limit,
    )  # fmt: skip
    return lines


def _show_event(d: EventDiagnostic) -> str:
    if d.level == "plover":
        return f"{d.article_id} {d.plover}"
    return f"{d.article_id} {d.plover} {d.source or '-'} → {d.target or '-'}"


def _event_lines(scores: EventScores, limit: int) -> list[str]:
    lines = [f"{label:13} {prf_numbers(lv.scores)}" for label, lv in scores.levels.items()]
    for label, lv in scores.levels.items():
        lines += _section(f"misses at {label} (gold events not found)", lv.misses,
                          _show_event, limit)  # fmt: skip
        lines += _section(f"false alarms at {label}", lv.false_alarms, _show_event, limit)
    return lines


def _show_code(d: CodeDiagnostic) -> str:
    return f"{d.sentence_id} {d.code or '-'} {d.source or '-'} → {d.target or '-'}"


def _code_lines(scores: CodeScores, limit: int) -> list[str]:
    lines = [f"{label:13} {prf_numbers(prf)}" for label, prf in scores.levels.items()]
    lines.append(f"sentences: {scores.sentences}")
    if scores.roots:
        lines += ["", "per root        gold  pred  root-F1  code-F1"]
        for root, b in sorted(scores.roots.items()):
            lines.append(
                f"  {root or '--':12} {b.gold:5} {b.predicted:5}"
                f"  {b.root_scores.f1:7.3f}  {b.code_scores.f1:7.3f}"
            )
    lines += _section("misses (expected, not predicted)", scores.misses, _show_code, limit)
    lines += _section("false alarms (predicted, not expected)", scores.false_alarms,
                      _show_code, limit)  # fmt: skip
    return lines
