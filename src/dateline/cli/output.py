"""How the query commands print rows: a rich table, JSON or CSV on standard output.

Every cell of a table is ``rich.text.Text``, never console markup, so article
text such as ``[breaking their friendship]`` or ``[bold]`` prints as written.
Search snippets keep their matched words as a style, not as brackets.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.cli import common
from dateline.store.query.labels import article_label, iso_day

FORMATS = ("table", "json", "csv")

FormatOption = Annotated[
    str,
    typer.Option(
        "--format", "-f", "--output-format", "--as",
        help="table, json or csv (--output-format and --as are old names for it).",
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (same as --format json).")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV (same as --format csv).")]

#: The style of a search snippet's matched words.
MATCH_STYLE = "bold reverse"


def choose(fmt: str, as_json: bool, as_csv: bool) -> str:
    """The output format from ``--format`` and the ``--json`` / ``--csv`` flags."""
    chosen = "json" if as_json else "csv" if as_csv else fmt
    if chosen not in FORMATS:
        common.fail(f"--format must be table, json or csv, not {fmt!r}")
    return chosen


def snippet_text(row: dict[str, Any]) -> Text:
    """A search snippet with its matched words styled."""
    text = Text(row.get("snippet") or "")
    for start, end in row.get("snippet_marks") or ():
        text.stylize(MATCH_STYLE, start, end)
    return text


Cell = Callable[[dict[str, Any]], "Text | str"]

#: Table columns whose cell is not the row's value as text.
CELLS: dict[str, Cell] = {
    "published": lambda r: iso_day(r.get("published")),
    "first_seen": lambda r: iso_day(r.get("first_seen")),
    "date": lambda r: iso_day(r.get("date")),
    "created": lambda r: str(r.get("created") or "")[:19],
    "article": article_label,
    "snippet": snippet_text,
}


def cell(row: dict[str, Any], column: str) -> Text:
    make = CELLS.get(column)
    value = make(row) if make else row.get(column)
    if isinstance(value, Text):
        return value
    return Text("" if value is None else str(value))


def print_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Rows as a rich table (``columns``), JSON (a list, every key) or CSV (every key)."""
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
    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(cell(r, c) for c in columns))
    Console().print(table)
    typer.echo(f"{len(rows)} rows")
