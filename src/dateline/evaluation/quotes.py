"""Scoring quotations by character coverage, with their speakers.

A gold quote is *found* when predicted quotes cover at least half of its
characters; a predicted quote is *right* when at least half of its characters
lie inside gold quotes. So splitting a quotation at an attribution cue, or
merging two around one, costs nothing. *Attributed* also asks for the speaker:
for a gold quote, the speaker of the predicted quote whose span matches it best
(Jaccard); for a predicted quote, the speaker of the gold quote matching it best,
whose kind also decides its bucket. Optional gold quotes (headlines, pull quotes)
are neither required nor penalised: a prediction whose best match is optional and
lies at least half inside it is left out of the count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from dateline.actors.names import scorer_speakers_agree as speakers_agree
from dateline.evaluation.metrics import Prf, precision_recall_f1

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
    """A gold quote: is it required (not optional), was it found, with the right speaker?"""

    kind: str | None
    required: bool
    found: bool
    attributed: bool
    diagnostic: QuoteDiagnostic


@dataclass(frozen=True, slots=True)
class PredictedJudgement:
    """A predicted quote, in the kind of the gold quote it matches best (Jaccard).

    ``excused`` when that gold quote is optional and holds at least half of it:
    such a prediction is left out of the count.
    """

    kind: str | None
    excused: bool
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

    def miss_causes(self) -> dict[str, int]:
        """What cost points, by cause: gold quotes not found (``missed_span``), found with
        a named gold speaker but no predicted one (``no_speaker``), found with another
        speaker (``wrong_speaker``), predicted quotes outside gold (``false_alarm``)."""
        no_speaker = sum(
            1 for d in self.wrong_speakers if d.speaker and d.predicted_speaker is None
        )
        return {
            "missed_span": len(self.misses),
            "no_speaker": no_speaker,
            "wrong_speaker": len(self.wrong_speakers) - no_speaker,
            "false_alarm": len(self.false_alarms),
        }

    def to_dict(self, diagnostics: bool = False, items: bool = True) -> dict[str, Any]:
        """The reference scorer's JSON shape; with ``diagnostics`` the counts by cause too,
        and the lists unless ``items`` is false. Without ``items`` no article id is given:
        ``missing_predictions`` becomes ``missing_prediction_count``."""
        out: dict[str, Any] = {label: b.to_dict() for label, b in self.buckets.items()}
        out["articles"] = self.articles
        if items:
            out["missing_predictions"] = list(self.missing_predictions)
        else:
            out["missing_prediction_count"] = len(self.missing_predictions)
        if diagnostics:
            out["causes"] = self.miss_causes()
        if diagnostics and items:
            out["misses"] = [asdict(d) for d in self.misses]
            out["false_alarms"] = [asdict(d) for d in self.false_alarms]
            out["wrong_speakers"] = [asdict(d) for d in self.wrong_speakers]
        return out


def locate_quote(text: str, quote: Mapping[str, Any]) -> tuple[int, int] | None:
    """The quote's own offsets when they agree with its text, else where its text occurs."""
    quote_text = quote.get("text") or ""
    start, end = quote.get("start"), quote.get("end")
    usable = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if usable and isinstance(start, int) and isinstance(end, int) and (
        not quote_text or text[start:end] == quote_text
    ):
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


def jaccard(item: LocatedQuote, start: int, end: int) -> float:
    """Characters shared with ``start``-``end`` over the characters either covers."""
    overlap = item.overlap(start, end)
    return overlap / ((end - start) + (item.end - item.start) - overlap) if overlap else 0.0


def best_match(start: int, end: int, others: list[LocatedQuote]) -> LocatedQuote | None:
    """The first of ``others`` whose span matches ``start``-``end`` best (Jaccard), or
    None if none overlaps it; a quote nested in another so meets its own match."""
    best, best_score = None, 0.0
    for other in others:
        score = jaccard(other, start, end)
        if score > best_score:
            best, best_score = other, score
    return best


def covered_chars(start: int, end: int, others: list[LocatedQuote]) -> int:
    """Characters of ``start``-``end`` covered by ``others`` (overlaps count twice)."""
    return sum(other.overlap(start, end) for other in others)


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
    """Each gold quote: found when predictions cover half of it; attributed when the
    prediction matching it best also names its speaker."""
    judgements = []
    for item in gold:
        kind = item.quote.get("kind", DEFAULT_KIND)
        found = covered_chars(item.start, item.end, predicted) >= 0.5 * (item.end - item.start)
        top = best_match(item.start, item.end, predicted)
        top_speaker = (top.speaker or None) if top is not None else None
        attributed = found and speakers_agree(item.speaker, top_speaker)
        shown = top_speaker if found else None
        diagnostic = _diagnostic(article_id, text, item, kind, item.speaker, shown)
        required = not item.quote.get("optional")
        judgements.append(GoldJudgement(kind, required, found, attributed, diagnostic))
    return judgements


def judge_predicted(
    article_id: str, text: str, gold: list[LocatedQuote], predicted: list[LocatedQuote]
) -> list[PredictedJudgement]:
    """Each predicted quote: right when half of it lies in gold quotes; attributed when
    the gold quote matching it best has its speaker."""
    judgements = []
    for item in predicted:
        length = item.end - item.start
        best = best_match(item.start, item.end, gold)
        own_kind = item.quote.get("kind", DEFAULT_KIND)
        kind = best.quote.get("kind", own_kind) if best is not None else own_kind
        excused = (
            best is not None
            and bool(best.quote.get("optional"))
            and best.overlap(item.start, item.end) >= 0.5 * length
        )
        right = covered_chars(item.start, item.end, gold) >= 0.5 * length
        attributed = right and best is not None and speakers_agree(best.speaker, item.speaker)
        diagnostic = _diagnostic(article_id, text, item, kind, item.speaker)
        judgements.append(PredictedJudgement(kind, excused, right, attributed, diagnostic))
    return judgements


def _bucket_scores(
    kinds: tuple[str, ...], gold: list[GoldJudgement], predicted: list[PredictedJudgement]
) -> QuoteBucketScores:
    gold_in = [j for j in gold if j.kind in kinds and j.required]
    pred_in = [j for j in predicted if j.kind in kinds and not j.excused]
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
    required = [j for j in gold_judged if j.kind in scored and j.required]
    counted = [j for j in pred_judged if j.kind in scored and not j.excused]
    return QuoteScores(
        buckets={
            label: _bucket_scores(kinds, gold_judged, pred_judged)
            for label, kinds in QUOTE_BUCKETS.items()
        },
        articles=len(gold),
        missing_predictions=sorted(a for a in gold if a not in pred),
        misses=[j.diagnostic for j in required if not j.found],
        false_alarms=[j.diagnostic for j in counted if not j.right],
        wrong_speakers=[j.diagnostic for j in required if j.found and not j.attributed],
    )
