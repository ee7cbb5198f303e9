"""Quote scores on the shared dev set and the worked example (skipped without ../shared)."""

from __future__ import annotations

import itertools
import json

import pytest

from _quotes_dev import DEV_QUOTES, EXAMPLE, EXPECTED, SCORER, predict_dev, run_text, score

# Floors a little below the measured figures (see the report of issue 4).
FLOORS = {
    ("direct", "span"): 0.97,
    ("direct", "attributed"): 0.94,
    ("indirect", "span"): 0.93,
    ("indirect", "attributed"): 0.84,
}


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not DEV_QUOTES.exists() or not SCORER.exists():
        pytest.skip("../shared/eval is not available")
    out = tmp_path_factory.mktemp("quotes") / "pred.jsonl"
    records = predict_dev(DEV_QUOTES, out)
    for rec in records:
        spans = sorted((q.start, q.end) for q in rec.quotes)
        for q in rec.quotes:
            assert rec.raw_text[q.start : q.end] == q.text
        # quotations never overlap one another
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), rec.id
    return score(DEV_QUOTES, out)


@pytest.mark.parametrize(("kind", "measure"), sorted(FLOORS))
def test_dev_floor(dev_scores: dict, kind: str, measure: str) -> None:
    f1 = dev_scores[kind][measure]["f1"]
    assert f1 >= FLOORS[(kind, measure)], dev_scores[kind]


def _covered(span: tuple[int, int], others: list[tuple[int, int]]) -> int:
    s, e = span
    return sum(max(0, min(e, b) - max(s, a)) for a, b in others)


def test_worked_example() -> None:
    if not EXAMPLE.exists() or not EXPECTED.exists():
        pytest.skip("../shared/examples is not available")
    text = EXAMPLE.read_text("utf-8")
    expected = json.loads(EXPECTED.read_text("utf-8"))
    title = expected.get("title")
    rec = run_text(text, title=title, art_id="lavrov")
    gold = []
    for q in expected["quotes"]:
        i = text.find(q["text"])
        assert i >= 0
        gold.append((i, i + len(q["text"])))
    pred = [(q.start, q.end) for q in rec.quotes]
    for g in gold:
        assert _covered(g, pred) >= 0.5 * (g[1] - g[0]), text[g[0] : g[1]]
    for q in rec.quotes:
        assert rec.raw_text[q.start : q.end] == q.text
        assert _covered((q.start, q.end), gold) >= 0.5 * (q.end - q.start), q.text
        assert q.speaker == "Sergey Lavrov", (q.text, q.speaker)

