"""`dateline eval` as a user runs it: the numbers agree with the shared scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT / ".." / "shared" / "eval" / "score.py"
HOLDOUT = ROOT / "tests" / "gold" / "quotes_holdout.jsonl"
SUITE = ROOT / "tests" / "suites" / "cameo_suite.jsonl"

runner = CliRunner()


def shared_scorer():  # type: ignore[no-untyped-def]
    if not SCORER.exists():
        pytest.skip("../shared is absent")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def first_lines(src: Path, dst: Path, n: int) -> Path:
    lines = [x for x in src.read_text(encoding="utf-8").splitlines() if x.strip()][:n]
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dst


def test_eval_quotes_agrees_with_shared_scorer(tmp_path: Path) -> None:
    score = shared_scorer()
    gold = first_lines(HOLDOUT, tmp_path / "gold.jsonl", 8)
    res = runner.invoke(app, ["eval", "quotes", str(gold), "--json"])
    assert res.exit_code == 0, res.output
    ours = json.loads(res.stdout)
    pred = tmp_path / "pred.jsonl"
    assert runner.invoke(app, ["extract", str(gold), "-o", str(pred)]).exit_code == 0
    theirs = score.score_quotes(score.load(str(gold)), score.load(str(pred)))
    for bucket in ("direct", "indirect", "all"):
        assert ours[bucket]["span"] == theirs[bucket]["span"]
        assert ours[bucket]["attributed"] == theirs[bucket]["attributed"]
    assert ours["all"]["span"]["gold"] > 0


def test_eval_codes_agrees_with_shared_scorer(tmp_path: Path) -> None:
    score = shared_scorer()
    suite = first_lines(SUITE, tmp_path / "suite.jsonl", 30)
    res = runner.invoke(app, ["eval", "codes", str(suite), "--json"])
    assert res.exit_code == 0, res.output
    ours = json.loads(res.stdout)
    pred = tmp_path / "pred.jsonl"
    assert runner.invoke(app, ["extract", str(suite), "-o", str(pred)]).exit_code == 0
    theirs = score.score_codes(score.load(str(suite)), score.load(str(pred)))
    for level in ("root", "code", "code+actors"):
        assert ours[level] == theirs[level]


def test_eval_reports_misses_in_text(tmp_path: Path) -> None:
    text = "The harbour reopened on Monday after repairs. Fishing boats returned at dawn."
    miss = "Fishing boats returned at dawn."
    line = {
        "id": "m-1",
        "text": text,
        "quotes": [
            {
                "kind": "indirect",
                "text": miss,
                "start": text.index(miss),
                "end": text.index(miss) + len(miss),
                "speaker": "Harbour Office",
            }
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "quotes", str(gold)])
    assert res.exit_code == 0
    assert "indirect  span" in res.stdout
    assert "misses" in res.stdout and miss[:30] in res.stdout


def test_eval_missing_gold_is_a_usage_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["eval", "quotes", str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 2
    assert "not found" in res.stderr
