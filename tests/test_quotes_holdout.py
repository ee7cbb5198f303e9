"""Quote scores on the project's own held-out gold (tests/gold/quotes_holdout.jsonl).

The holdout is 48 short news articles (247 quotations) written for the project
(fictional people, real countries) in the gold format of ../shared/eval/README.md:
wire copy with datelines, VOA-style copy with captions and "Read also" lines,
machine-translated copy (dash quotes, guillemets, „…“, cues left inside the marks),
organisations and unnamed sources as speakers, scare quotes and titles that are not
quotations. It was written in five batches; each batch was scored before the general
fixes it prompted, so its later batches measured generality on unseen text. The
floors below guard those fixes; the official scorer is checked to agree when
../shared is present."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from _floors import assert_floors
from _quotes_dev import SCORER, predict_dev
from dateline.evaluation.quotes import score_quotes

HOLDOUT = Path(__file__).parent / "gold" / "quotes_holdout.jsonl"

KINDS = {"direct", "mixed", "indirect"}
SPEAKER_TYPES = {"person", "organisation", "unknown"}


def _gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in HOLDOUT.read_text("utf-8").splitlines() if line.strip()]


def test_holdout_gold_is_well_formed() -> None:
    gold = _gold()
    assert len(gold) >= 16
    assert len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        text = g["text"]
        spans = []
        for q in g["quotes"]:
            assert q["kind"] in KINDS, q
            assert q["speaker_type"] in SPEAKER_TYPES, q
            assert text[q["start"] : q["end"]] == q["text"], (g["id"], q["text"])
            assert (q["speaker"] is None) == (q["speaker_type"] == "unknown"), q
            if q["speaker_mention"]:
                assert q["speaker_mention"] in text, (g["id"], q["speaker_mention"])
            spans.append((q["start"], q["end"]))
        spans.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), g["id"]


@pytest.fixture(scope="module")
def holdout_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("holdout") / "pred.jsonl"
    records = predict_dev(HOLDOUT, out)
    for rec in records:
        for q in rec.quotes:
            assert rec.raw_text[q.start : q.end] == q.text
        spans = sorted((q.start, q.end) for q in rec.quotes)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), rec.id
    gold = {g["id"]: g for g in _gold()}
    pred = {}
    for line in out.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            pred[str(d["id"])] = d
    return out, score_quotes(gold, pred).to_dict()


@pytest.mark.parametrize("kind", ["direct", "indirect"])
def test_holdout_floor(holdout_run: tuple[Path, dict[str, Any]], kind: str) -> None:
    _, scores = holdout_run
    assert_floors(f"quotes_holdout_{kind}", scores)


def test_holdout_scores_agree_with_official_scorer(
    holdout_run: tuple[Path, dict[str, Any]],
) -> None:
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not available")
    out, ours = holdout_run
    res = subprocess.run(
        [sys.executable, str(SCORER), "quotes", str(HOLDOUT), str(out), "--json"],
        check=True, capture_output=True, text=True,
    )
    official = json.loads(res.stdout)
    for bucket in ("direct", "indirect", "all"):
        assert ours[bucket] == official[bucket], bucket


def test_scare_quotes_and_titles_are_not_quotations(
    holdout_run: tuple[Path, dict[str, Any]],
) -> None:
    out, _ = holdout_run
    pred = {json.loads(x)["id"]: json.loads(x) for x in out.read_text("utf-8").splitlines() if x}
    terms = ("Guardians of the Sea", "radio probe", "diplomatic freeze", "The Bridge")
    seen = 0
    for g in _gold():
        for term in terms:
            at = g["text"].find(term)
            if at < 0:
                continue
            seen += 1
            for q in pred[g["id"]]["quotes"]:
                assert not q["start"] <= at < q["end"], (g["id"], term, q["text"])
    assert seen == len(terms)
