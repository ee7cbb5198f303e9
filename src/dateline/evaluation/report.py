"""A plain-text report of scores: the reference scorer's lines, then what went wrong."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from dateline.evaluation.codes import CodeDiagnostic, CodeScores
from dateline.evaluation.event_breakdown import EventBreakdown, ReliabilityBin, TypeConfusion
from dateline.evaluation.events import EventDiagnostic, EventScores
from dateline.evaluation.metrics import Prf
from dateline.evaluation.quotes import QuoteDiagnostic, QuoteScores

Scores = QuoteScores | EventScores | CodeScores
T = TypeVar("T")

TEXT_WIDTH = 90
CONFUSIONS_SHOWN = 10


def prf_numbers(prf: Prf) -> str:
    return (
        f"P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}"
        f"  (pred {prf.predicted}, gold {prf.gold})"
    )


def format_report(scores: Scores, limit: int = 10, items: bool = True) -> str:
    """Score lines laid out as the reference scorer prints them, the aggregate
    breakdowns, then up to ``limit`` items of each diagnostic list.

    With ``items`` false only aggregate figures are printed: no lists, texts or
    article ids (for a split that must stay unseen).
    """
    shown = limit if items else 0
    if isinstance(scores, QuoteScores):
        lines = _quote_lines(scores, shown, items)
    elif isinstance(scores, EventScores):
        lines = _event_lines(scores, shown)
    else:
        lines = _code_lines(scores, shown)
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int = TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _section(title: str, items: Sequence[T], show: Callable[[T], str], limit: int) -> list[str]:
    """A titled count and up to ``limit`` items (none: the count alone)."""
    if not items:
        return []
    lines = ["", f"{title}: {len(items)}"]
    lines += ["  " + show(item) for item in items[: max(0, limit)]]
    if limit > 0 and len(items) > limit:
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


def _missing_line(missing: list[str], items: bool) -> list[str]:
    if not missing:
        return []
    examples = f", e.g. {missing[:5]}" if items else ""
    return [f"no prediction for {len(missing)} gold ids{examples}"]


def _cause_line(scores: QuoteScores) -> list[str]:
    causes = scores.miss_causes()
    return ["", "misses by cause: " + ", ".join(
        f"{cause.replace('_', ' ')} {n}" for cause, n in causes.items()
    )]  # fmt: skip


def _quote_lines(scores: QuoteScores, limit: int, items: bool) -> list[str]:
    lines = []
    for label, bucket in scores.buckets.items():
        for sub, prf in (("span", bucket.span), ("attributed", bucket.attributed)):
            lines.append(f"{label:9} {sub:10} {prf_numbers(prf)}")
    lines.append(f"articles: {scores.articles}")
    lines += _missing_line(scores.missing_predictions, items)
    lines += _cause_line(scores)
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


def _type_lines(per_type: dict[str, Prf]) -> list[str]:
    """One row per PLOVER type; a precision with no prediction, or a recall with no gold,
    is shown as "-" (the JSON keeps the scorer's conventions)."""
    if not per_type:
        return []
    lines = ["", "per PLOVER type   gold  pred      P      R     F1"]
    for plover, prf in per_type.items():
        precision = f"{prf.precision:.3f}" if prf.predicted else "    -"
        recall = f"{prf.recall:.3f}" if prf.gold else "    -"
        lines.append(
            f"  {plover or '(none)':14} {prf.gold:5} {prf.predicted:5}"
            f"  {precision}  {recall}  {prf.f1:.3f}"
        )
    return lines


def _confusion_lines(confusions: list[TypeConfusion], top: int = CONFUSIONS_SHOWN) -> list[str]:
    lines = ["", "commonest type errors (gold type missed, other type predicted, same countries)"]
    if not confusions:
        return [*lines, "  none"]
    for c in confusions[:top]:
        lines.append(f"  {c.gold or '(none)':10} → {c.predicted or '(none)':10} {c.count:4}")
    if len(confusions) > top:
        lines.append(f"  … and {len(confusions) - top} more pairs")
    return lines


def _reliability_lines(bins: list[ReliabilityBin]) -> list[str]:
    lines = ["", "reliability (plover+actors; matches of optional/negated gold left out)",
             "  confidence     events  right"]  # fmt: skip
    for b in bins:
        right = "    -" if b.fraction_right is None else f"{b.fraction_right:.3f}"
        lines.append(f"  {b.label:13} {b.count:7}  {right}")
    return lines


def _breakdown_lines(breakdown: EventBreakdown | None) -> list[str]:
    if breakdown is None:
        return []
    return (
        _type_lines(breakdown.per_type)
        + _confusion_lines(breakdown.confusions)
        + _reliability_lines(breakdown.reliability)
    )


def _event_lines(scores: EventScores, limit: int) -> list[str]:
    lines = [f"{label:13} {prf_numbers(lv.scores)}" for label, lv in scores.levels.items()]
    lines += _breakdown_lines(scores.breakdown)
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
