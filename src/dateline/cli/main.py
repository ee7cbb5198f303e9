"""The ``dateline`` command: thin Typer commands over library functions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dateline import __version__
from dateline.cli import common, export_cmd, problems_cmd, serve_cmd, store_cmd
from dateline.cli.eval_cmd import eval_app
from dateline.extract import Problem, extract_records

app = typer.Typer(
    name="dateline",
    help=(
        "News articles in, checkable records out: the clean story, its dateline, who said "
        "what (quotations with speakers) and who did what to whom (CAMEO/PLOVER events). "
        "Every extracted item carries character offsets into its input."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """dateline: news articles in, checkable records out."""


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Inputs: .txt, .html, .jsonl(.gz) with id/text per line, WARC, RSS/Atom, "
            "directories (recursive), globs, or - for standard input.",
            metavar="PATH",
        ),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="json: one JSON document; jsonl: a record a line.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    date: common.DateOption = None,
    config: common.ConfigOption = None,
    stages: common.StagesOption = None,
) -> None:
    """Run the pipeline over PATHS and write one record per article.

    Records keep the input's id; all offsets point into the input text as read.
    Bad inputs (empty, binary, invalid UTF-8, broken JSON lines, lines without
    text) are reported on stderr as FILE:LINE: REASON; the rest is still
    processed, and the exit code is 1 when anything failed. A PATH that names
    nothing is a usage error (exit 2), before anything runs.
    """
    if fmt not in ("json", "jsonl"):
        common.fail(f"--format must be json or jsonl, not {fmt!r}")
    settings = common.dated(common.load(config), date)
    pipeline = common.build_pipeline(config, stages, settings)
    common.check_inputs(paths)
    problems: list[Problem] = []

    def report(p: Problem) -> None:
        problems.append(p)
        typer.echo(f"dateline: {p}", err=True)

    out = common.open_output(output) if output else sys.stdout
    try:
        records = extract_records(paths, pipeline, report)
        if fmt == "jsonl":
            for rec in records:
                out.write(rec.to_json() + "\n")
                out.flush()
        else:
            items = [rec.to_dict() for rec in records]
            payload = items[0] if len(items) == 1 else items
            import json

            out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    finally:
        if output:
            out.close()
    if problems:
        raise typer.Exit(code=1)


@app.command()
def demo(
    serve: Annotated[bool, typer.Option(help="Serve the result in the web UI afterwards.")] = True,
    db: Annotated[str, typer.Option(help="Store to fill with the samples.")] = "samples.db",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port for the web UI.")] = 8000,
) -> None:
    """The main job on the bundled sample articles: process, summarise, store, serve."""
    from dateline.cli.demo_cmd import run_demo
    from dateline.errors import DatelineError

    settings = common.load(None)
    try:
        run_demo(db=db, serve=serve, port=port, settings=settings)
    except DatelineError as e:
        common.fail(str(e))


store_cmd.register(app)
app.command()(problems_cmd.problems)
app.command()(export_cmd.export)
app.command()(serve_cmd.serve)
app.add_typer(eval_app, name="eval")


def run() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
