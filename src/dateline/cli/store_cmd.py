"""Commands over the store: ingest, quotes, events, search, stats."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from dateline.cli import common
from dateline.errors import DatelineError
from dateline.runner.summary import IngestProgress

OutputOption = Annotated[str, typer.Option("--output-format", "--as", help="table, json or csv.")]
SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")]
LimitOption = Annotated[int, typer.Option(help="At most this many rows.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (same as --as json).")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV (same as --as csv).")]


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from dateline.store.open import open_store

    target = common.store_location(db)
    try:
        return open_store(target)
    except DatelineError as e:
        common.fail(str(e))


def print_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Rows as a rich table, JSON (a list) or CSV on standard output."""
    if fmt == "json":
        typer.echo(json.dumps(list(rows), ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        cols = list(rows[0].keys()) if rows else list(columns)
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
        return
    if fmt != "table":
        common.fail(f"output format must be table, json or csv, not {fmt!r}")
    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
    Console().print(table)
    typer.echo(f"{len(rows)} rows")


def _fmt(fmt: str, as_json: bool, as_csv: bool) -> str:
    return "json" if as_json else "csv" if as_csv else fmt


def _day(value: str | None, option: str) -> dt.date | None:
    """A ``--since``/``--until`` value as a day (a usage error when it is not one)."""
    if value is None:
        return None
    return dt.date.fromisoformat(common.check_iso_date(value, option))


def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .html .jsonl .jsonl.gz .warc .warc.gz .rss .atom .xml), "
            "directories (recursive), globs, or - for standard input.",
            metavar="SOURCE",
        ),
    ],
    db: common.DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes that run the NLP (one writer); with --engine dask and no "
            "--scheduler, the size of the local Dask cluster. Default 1 (local), 2 (dask)."
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="Where the NLP runs: local (processes) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)."
        ),
    ] = None,
    cluster_threshold: Annotated[
        float | None,
        typer.Option(
            help="Story clusters: estimated Jaccard similarity (0-1] of two cleaned texts "
            "at or above which they are one story (default 0.5). Exact duplicates are "
            "caught by content hash before this."
        ),
    ] = None,
    max_chars: Annotated[
        int | None, typer.Option(help="Refuse (quarantine) inputs longer than this.")
    ] = None,
    fields: Annotated[
        str | None,
        typer.Option(help="JSON Lines field names, e.g. 'text=body,id=uid,published=date'."),
    ] = None,
    languages: Annotated[
        str, typer.Option(help="Comma-separated languages to process; others are skipped.")
    ] = "en",
    config: common.ConfigOption = None,
    stages: common.StagesOption = None,
) -> None:
    """Run the pipeline over SOURCES and store the records.

    Idempotent (the same article twice is stored once and counted as a duplicate)
    and resumable (after an interruption the same command continues where it
    stopped). Bad inputs go to the quarantine table and are counted.
    Exit codes: 0 all stored, 1 some inputs quarantined, 2 usage or configuration error.
    """
    from dateline.ingest.items import JsonFields, ReadOptions
    from dateline.runner.local import cluster_options, run_ingest

    settings = common.load(config, max_chars=max_chars, db=db)
    try:
        options = ReadOptions(
            fields=JsonFields.parse(fields) if fields else JsonFields(),
            max_chars=settings.max_chars,
            languages=tuple(x.strip() for x in languages.split(",") if x.strip()),
        )
    except ValueError as e:
        common.fail(str(e))
    names = common.stage_names(stages)
    err = Console(stderr=True)
    try:
        with progress_reporter(err) as progress:
            summary = run_ingest(
                sources,
                db=settings.db,
                workers=workers,
                settings=settings,
                progress=progress,
                options=options,
                stages=names,
                engine=engine,
                scheduler=scheduler,
                cluster=cluster_options(cluster_threshold),
            )
    except DatelineError as e:
        common.fail(str(e))
    table = Table(title="ingest summary")
    table.add_column("")
    table.add_column("count", justify="right")
    for key in ("read", "processed", "duplicates", "skipped", "quarantined", "quotes", "events"):
        table.add_row(key, str(getattr(summary, key)))
    table.add_row("time", f"{summary.seconds:.1f} s ({summary.rate:.1f} articles/s)")
    err.print(table)
    err.print(f"store: {summary.db}" + (" (resumed an interrupted run)" if summary.resumed else ""))
    raise typer.Exit(code=summary.exit_code)


