"""``dateline export``: records from the store in research formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli import common

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (whole records), csv or parquet (events, quotes and actors tables, "
            "into a folder), gdelt (GDELT 2.0 Events, 61 tab-separated columns), plover "
            "(PLOVER JSON lines).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File (jsonl, gdelt, plover; default: standard output) or folder "
            "(csv, parquet; default: ./export).",
        ),
    ] = None,
    header: Annotated[
        bool, typer.Option(help="gdelt: write the column names as a first line.")
    ] = False,
    per_article: Annotated[
        bool,
        typer.Option(
            "--per-article",
            help="gdelt, plover: one row per event per article, instead of the default "
            "de-duplicated events (one row per event across the articles of a story and "
            "across stories on the same day, with NumMentions, NumSources, NumArticles).",
        ),
    ] = False,
    db: common.DbOption = None,
) -> None:
    """Write the stored records as JSONL, CSV, Parquet, GDELT-layout or PLOVER files.

    GDELT and PLOVER exports hold de-duplicated events unless --per-article is given.
    """
    from dateline.export import write_csv, write_gdelt, write_jsonl, write_parquet, write_plover
    from dateline.store.open import open_store

    if fmt not in FORMATS:
        common.fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    store = open_store(common.store_location(db))
    try:
        records = store.iter_records()
        if fmt in ("csv", "parquet"):
            folder = output or Path("export")
            writer = write_csv if fmt == "csv" else write_parquet
            counts = writer(records, folder)
            for table, n in counts.items():
                typer.echo(f"{folder}/{table}.{fmt}: {n} rows", err=True)
            return
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            if fmt == "jsonl":
                n = write_jsonl(records, out)
            elif not per_article:
                n = _write_dedup(store, fmt, out, header)
            elif fmt == "gdelt":
                n = write_gdelt(records, out, header=header)
            else:
                n = write_plover(records, out)
        finally:
            if output:
                out.close()
        typer.echo(f"{n} {'records' if fmt == 'jsonl' else 'events'} written", err=True)
    finally:
        store.close()


def _write_dedup(store, fmt: str, out, header: bool) -> int:  # type: ignore[no-untyped-def]
    """De-duplicated events of the store, clustered as the store's story clusters say."""
    from dateline.export.dedup import dedup_export_events, write_gdelt_dedup, write_plover_dedup
    from dateline.store.query import story_clusters

    data = dedup_export_events(store.iter_records(), story_clusters(store))
    if fmt == "gdelt":
        return write_gdelt_dedup(data, out, header=header)
    return write_plover_dedup(data, out)
