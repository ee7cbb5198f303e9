"""`dateline eval` as a user runs it: the numbers agree with the shared scorer."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout; DATELINE_SHARED points elsewhere (e.g. from a git worktree).
SCORER = Path(os.environ.get("DATELINE_SHARED") or ROOT / ".." / "shared") / "eval" / "score.py"
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


# ---------------------------------------------------------------- --split


TUNE_TEXT = (
    'MOSCOW - Russian Foreign Minister Sergey Lavrov said on Monday: "We are ready to talk '
    'to Washington." Russia accused Ukraine of shelling the nuclear plant. Lavrov met '
    "Chinese Foreign Minister Wang Yi in Beijing."
)
CHECK_TEXT = (
    "KYIV - Ukrainian President Volodymyr Zelensky said Russia must leave the occupied "
    "territories. Ukraine asked Germany for more air defence systems."
)


def span(text: str, fragment: str, kind: str, speaker: str | None) -> dict[str, Any]:
    start = text.index(fragment)
    return {"kind": kind, "text": fragment, "start": start, "end": start + len(fragment),
            "speaker": speaker}  # fmt: skip


def event(plover: str, source: str, target: str, optional: bool = False) -> dict[str, Any]:
    return {"plover": plover, "source": source, "source_country": source, "target": target,
            "target_country": target, "negated": False, "optional": optional}  # fmt: skip


def split_lines() -> list[dict[str, Any]]:
    """A tune and a check article (ids and texts the check output must not show)."""
    tune = {"id": "syn-tune-1", "split": "tune", "text": TUNE_TEXT, "quotes": [
        span(TUNE_TEXT, "We are ready to talk to Washington.", "direct", "Sergey Lavrov"),
        span(TUNE_TEXT, "Lavrov met Chinese Foreign Minister Wang Yi", "indirect", "Wang Yi"),
    ], "events": [event("AGREE", "RUS", "USA"), event("ACCUSE", "RUS", "UKR"),
                  event("CONSULT", "RUS", "CHN", optional=True)]}  # fmt: skip
    check = {"id": "syn-check-9", "split": "check", "text": CHECK_TEXT, "quotes": [
        span(CHECK_TEXT, "Russia must leave the occupied territories.", "indirect",
             "Volodymyr Zelensky"),
        span(CHECK_TEXT, "more air defence systems", "indirect", "Dmytro Kuleba"),
    ], "events": [event("REQUEST", "UKR", "DEU"), event("COERCE", "RUS", "UKR")]}  # fmt: skip
    return [tune, check]


def write_gold(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_eval_events_split_agrees_with_shared_scorer(tmp_path: Path) -> None:
    score = shared_scorer()
    gold = write_gold(tmp_path / "gold.jsonl", split_lines())
    res = runner.invoke(app, ["eval", "events", str(gold), "--split", "tune", "--json"])
    assert res.exit_code == 0, res.output
    ours = json.loads(res.stdout)
    tune = write_gold(tmp_path / "tune.jsonl", split_lines()[:1])
    pred = tmp_path / "pred.jsonl"
    assert runner.invoke(app, ["extract", str(tune), "-o", str(pred)]).exit_code == 0
    theirs = score.score_events(score.load(str(tune)), score.load(str(pred)))
    for level in ("plover+actors", "plover"):
        assert ours[level] == theirs[level]
    assert ours["plover+actors"]["gold"] == 2  # the tune article's required events only
    assert {"per_type", "confusions", "reliability", "misses"} <= set(ours)


def test_eval_events_prints_types_confusions_and_reliability(tmp_path: Path) -> None:
    lines = split_lines()
    lines[0]["events"].append(event("AID", "CHN", "RUS"))  # nothing in the text gives it
    gold = write_gold(tmp_path / "gold.jsonl", lines)
    res = runner.invoke(app, ["eval", "events", str(gold), "--split", "tune"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "per PLOVER type" in out and "ACCUSE" in out
    assert "commonest type errors" in out
    assert "reliability" in out and ">=0.9" in out and "<0.5" in out
    assert "syn-tune-1" in out  # item lists are shown for tune
    assert "syn-check-9" not in out


@pytest.mark.parametrize("task", ["quotes", "events"])
def test_eval_split_check_prints_aggregates_only(tmp_path: Path, task: str) -> None:
    gold = write_gold(tmp_path / "gold.jsonl", split_lines())
    for extra in ([], ["--json"]):
        res = runner.invoke(app, ["eval", task, str(gold), "--split", "check", *extra])
        assert res.exit_code == 0, res.output
        shown = res.output
        assert "syn-check-9" not in shown and "syn-tune-1" not in shown
        for word in ("Zelensky", "Kuleba", "occupied", "defence"):
            assert word not in shown
        assert ("P=" in shown) if not extra else ("precision" in shown)
    res = runner.invoke(app, ["eval", task, str(gold), "--split", "check", "--json"])
    data = json.loads(res.stdout)
    assert not {"misses", "false_alarms", "wrong_speakers", "missing_predictions"} & set(data)
    if task == "events":
        assert data["plover+actors"]["gold"] == 2 and data["reliability"]
    else:
        assert data["articles"] == 1 and set(data["causes"]) == {
            "missed_span", "no_speaker", "wrong_speaker", "false_alarm"
        }  # fmt: skip


def test_eval_quotes_prints_misses_by_cause(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold.jsonl", split_lines())
    res = runner.invoke(app, ["eval", "quotes", str(gold), "--split", "tune"])
    assert res.exit_code == 0, res.output
    assert "misses by cause: missed span " in res.stdout
    assert "no speaker" in res.stdout and "false alarm" in res.stdout
    assert "articles: 1" in res.stdout


def test_eval_split_needs_split_fields(tmp_path: Path) -> None:
    lines = [{k: v for k, v in x.items() if k != "split"} for x in split_lines()]
    gold = write_gold(tmp_path / "plain.jsonl", lines)
    res = runner.invoke(app, ["eval", "events", str(gold), "--split", "check"])
    assert res.exit_code == 2
    assert 'no "split" field' in res.stderr
    res = runner.invoke(app, ["eval", "quotes", str(gold), "--split", "all", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["articles"] == 2


def test_eval_split_default_gold_is_news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dev = tmp_path / "shared" / "eval" / "dev"
    write_gold(dev / "news.jsonl", split_lines())
    write_gold(dev / "quotes.jsonl", split_lines()[:1])
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    res = runner.invoke(app, ["eval", "quotes", "--split", "all", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["articles"] == 2
    res = runner.invoke(app, ["eval", "quotes", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["articles"] == 1
