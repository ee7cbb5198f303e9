"""CSV tables of events, quotes and actors: ``events.csv``, ``quotes.csv``, ``actors.csv``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from dateline.export.atomic import open_replacing
from dateline.export.rows import TABLES
from dateline.model import Record


def write_csv(records: Iterable[Record], directory: str | Path) -> dict[str, int]:
    """Stream records into three CSV files in ``directory``; return rows written per table.

    Each file replaces the one before only when the export is complete."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(TABLES, 0)
    with ExitStack() as stack:
        writers = {}
        for name, (columns, _) in TABLES.items():
            fh = stack.enter_context(open_replacing(out / f"{name}.csv", newline=""))
            w = csv.DictWriter(fh, fieldnames=list(columns))
            w.writeheader()
            writers[name] = w
        for record in records:
            for name, (_, rows_of) in TABLES.items():
                rows = rows_of(record)
                writers[name].writerows(rows)
                counts[name] += len(rows)
    return counts
