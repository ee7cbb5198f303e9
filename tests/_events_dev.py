"""Helpers for the event tests: run the whole pipeline, score the dev gold and sentence suites.

Run as a script to print the measured figures:

    .venv/bin/python tests/_events_dev.py [dev|suite|example]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.config import Settings
from dateline.model import Article, Record
from dateline.pipeline import Pipeline, registered_stages

HERE = Path(__file__).parent
SHARED = Path(__file__).parents[1] / ".." / "shared"
DEV_GOLD = SHARED / "eval" / "dev" / "quotes.jsonl"
SCORER = SHARED / "eval" / "score.py"
EXAMPLE = SHARED / "examples" / "lavrov-vienna.txt"
EXPECTED = SHARED / "examples" / "lavrov-vienna.expected.json"
SUITE = HERE / "suites" / "cameo_suite.jsonl"
#: 60 sentences a helper wrote without seeing the coder's output (see the README).
BLIND = HERE / "suites" / "cameo_blind.jsonl"
#: A second such batch of 60 items, written after the fixes the first one led to.
BLIND2 = HERE / "suites" / "cameo_blind2.jsonl"
#: A third, kept held out: no fix has been made by looking at its items.
BLIND3 = HERE / "suites" / "cameo_blind3.jsonl"
#: A fourth, written to be fixed on while the third stays held out.
BLIND4 = HERE / "suites" / "cameo_blind4.jsonl"

ORDER = ["clean", "dateline", "sentences", "parse", "entities", "quotes", "actors", "events"]
#: Stages the events need; "entities" and "quotes" are used when they exist.
OPTIONAL = {"entities", "quotes"}


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    known = registered_stages()
    names = [n for n in ORDER if n in known or n not in OPTIONAL]
    return Pipeline(Settings(), stages=names)


def run_articles(articles: list[Article]) -> list[Record]:
    return pipeline().process(articles)


def run_text(text: str, art_id: str = "t", **meta: Any) -> Record:
    return run_articles([Article(id=art_id, text=text, **meta)])[0]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def _score(task: str, gold: Path, lines: list[dict[str, Any]]) -> dict[str, Any]:
    """The official scorer's result (run as a program, as users run it).

    Without ../shared, the project's own scorer (tested to give the same numbers).
    """
    if not SCORER.exists():
        from dateline.evaluation import SCORERS, load_jsonl_by_id

        pred_by_id = {str(d["id"]): d for d in lines}
        return SCORERS[task](load_jsonl_by_id(gold), pred_by_id).to_dict()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        for d in lines:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        pred = fh.name
    try:
        res = subprocess.run(
            [sys.executable, str(SCORER), task, str(gold), pred, "--json"],
            check=True, capture_output=True, text=True,
        )
    finally:
        Path(pred).unlink(missing_ok=True)
    return json.loads(res.stdout)


@lru_cache(maxsize=1)
def dev_records() -> list[Record]:
    """Records of the dev gold articles (computed once per process)."""
    gold = read_jsonl(DEV_GOLD)
    return run_articles(
        [Article(id=str(g["id"]), text=g["text"], title=g.get("title")) for g in gold]
    )


def score_dev(records: list[Record] | None = None) -> dict[str, Any]:
    """score.py events on the dev gold: {"plover+actors": {...}, "plover": {...}}."""
    records = dev_records() if records is None else records
    return _score("events", DEV_GOLD, [r.to_dict() for r in records])


def score_news(split: str, directory: Path) -> dict[str, Any]:
    """score.py events on one split of the real-news gold (a whole-split score only)."""
    from _news_dev import split_lines, write_split

    gold = write_split(split, directory)
    lines = split_lines(split)
    records = run_articles(
        [Article(id=str(g["id"]), text=g["text"], title=g.get("title")) for g in lines]
    )
    return _score("events", gold, [r.to_dict() for r in records])


def suite_predictions(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each suite sentence run as an article; its events as the codes scorer reads them."""
    records = run_articles([Article(id=str(i["id"]), text=i["text"]) for i in items])
    return [
        {
            "id": r.id,
            "events": [
                {
                    "cameo": e.cameo,
                    "source": e.source.code,
                    "target": e.target.code if e.target else None,
                    "negated": e.negated,
                }
                for e in r.events
            ],
        }
        for r in records
    ]


def score_suite(path: Path = SUITE) -> dict[str, Any]:
    """score.py codes on a sentence suite: root, code and code+actors P/R/F1."""
    return _score("codes", path, suite_predictions(read_jsonl(path)))


def example_record() -> Record:
    return run_text(EXAMPLE.read_text("utf-8"), art_id="lavrov-vienna")


def _print(res: dict[str, Any]) -> None:
    for k, v in res.items():
        if isinstance(v, dict):
            print(f"{k:13} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("dev", "all"):
        print("dev events:")
        _print(score_dev())
    if what in ("suite", "all"):
        print("suite codes:")
        _print(score_suite())
    if what in ("example", "all"):
        rec = example_record()
        for e in rec.events:
            tgt = e.target.code if e.target else None
            print(e.cameo, e.plover, e.source.code, "->", tgt, "|", e.sentence.text[:80])
