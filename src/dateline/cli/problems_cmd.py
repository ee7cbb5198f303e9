"""``dateline problems``: the inputs ``ingest`` quarantined or skipped, and why."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli import common
from dateline.cli.output import CsvFlag, FormatOption, JsonFlag, choose, print_rows

COLUMNS = ["kind", "source", "position", "reason", "created"]


def problems(
    reason: Annotated[
        str | None, typer.Option(help="Part of the reason, e.g. 'UTF-8' or 'language'.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Part of the input's file name.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="quarantined (could not be read) or skipped (another language)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 100,
    db: common.DbOption = None,
    fmt: FormatOption = "table",
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Inputs that gave no article: quarantined (unreadable, too long, no text) or
    skipped (not a language asked for), with where they are and why, newest first."""
    from dateline.store.query import PROBLEM_KINDS, ProblemFilter, find_problems

    chosen = choose(fmt, as_json, as_csv)
    if kind is not None and kind not in PROBLEM_KINDS:
        common.fail(f"--kind must be quarantined or skipped, not {kind!r}")
    f = ProblemFilter(kind=kind, reason=reason, source=source)
    rows = find_problems(common.open_for_reading(db), f, limit=limit)
    print_rows(rows, chosen, COLUMNS)