@contextmanager
def progress_reporter(err: Console) -> Iterator[Callable[[IngestProgress], None]]:
    """A progress callback: a bar with rate and ETA on a terminal, log lines otherwise."""
    if not err.is_terminal:

        def log(p: IngestProgress) -> None:
            err.print(
                f"read {p.read} processed {p.processed} duplicates {p.duplicates} "
                f"quarantined {p.quarantined} ({p.rate:.1f}/s) {p.current}",
                highlight=False,
                soft_wrap=True,
            )

        yield log
        return
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} files"),
        TextColumn("{task.fields[read]} articles · {task.fields[rate]:.1f}/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None, read=0, rate=0.0)

        def show(p: IngestProgress) -> None:
            bar.update(
                task,
                completed=p.files_done,
                total=p.files_total or None,
                read=p.read,
                rate=p.rate,
            )

        yield show


def quotes(
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    search: Annotated[str | None, typer.Option(help="Words in the quotation.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    merged: Annotated[
        bool,
        typer.Option(
            "--merged",
            help="One row per quotation reported by several outlets (same speaker, "
            "near-identical words), with how many sources reported it.",
        ),
    ] = False,
    db: common.DbOption = None,
    fmt: OutputOption = "table",
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Quotations in the store: who said what, where (--merged: across outlets)."""
    from dateline.store.query import QuoteFilter, find_quotes, merged_quotes

    f = QuoteFilter(
        speaker=speaker, search=search, since=_day(since, "--since"), until=_day(until, "--until")
    )
    if merged:
        rows = merged_quotes(_open(db), f, limit=limit)
        if fmt != "json" and not as_json:
            # flat columns for tables and CSV; JSON keeps every source with its span
            for r in rows:
                r.pop("sources")
        print_rows(
            rows,
            _fmt(fmt, as_json, as_csv),
            ["first_seen", "speaker", "num_sources", "num_articles", "text", "outlets"],
        )
        return
    rows = find_quotes(_open(db), f, limit=limit)
    print_rows(
        rows, _fmt(fmt, as_json, as_csv), ["published", "speaker", "kind", "text", "article_id"]
    )


def events(
    plover: Annotated[str | None, typer.Option(help="PLOVER event type, e.g. CONSULT.")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code or prefix, e.g. 04.")] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Source side: country (ISO alpha-3) or CAMEO actor code, e.g. RUSGOV."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(help="Target side: country (ISO alpha-3) or CAMEO actor code."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0,
            help="Only events at least this sure (0-1): the share of such events found "
            "right on real news (see the README).",
        ),
    ] = None,
    limit: LimitOption = 50,
    db: common.DbOption = None,
    fmt: OutputOption = "table",
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Events in the store: who did what to whom."""
    from dateline.store.query import EventFilter, find_events

    f = EventFilter(
        plover=plover,
        cameo=cameo,
        source=source,
        target=target,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        min_confidence=min_confidence,
    )
    rows = find_events(_open(db), f, limit=limit)
    print_rows(
        rows,
        _fmt(fmt, as_json, as_csv),
        ["date", "cameo", "plover", "source_code", "target_code", "trigger", "article_id"],
    )


def search(
    text: Annotated[str, typer.Argument(help="Words to find in titles and texts.")],
    limit: LimitOption = 20,
    db: common.DbOption = None,
    fmt: OutputOption = "table",
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Full-text search over the stored articles, newest first."""
    from dateline.store.query import ArticleFilter, find_articles

    rows = find_articles(_open(db), ArticleFilter(search=text), limit=limit)
    print_rows(rows, _fmt(fmt, as_json, as_csv), ["id", "published", "title", "snippet"])


def stats(
    db: common.DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Counts in the store: articles, quotes, events, top speakers and event types."""
    from dateline.store.query import stats as store_stats

    data = store_stats(_open(db))
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        return
    console = Console()
    for key, value in data.items():
        if isinstance(value, list):
            console.print(f"[bold]{key}[/bold]")
            for row in value:
                console.print("  " + "  ".join(str(v) for v in row.values()), highlight=False)
        elif isinstance(value, dict):
            console.print(f"[bold]{key}[/bold]")
            for k, v in value.items():
                console.print(f"  {k:18} {v}", highlight=False)
        else:
            console.print(f"{key:20} {value}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(quotes)
    app.command()(events)
    app.command()(search)
    app.command()(stats)
