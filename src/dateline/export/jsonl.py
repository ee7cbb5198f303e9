"""JSON Lines: one schema-v1 record per line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from dateline.model import Record


def write_jsonl(records: Iterable[Record], fh: TextIO) -> int:
    """Write each record as one JSON line; return how many were written."""
    n = 0
    for record in records:
        fh.write(record.to_json())
        fh.write("\n")
        n += 1
    return n
