"""``dateline stats``: counts in the store, as text, JSON or CSV."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

from dateline.cli import common
from dateline.cli.output import CsvFlag, FormatOption, JsonFlag, choose, print_rows


def stats_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The nested stats as flat ``{section, name, value}`` rows (for CSV)."""
    rows: list[dict[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, list):
            for item in value:
                vals = list(item.values())
                name, rest = (vals[0], vals[1:]) if vals else ("", [])
                rows.append({"section": key, "name": name,
                             "value": rest[0] if len(rest) == 1 else json.dumps(rest)})
        elif isinstance(value, dict):
            for k, v in value.items():
                rows.append({"section": key, "name": k, "value": v})
        else:
            rows.append({"section": "", "name": key, "value": value})
    return rows


def _print_text(data: dict[str, Any]) -> None:
    console = Console(highlight=False)
    for key, value in data.items():
        if isinstance(value, list):
            console.print(Text(key, style="bold"))
            for row in value:
                console.print(Text("  " + "  ".join(str(v) for v in row.values())))
        elif isinstance(value, dict):
            console.print(Text(key, style="bold"))
            for k, v in value.items():
                console.print(Text(f"  {k:18} {v}"))
        else:
            console.print(Text(f"{key:20} {value}"))


def stats(
    db: common.DbOption = None,
    fmt: FormatOption = "table",
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Counts in the store: articles, quotes, events, top speakers and event types."""
    from dateline.store.query import stats as store_stats

    chosen = choose(fmt, as_json, as_csv)
    data = store_stats(common.open_for_reading(db))
    if chosen == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    elif chosen == "csv":
        print_rows(stats_rows(data), "csv", ["section", "name", "value"])
    else:
        _print_text(data)
