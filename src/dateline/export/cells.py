"""Cells of CSV tables that spreadsheets open as text, never as formulas.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (CSV injection); a
leading apostrophe makes them show it as text. Only text is guarded: numbers
(a negative count, a confidence) stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with an apostrophe before text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """One CSV cell: lists joined with ``"; "``, ``None`` empty, booleans ``true``/``false``,
    text guarded (``spreadsheet_safe``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | set):
        return spreadsheet_safe("; ".join(str(v) for v in value))
    if isinstance(value, Mapping):
        return spreadsheet_safe("; ".join(f"{k}={v}" for k, v in value.items()))
    return spreadsheet_safe(value)


def table_rows(items: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Iterable[list[Any]]:
    """The rows of a CSV table: ``columns`` of each item, as ``cell``s."""
    for it in items:
        yield [cell(it.get(c)) for c in columns]
