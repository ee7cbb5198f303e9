"""Scoring quotations by character coverage, with their speakers.

A gold quote is *found* when predicted quotes cover at least half of its
characters; a predicted quote is *right* when at least half of its characters
lie inside gold quotes. So splitting a quotation at an attribution cue, or
merging two around one, costs nothing. *Attributed* also asks for the speaker:
for a gold quote, the predicted speaker covering most of it; for a predicted
quote, the speaker of the gold quote it overlaps most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from dateline.evaluation.metrics import Prf, precision_recall_f1
from dateline.evaluation.names import speakers_agree

# Result buckets and the quote kinds each one counts.
QUOTE_BUCKETS: dict[str, tuple[str, ...]] = {
    "direct": ("direct", "mixed"),
    "indirect": ("indirect",),
    "all": ("direct", "mixed", "indirect"),
}
DEFAULT_KIND = "direct"


@dataclass(frozen=True, slots=True)
class LocatedQuote:
    """A quote dict with the character span it occupies in the gold article text."""

    start: int
    end: int
    quote: Mapping[str, Any]

    @property
    def speaker(self) -> str | None:
        return self.quote.get("speaker")

    def overlap(self, start: int, end: int) -> int:
        return max(0, min(self.end, end) - max(self.start, start))


@dataclass(frozen=True, slots=True)
class QuoteDiagnostic:
    """One quote that cost points: where it is, its kind, text and speaker(s)."""

    article_id: str
    kind: str | None
    start: int
    end: int
    text: str
    speaker: str | None
    predicted_speaker: str | None = None


@dataclass(frozen=True, slots=True)
class GoldJudgement:
    """A gold quote: was it found, and with the right speaker?"""

    kind: str | None
    found: bool
    attributed: bool
    diagnostic: QuoteDiagnostic


@dataclass(frozen=True, slots=True)
class PredictedJudgement:
    """A predicted quote, in the kind of the gold quote it overlaps most."""

    kind: str | None
    right: bool
    attributed: bool
    diagnostic: QuoteDiagnostic


@dataclass(frozen=True, slots=True)
class QuoteBucketScores:
    span: Prf
    attributed: Prf

    def to_dict(self) -> dict[str, dict[str, float | int]]:
        return {"span": self.span.to_dict(), "attributed": self.attributed.to_dict()}


@dataclass(slots=True)
class QuoteScores:
    """Scores per bucket (direct = direct+mixed, indirect, all) and what went wrong."""

    buckets: dict[str, QuoteBucketScores]
    articles: int
    missing_predictions: list[str]
    misses: list[QuoteDiagnostic] = field(default_factory=list)
    false_alarms: list[QuoteDiagnostic] = field(default_factory=list)
    wrong_speakers: list[QuoteDiagnostic] = field(default_factory=list)

    def to_dict(self, diagnostics: bool = False) -> dict[str, Any]:
        """The reference scorer's JSON shape; with ``diagnostics`` the lists too."""
        out: dict[str, Any] = {label: b.to_dict() for label, b in self.buckets.items()}
        out["articles"] = self.articles
        out["missing_predictions"] = list(self.missing_predictions)
        if diagnostics:
            out["misses"] = [asdict(d) for d in self.misses]
            out["false_alarms"] = [asdict(d) for d in self.false_alarms]
            out["wrong_speakers"] = [asdict(d) for d in self.wrong_speakers]
        return out


def locate_quote(text: str, quote: Mapping[str, Any]) -> tuple[int, int] | None:
    """The quote's own offsets when they agree with its text, else where its text occurs."""
    quote_text = quote.get("text") or ""
    start, end = quote.get("start"), quote.get("end")
    usable = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if usable and (not quote_text or text[start:end] == quote_text):
        return start, end
    if quote_text:
        at = text.find(quote_text)
        if at >= 0:
            return at, at + len(quote_text)
    return None


def locate_quotes(text: str, quotes: Iterable[Mapping[str, Any]]) -> list[LocatedQuote]:
    """Quotes that can be placed in ``text``; the others are left out of the score."""
    located = []
    for quote in quotes:
        span = locate_quote(text, quote)
        if span is not None:
            located.append(LocatedQuote(span[0], span[1], quote))
    return located


def most_overlapping(item: LocatedQuote, others: list[LocatedQuote]) -> LocatedQuote | None:
    """The first of ``others`` sharing the most characters with ``item``, or None if none do."""
    best, best_overlap = None, 0
    for other in others:
        overlap = other.overlap(item.start, item.end)
        if overlap > best_overlap:
            best, best_overlap = other, overlap
    return best


