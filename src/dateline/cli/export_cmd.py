"""``dateline export``: records from the store in research formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli import common
from dateline.errors import DatelineError


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
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0,
            help="Leave out events less sure than this (0-1; see the README on confidence).",
        ),
    ] = None,
    db: common.DbOption = None,
) -> None:
    """Write the stored records as JSONL, CSV, Parquet, GDELT-layout or PLOVER files.

    GDELT and PLOVER exports hold de-duplicated events unless --per-article is given.
    """
    from dateline.export.atomic import open_replacing
    from dateline.export.formats import ExportOptions, export_format
    try:
        chosen = export_format(fmt)
    except DatelineError as e:
        common.fail(str(e))
    options = ExportOptions(header=header, per_article=per_article, min_confidence=min_confidence)
    store = common.open_for_reading(db)
    try:
        if chosen.folder:
            folder = output or Path("export")
            counts = chosen.write(store, folder, options)
            for table, n in counts.items():
                typer.echo(f"{folder}/{table}.{fmt}: {n} rows", err=True)
            return
        if output:
            # written beside the file and renamed over it: a killed export keeps the old one
            try:
                with open_replacing(output) as out:
                    n = chosen.write(store, out, options)
            except OSError as e:
                common.fail(f"cannot write {output}: {e.strerror or e}")
        else:
            n = chosen.write(store, sys.stdout, options)
        line = f"{n} {chosen.unit} written"
        undated = getattr(n, "undated", 0)
        if undated:
            line += f"; {undated} events without a date left out"
        typer.echo(line, err=True)
    finally:
        store.close()
