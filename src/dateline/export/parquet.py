"""Parquet tables (pyarrow) of events, quotes and actors, in row groups as records stream."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from dateline.export.atomic import replacing
from dateline.export.rows import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, TABLES
from dateline.model import Record


def _schema(columns: tuple[str, ...]) -> Any:
    import pyarrow as pa

    def kind(c: str) -> Any:
        if c in INT_COLUMNS:
            return pa.int64()
        if c in BOOL_COLUMNS:
            return pa.bool_()
        if c in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in columns])


def write_parquet(
    records: Iterable[Record], directory: str | Path, batch_rows: int = 10_000
) -> dict[str, int]:
    """Stream records into ``events.parquet``, ``quotes.parquet`` and ``actors.parquet``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(TABLES, 0)
    schemas = {name: _schema(cols) for name, (cols, _) in TABLES.items()}
    buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    with ExitStack() as stack:
        # each file replaces the one before only when the export is complete
        paths = {name: stack.enter_context(replacing(out / f"{name}.parquet")) for name in TABLES}
        writers = {
            name: stack.enter_context(pq.ParquetWriter(paths[name], schemas[name]))
            for name in TABLES
        }

        def flush(name: str) -> None:
            if buffers[name]:
                table = pa.Table.from_pylist(buffers[name], schema=schemas[name])
                writers[name].write_table(table)
                buffers[name] = []

        for record in records:
            for name, (_, rows_of) in TABLES.items():
                rows = rows_of(record)
                buffers[name].extend(rows)
                counts[name] += len(rows)
                if len(buffers[name]) >= batch_rows:
                    flush(name)
        for name in TABLES:
            flush(name)
    return counts