def dominant_speaker(target: LocatedQuote, predicted: list[LocatedQuote]) -> tuple[int, str | None]:
    """Characters of ``target`` covered by predictions, and the speaker covering most.

    Overlapping predictions count twice; on a tie the speaker seen first wins;
    an empty speaker counts as unknown (None).
    """
    by_speaker: dict[str, int] = {}
    covered = 0
    for quote in predicted:
        overlap = quote.overlap(target.start, target.end)
        if overlap:
            covered += overlap
            key = quote.speaker or ""
            by_speaker[key] = by_speaker.get(key, 0) + overlap
    top: str | None = None
    top_chars = 0
    for speaker, chars in by_speaker.items():
        if chars > top_chars:
            top, top_chars = speaker, chars
    return covered, top or None


def _diagnostic(
    article_id: str,
    text: str,
    item: LocatedQuote,
    kind: str | None,
    speaker: str | None,
    predicted_speaker: str | None = None,
) -> QuoteDiagnostic:
    return QuoteDiagnostic(
        article_id, kind, item.start, item.end, text[item.start : item.end], speaker,
        predicted_speaker,
    )  # fmt: skip


def judge_gold(
    article_id: str, text: str, gold: list[LocatedQuote], predicted: list[LocatedQuote]
) -> list[GoldJudgement]:
    judgements = []
    for item in gold:
        kind = item.quote.get("kind", DEFAULT_KIND)
        covered, top = dominant_speaker(item, predicted)
        found = covered >= 0.5 * (item.end - item.start)
        attributed = found and speakers_agree(item.speaker, top)
        shown = top if found else None
        diagnostic = _diagnostic(article_id, text, item, kind, item.speaker, shown)
        judgements.append(GoldJudgement(kind, found, attributed, diagnostic))
    return judgements


def judge_predicted(
    article_id: str, text: str, gold: list[LocatedQuote], predicted: list[LocatedQuote]
) -> list[PredictedJudgement]:
    judgements = []
    for item in predicted:
        best = most_overlapping(item, gold)
        own_kind = item.quote.get("kind", DEFAULT_KIND)
        kind = best.quote.get("kind", own_kind) if best is not None else own_kind
        inside = sum(g.overlap(item.start, item.end) for g in gold)
        right = inside >= 0.5 * (item.end - item.start)
        attributed = right and best is not None and speakers_agree(best.speaker, item.speaker)
        diagnostic = _diagnostic(article_id, text, item, kind, item.speaker)
        judgements.append(PredictedJudgement(kind, right, attributed, diagnostic))
    return judgements


def _bucket_scores(
    kinds: tuple[str, ...], gold: list[GoldJudgement], predicted: list[PredictedJudgement]
) -> QuoteBucketScores:
    gold_in = [j for j in gold if j.kind in kinds]
    pred_in = [j for j in predicted if j.kind in kinds]
    right = sum(j.right for j in pred_in)
    right_attr = sum(j.attributed for j in pred_in)
    found = sum(j.found for j in gold_in)
    found_attr = sum(j.attributed for j in gold_in)
    return QuoteBucketScores(
        span=precision_recall_f1(right, len(pred_in), found, len(gold_in)),
        attributed=precision_recall_f1(right_attr, len(pred_in), found_attr, len(gold_in)),
    )


def score_quotes(
    gold: Mapping[str, Mapping[str, Any]], pred: Mapping[str, Mapping[str, Any]]
) -> QuoteScores:
    """Score predicted quotes against gold, article by article (joined on id).

    Predicted quotes are placed in the gold article's text; predictions for ids
    not in ``gold`` are ignored.
    """
    gold_judged: list[GoldJudgement] = []
    pred_judged: list[PredictedJudgement] = []
    for article_id, gold_record in gold.items():
        text = gold_record["text"]
        gold_quotes = locate_quotes(text, gold_record.get("quotes", []))
        pred_quotes = locate_quotes(text, pred.get(article_id, {}).get("quotes") or [])
        gold_judged += judge_gold(article_id, text, gold_quotes, pred_quotes)
        pred_judged += judge_predicted(article_id, text, gold_quotes, pred_quotes)
    scored = QUOTE_BUCKETS["all"]
    return QuoteScores(
        buckets={
            label: _bucket_scores(kinds, gold_judged, pred_judged)
            for label, kinds in QUOTE_BUCKETS.items()
        },
        articles=len(gold),
        missing_predictions=sorted(a for a in gold if a not in pred),
        misses=[j.diagnostic for j in gold_judged if j.kind in scored and not j.found],
        false_alarms=[j.diagnostic for j in pred_judged if j.kind in scored and not j.right],
        wrong_speakers=[
            j.diagnostic for j in gold_judged if j.kind in scored and j.found and not j.attributed
        ],
    )
