"""The column names of a GDELT 2.0 Events row, in order (``data/gdelt_columns.txt``)."""

from __future__ import annotations

from functools import lru_cache

from dateline.codes._resources import read_data_text

GDELT_COLUMN_COUNT = 61


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[str, ...]:
    """The 61 GDELT 2.0 Events column names."""
    cols = tuple(line.strip() for line in read_data_text("gdelt_columns.txt").splitlines())
    cols = tuple(c for c in cols if c)
    if len(cols) != GDELT_COLUMN_COUNT:
        raise ValueError(f"gdelt_columns.txt has {len(cols)} names, expected 61")
    return cols
