"""``dateline eval``: score the pipeline against gold data."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli import common
from dateline.errors import DatelineError
from dateline.evaluation import evaluate_files, format_report

eval_app = typer.Typer(
    help="Score the pipeline on gold data: quotes, events, CAMEO suites, HTML extraction.",
    no_args_is_help=True,
)

SHARED_GOLD = Path("..") / "shared" / "eval" / "dev" / "quotes.jsonl"
SHARED_AEB = Path("..") / "shared" / "peer" / "aeb"

GoldArg = Annotated[
    Path | None,
    typer.Argument(help="Gold JSON Lines (default: ../shared/eval/dev/quotes.jsonl)."),
]
LimitOption = Annotated[int, typer.Option(help="How many misses and false alarms to list.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")]


def _gold(path: Path | None) -> Path:
    gold = path or SHARED_GOLD
    if not gold.exists():
        common.fail(f"gold file {gold} not found; pass its path")
    return gold


def _predict(gold: Path, config: Path | None, stages: str | None, suite: bool) -> Path:
    """Run extract over the gold file into a temporary JSON Lines file."""
    from dateline.extract import extract_records

    pipeline = common.build_pipeline(config, stages)
    tmp = Path(tempfile.mkdtemp(prefix="dateline-eval-")) / "pred.jsonl"
    problems: list[str] = []
    with tmp.open("w", encoding="utf-8") as out:
        for rec in extract_records([str(gold)], pipeline, lambda p: problems.append(str(p))):
            d = rec.to_dict()
            if suite:
                d = {"id": rec.id, "events": d["events"]}
                for e in d["events"]:
                    e["source"] = (e.get("source") or {}).get("code")
                    e["target"] = (e.get("target") or {}).get("code")
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    for p in problems:
        typer.echo(f"dateline: {p}", err=True)
    return tmp


def _score(task: str, gold: Path, pred: Path, limit: int, as_json: bool) -> None:
    try:
        scores = evaluate_files(task, gold, pred)
    except DatelineError as e:
        common.fail(str(e))
    if as_json:
        typer.echo(json.dumps(scores.to_dict(diagnostics=True), ensure_ascii=False))
    else:
        typer.echo(format_report(scores, limit=limit))


@eval_app.command("quotes")
def eval_quotes(
    gold: GoldArg = None,
    limit: LimitOption = 15,
    as_json: JsonOption = False,
    config: common.ConfigOption = None,
    stages: common.StagesOption = None,
) -> None:
    """Precision, recall and F1 of quote spans and speakers (direct+mixed, indirect, all).

    Same rules as ../shared/eval/score.py, plus the misses and false alarms to learn from.
    """
    g = _gold(gold)
    _score("quotes", g, _predict(g, config, stages, suite=False), limit, as_json)


@eval_app.command("events")
def eval_events(
    gold: GoldArg = None,
    limit: LimitOption = 15,
    as_json: JsonOption = False,
    config: common.ConfigOption = None,
    stages: common.StagesOption = None,
) -> None:
    """Event scores per article: PLOVER type with source and target countries, and type alone."""
    g = _gold(gold)
    _score("events", g, _predict(g, config, stages, suite=False), limit, as_json)


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
    _score("codes", suite, _predict(suite, config, stages, suite=True), limit, as_json)


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
