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


def day_of(value: Any) -> str:
    """A stored date or timestamp as its ISO day (``YYYY-MM-DD``); empty when unknown."""
    return str(value)[:10] if value else ""


def article_label(row: dict[str, Any]) -> str:
    """What a reader knows an article by: its title, else its site and date, else its id."""
    title = (row.get("title") or "").strip()
    if title:
        return title
    site = (row.get("source") or "").strip()
    when = day_of(row.get("published"))
    return " · ".join(x for x in (site, when) if x) or str(row.get("article_id") or row.get("id"))


def snippet_text(row: dict[str, Any]) -> Text:
    """A search snippet with its matched words styled."""
    text = Text(row.get("snippet") or "")
    for start, end in row.get("snippet_marks") or ():
        text.stylize(MATCH_STYLE, start, end)
    return text


Cell = Callable[[dict[str, Any]], "Text | str"]

#: Table columns whose cell is not the row's value as text.
CELLS: dict[str, Cell] = {
    "published": lambda r: day_of(r.get("published")),
    "first_seen": lambda r: day_of(r.get("first_seen")),
    "date": lambda r: day_of(r.get("date")),
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
