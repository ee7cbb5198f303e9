"""Quote scores on the shared dev set and the worked example (skipped without ../shared)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from _floors import assert_floors
from _news_dev import NEWS, SPLITS, write_split
from _quotes_dev import DEV_QUOTES, EXAMPLE, EXPECTED, SCORER, predict_dev, run_text, score


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


@pytest.mark.parametrize("kind", ["direct", "indirect"])
def test_dev_floor(dev_scores: dict, kind: str) -> None:
    assert_floors(f"quotes_dev_{kind}", dev_scores)


@pytest.mark.skipif(not (NEWS.exists() and SCORER.exists()), reason="../shared/eval not available")
@pytest.mark.parametrize("split", SPLITS)
def test_real_news_floors(split: str, tmp_path: Path) -> None:
    """Whole-split scores only: the check split is never looked at item by item."""
    gold = write_split(split, tmp_path)
    predict_dev(gold, tmp_path / "pred.jsonl")
    assert_floors(f"quotes_news_{split}", score(gold, tmp_path / "pred.jsonl"))


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

