"""Scoring CAMEO codes on sentence suites.

A suite line holds a sentence and its ``expected`` events
(``[{"source": "RUSGOV", "target": "USAGOV", "code": "036"}]``); a prediction
line holds the record's ``events``. Codes are compared as multisets per
sentence at three levels: root (first two digits), full code, and full code
with both actor codes. Predicted negated events are ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from dateline.evaluation.metrics import Prf, precision_recall_f1

CODE_LEVELS = ("root", "code", "code+actors")
CodeTriple = tuple[str, str, str]


def clean_code(code: Any) -> str:
    return str(code or "").strip()


def actor_code(actor: Any) -> str:
    """The CAMEO actor code of an actor given as a string or a dict with ``code``."""
    value = actor.get("code") if isinstance(actor, dict) else actor
    return (value or "").upper()


def code_key(level: str, triple: CodeTriple) -> Any:
    if level == "root":
        return triple[0][:2]
    if level == "code":
        return triple[0]
    return triple


def expected_triples(record: Mapping[str, Any]) -> list[CodeTriple]:
    return [
        (clean_code(e.get("code")), actor_code(e.get("source")), actor_code(e.get("target")))
        for e in record.get("expected", []) or []
    ]


def predicted_triples(record: Mapping[str, Any]) -> list[CodeTriple]:
    return [
        (clean_code(e.get("cameo")), actor_code(e.get("source")), actor_code(e.get("target")))
        for e in record.get("events") or []
        if not e.get("negated")
    ]


@dataclass(slots=True)
class RootBreakdown:
    """Counts for one CAMEO root (e.g. ``"04"``, consult) over the whole suite."""

    root: str
    gold: int = 0
    predicted: int = 0
    root_matched: int = 0
    code_matched: int = 0

    @property
    def root_scores(self) -> Prf:
        return precision_recall_f1(self.root_matched, self.predicted, self.root_matched, self.gold)

    @property
    def code_scores(self) -> Prf:
        return precision_recall_f1(self.code_matched, self.predicted, self.code_matched, self.gold)


@dataclass(frozen=True, slots=True)
class CodeDiagnostic:
    """An expected event not predicted, or a predicted one not expected (code+actors level)."""

    sentence_id: str
    code: str
    source: str
    target: str


@dataclass(slots=True)
class CodeScores:
    levels: dict[str, Prf]
    sentences: int
    roots: dict[str, RootBreakdown] = field(default_factory=dict)
    misses: list[CodeDiagnostic] = field(default_factory=list)
    false_alarms: list[CodeDiagnostic] = field(default_factory=list)

    def to_dict(self, diagnostics: bool = False, items: bool = True) -> dict[str, Any]:
        """The reference scorer's JSON shape; with ``diagnostics`` the breakdown, and the
        lists unless ``items`` is false."""
        out: dict[str, Any] = {label: prf.to_dict() for label, prf in self.levels.items()}
        out["sentences"] = self.sentences
        if diagnostics:
            out["roots"] = {
                root: {**asdict(b), "root_scores": b.root_scores.to_dict(),
                       "code_scores": b.code_scores.to_dict()}
                for root, b in sorted(self.roots.items())
            }  # fmt: skip
        if diagnostics and items:
            out["misses"] = [asdict(d) for d in self.misses]
            out["false_alarms"] = [asdict(d) for d in self.false_alarms]
        return out


def _keyed(level: str, triples: Iterable[CodeTriple]) -> Counter[Any]:
    return Counter(code_key(level, t) for t in triples)


def _add_to_roots(
    roots: dict[str, RootBreakdown], expected: list[CodeTriple], got: list[CodeTriple]
) -> None:
    def entry(root: str) -> RootBreakdown:
        return roots.setdefault(root, RootBreakdown(root))

    for code, _, _ in expected:
        entry(code[:2]).gold += 1
    for code, _, _ in got:
        entry(code[:2]).predicted += 1
    for root, n in (_keyed("root", expected) & _keyed("root", got)).items():
        entry(root).root_matched += n
    for code, n in (_keyed("code", expected) & _keyed("code", got)).items():
        entry(code[:2]).code_matched += n


def _diagnostics(sentence_id: str, triples: Counter[CodeTriple]) -> list[CodeDiagnostic]:
    return [CodeDiagnostic(sentence_id, *t) for t in sorted(triples.elements())]


def score_codes(
    gold: Mapping[str, Mapping[str, Any]], pred: Mapping[str, Mapping[str, Any]]
) -> CodeScores:
    """Score predicted CAMEO codes against a sentence suite, sentence by sentence."""
    counts = {level: [0, 0, 0] for level in CODE_LEVELS}  # predicted, gold, matched
    scores = CodeScores(levels={}, sentences=len(gold))
    for sentence_id, record in gold.items():
        expected = expected_triples(record)
        got = predicted_triples(pred.get(sentence_id, {}))
        for level in CODE_LEVELS:
            wanted, guessed = _keyed(level, expected), _keyed(level, got)
            counts[level][0] += guessed.total()
            counts[level][1] += wanted.total()
            counts[level][2] += (wanted & guessed).total()
        _add_to_roots(scores.roots, expected, got)
        wanted, guessed = _keyed("code+actors", expected), _keyed("code+actors", got)
        scores.misses += _diagnostics(sentence_id, wanted - guessed)
        scores.false_alarms += _diagnostics(sentence_id, guessed - wanted)
    for level, (predicted, gold_n, matched) in counts.items():
        scores.levels[level] = precision_recall_f1(matched, predicted, matched, gold_n)
    return scores
