"""``dateline eval``: score the pipeline against gold data."""

from __future__ import annotations

import json
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli import common
from dateline.errors import DatelineError
from dateline.evaluation import evaluate_files, format_report, write_split

eval_app = typer.Typer(
    help="Score the pipeline on gold data: quotes, events, CAMEO suites, HTML extraction.",
    no_args_is_help=True,
)

SHARED_DEV = Path("..") / "shared" / "eval" / "dev"
SHARED_GOLD = SHARED_DEV / "quotes.jsonl"
SHARED_NEWS = SHARED_DEV / "news.jsonl"
SHARED_AEB = Path("..") / "shared" / "peer" / "aeb"


class Split(StrEnum):
    tune = "tune"
    check = "check"
    all = "all"


GoldArg = Annotated[
    Path | None,
    typer.Argument(
        help="Gold JSON Lines (default: ../shared/eval/dev/quotes.jsonl; with --split, "
        "../shared/eval/dev/news.jsonl)."
    ),
]
LimitOption = Annotated[int, typer.Option(help="How many misses and false alarms to list.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")]
SplitOption = Annotated[
    Split | None,
    typer.Option(
        "--split",
        help="Score only gold lines whose split is this (all: every line); prediction runs "
        "on those lines only. With check only aggregate figures are printed, in text and "
        "--json alike: no misses, false alarms, texts or article ids.",
    ),
]


def _gold(path: Path | None, split: Split | None) -> Path:
    gold = path or (SHARED_NEWS if split is not None else SHARED_GOLD)
    if not gold.exists():
        common.fail(f"gold file {gold} not found; pass its path")
    return gold


def _keep_split(gold: Path, split: Split | None, folder: Path) -> Path:
    """The gold lines of ``split`` written to ``folder``; the whole file without a split."""
    if split is None:
        return gold
    kept = folder / "gold.jsonl"
    try:
        write_split(gold, split.value, kept)
    except DatelineError as e:
        common.fail(str(e))
    return kept


def _report_problems(problems: list[str], items: bool) -> None:
    if not items and problems:
        typer.echo(f"dateline: {len(problems)} gold lines could not be read", err=True)
        return
    for p in problems:
        typer.echo(f"dateline: {p}", err=True)


def _predict(
    gold: Path, folder: Path, config: Path | None, stages: str | None, suite: bool,
    items: bool = True,
) -> Path:  # fmt: skip
    """Run extract over the gold file into ``folder``/pred.jsonl."""
    from dateline.extract import extract_records

    pipeline = common.build_pipeline(config, stages)
    pred = folder / "pred.jsonl"
    problems: list[str] = []
    with pred.open("w", encoding="utf-8") as out:
        for rec in extract_records([str(gold)], pipeline, lambda p: problems.append(str(p))):
            d = rec.to_dict()
            if suite:
                d = {"id": rec.id, "events": d["events"]}
                for e in d["events"]:
                    e["source"] = (e.get("source") or {}).get("code")
                    e["target"] = (e.get("target") or {}).get("code")
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    _report_problems(problems, items)
    return pred


def _score(task: str, gold: Path, pred: Path, limit: int, as_json: bool, items: bool) -> None:
    try:
        scores = evaluate_files(task, gold, pred)
    except DatelineError as e:
        common.fail(str(e))
    if as_json:
        typer.echo(json.dumps(scores.to_dict(diagnostics=True, items=items), ensure_ascii=False))
    else:
        typer.echo(format_report(scores, limit=limit, items=items))


def _evaluate_gold(
    task: str, gold: Path | None, split: Split | None, limit: int, as_json: bool,
    config: Path | None, stages: str | None,
) -> None:  # fmt: skip
    """Predict on the kept gold lines and score them; item lists unless --split check."""
    items = split is not Split.check
    with tempfile.TemporaryDirectory(prefix="dateline-eval-") as tmp:
        folder = Path(tmp)
        kept = _keep_split(_gold(gold, split), split, folder)
        pred = _predict(kept, folder, config, stages, suite=False, items=items)
        _score(task, kept, pred, limit, as_json, items)


@eval_app.command("quotes")
def eval_quotes(
    gold: GoldArg = None,
    split: SplitOption = None,
    limit: LimitOption = 15,
    as_json: JsonOption = False,
    config: common.ConfigOption = None,
    stages: common.StagesOption = None,
) -> None:
    """Precision, recall and F1 of quote spans and speakers (direct+mixed, indirect, all).

    Same rules as ../shared/eval/score.py, plus counts of what went wrong by cause (missed
    span, no speaker, wrong speaker, false alarm) and, except with --split check, the
    misses and false alarms themselves.
    """
    _evaluate_gold("quotes", gold, split, limit, as_json, config, stages)


@eval_app.command("events")
def eval_events(
    gold: GoldArg = None,
    split: SplitOption = None,
    limit: LimitOption = 15,
    as_json: JsonOption = False,
    config: common.ConfigOption = None,
    stages: common.StagesOption = None,
) -> None:
    """Event scores per article: PLOVER type with source and target countries, and type alone.

    Also per-type precision/recall/F1, the commonest type confusions and a reliability
    table by confidence (aggregates, printed for every split), and, except with --split
    check, the missed and wrong events themselves.
    """
    _evaluate_gold("events", gold, split, limit, as_json, config, stages)


@eval_app.command("codes")
def eval_codes(
    suite: Annotated[
        Path, typer.Argument(help='Sentence suite: {"id", "text", "expected": [...]} per line.')
    ],
    limit: LimitOption = 15,
    as_json: JsonOption = False,
    config: common.ConfigOption = None,
    stages: common.StagesOption = None,
) -> None:
    """CAMEO root, full-code and code+actors precision/recall on a sentence suite."""
    if not suite.exists():
        common.fail(f"suite file {suite} not found")
    with tempfile.TemporaryDirectory(prefix="dateline-eval-") as tmp:
        pred = _predict(suite, Path(tmp), config, stages, suite=True)
        _score("codes", suite, pred, limit, as_json, items=True)


@eval_app.command("extraction")
def eval_extraction(
    bench: Annotated[
        Path | None,
        typer.Argument(
            help="Benchmark folder with ground-truth.json and html/ (default: ../shared/peer/aeb)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Token F1 of the HTML reader's article text against a benchmark's ground truth."""
    from dateline.ingest.extraction_eval import evaluate_extraction

    folder = bench or SHARED_AEB
    if not (folder / "ground-truth.json").exists():
        common.fail(f"{folder} has no ground-truth.json; pass the benchmark folder")
    result = evaluate_extraction(folder)
    if as_json:
        typer.echo(json.dumps(result))
        return
    for name, m in result.items():
        cells = "  ".join(
            f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in m.items()
        )
        typer.echo(f"{name:12} {cells}")
