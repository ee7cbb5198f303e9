"""HTML body extraction quality on the AEB benchmark (read from ../shared when present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _floors import assert_floors
from dateline.ingest.extraction_eval import evaluate_extraction, score

AEB = Path(__file__).parents[1] / ".." / "shared" / "peer" / "aeb"


def test_score_follows_the_metric() -> None:
    gold = "one two three four five six"
    assert score([(gold, gold)])["f1"] == 1.0
    assert score([(gold, "")])["f1"] == 0.0
    half = score([(gold, "one two three four nine ten eleven twelve")])
    assert half["precision"] == pytest.approx(1 / 5) and half["recall"] == pytest.approx(1 / 3)
    # Precision and recall are means over pages, F1 is taken of the means.
    two = score([(gold, gold), (gold, "one two three four")])
    assert two["precision"] == 1.0 and two["recall"] == pytest.approx((1 + 1 / 3) / 2)
    assert two["accuracy"] == 0.5


@pytest.mark.skipif(not (AEB / "ground-truth.json").exists(), reason="AEB benchmark not present")
@pytest.mark.slow  # reads and extracts the 181 benchmark pages twice (~10 s)
def test_reader_beats_trafilatura_alone_on_aeb() -> None:
    result = evaluate_extraction(AEB)
    ours, base = result["dateline"], result["trafilatura"]
    assert ours["pages"] == 181
    assert_floors("extraction", ours)
    assert ours["f1"] > base["f1"]
