"""Commands over the store: ingest, quotes, events, search, stats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from dateline.cli import common, stats_cmd
from dateline.cli.output import CsvFlag, FormatOption, JsonFlag, choose, print_rows
from dateline.errors import DatelineError, SearchSyntaxError
from dateline.runner.summary import IngestProgress

SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")]
LimitOption = Annotated[int, typer.Option(help="At most this many rows.")]


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
    date: common.DateOption = None,
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

    settings = common.dated(common.load(config, max_chars=max_chars, db=db), date)
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
    err.print(Text(f"store: {summary.db}"
                   + (" (resumed an interrupted run)" if summary.resumed else "")))
    raise typer.Exit(code=summary.exit_code)


@contextmanager
def progress_reporter(err: Console) -> Iterator[Callable[[IngestProgress], None]]:
    """A progress callback: a bar with rate and ETA on a terminal, log lines otherwise."""
    if not err.is_terminal:

        def log(p: IngestProgress) -> None:
            err.print(
                Text(f"read {p.read} processed {p.processed} duplicates {p.duplicates} "
                     f"quarantined {p.quarantined} ({p.rate:.1f}/s) {p.current}"),
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
    search: Annotated[
        str | None,
        typer.Option(
            help="Words in the quotation, in the search language of dateline search "
            '(stemmed words, "phrases", OR, NOT or -word, prefix*).'
        ),
    ] = None,
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
    fmt: FormatOption = "table",
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Quotations in the store: who said what, where (--merged: across outlets)."""
    from dateline.store.query import QuoteFilter, find_quotes, merged_quotes

    f = QuoteFilter(
        speaker=speaker, search=search, since=_day(since, "--since"), until=_day(until, "--until")
    )
    chosen = choose(fmt, as_json, as_csv)
    store = common.open_for_reading(db)
    try:
        rows = (merged_quotes if merged else find_quotes)(store, f, limit=limit)
    except SearchSyntaxError as e:
        common.fail(e.message)
    if merged:
        if chosen != "json":
            # flat columns for tables and CSV; JSON keeps every source with its span
            for r in rows:
                r.pop("sources")
        print_rows(
            rows,
            chosen,
            ["first_seen", "speaker", "num_sources", "num_articles", "text", "outlets"],
        )
        return
    print_rows(rows, chosen, ["published", "speaker", "kind", "text", "article"])


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
    fmt: FormatOption = "table",
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
    rows = find_events(common.open_for_reading(db), f, limit=limit)
    print_rows(
        rows,
        choose(fmt, as_json, as_csv),
        ["date", "cameo", "plover", "source_code", "target_code", "trigger", "article"],
    )


def search(
    text: Annotated[
        str, typer.Argument(help="What to find in titles and texts, in the search language.")
    ],
    limit: LimitOption = 20,
    db: common.DbOption = None,
    fmt: FormatOption = "table",
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Full-text search over the stored articles, newest first.

    The search language (the same for quotes --search and the web): words are
    stemmed and all must be there (extradition finds extradited); "a quoted
    phrase" has its words together, in order; OR between alternatives (a b OR c
    is (a b) OR c); NOT word or -word excludes; word* finds words that start so
    (the prefix is stemmed like a word: negotiate* finds negotiators). Only
    upper-case OR, AND and NOT are operators. Put -- before a search that starts
    with -. A search that cannot mean anything (an unclosed quote, a lone OR,
    only excluded words) is exit 2.
    """
    from dateline.store.query import ArticleFilter, find_articles

    store = common.open_for_reading(db)
    try:
        rows = find_articles(store, ArticleFilter(search=text), limit=limit)
    except SearchSyntaxError as e:
        common.fail(e.message)
    print_rows(rows, choose(fmt, as_json, as_csv), ["published", "article", "snippet"])


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(quotes)
    app.command()(events)
    app.command()(search)
    app.command()(stats_cmd.stats)
