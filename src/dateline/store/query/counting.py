"""Totals for list pages that stay cheap however large the store grows.

An unfiltered list's total is read from ``facet_counts`` (kept on write, see
``dateline.store.aggregates``). A filtered list is counted only up to a cap: past
``COUNT_CAP`` rows (or the end of the page asked for, if later) the page says
"at least this many" (``Page.capped``) instead of visiting every matching row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.store.base import Store

#: Count a filtered list up to this many rows; pages show "10,000+" past it.
COUNT_CAP = 10_000


def capped_count(
    store: Store,
    from_where: str,
    params: Sequence[Any],
    limit: int = 0,
    offset: int = 0,
    cap: int = COUNT_CAP,
) -> tuple[int, bool]:
    """(rows of ``SELECT 1 {from_where}``, counted up to ``cap`` or the page's end; whether
    there are more)."""
    upto = max(cap, offset + limit)
    n = int(
        store.scalar(
            f"SELECT count(*) FROM (SELECT 1 AS one{from_where} LIMIT ?) c",
            [*params, upto + 1],
        )
        or 0
    )
    return (upto, True) if n > upto else (n, False)


def kept_total(store: Store, subject: str, facet: str, condition: str, value: Any) -> int:
    """Rows of ``subject`` whose ``facet`` value meets ``condition`` (SQL on ``value``,
    one parameter), summed from the kept counts: exact, and as cheap at any size."""
    return int(
        store.scalar(
            "SELECT coalesce(sum(n), 0) FROM facet_counts"
            f" WHERE subject = ? AND facet = ? AND {condition}",
            [subject, facet, value],
        )
        or 0
    )


def total(
    store: Store,
    table: str,
    from_where: str,
    params: Sequence[Any],
    filtered: bool,
    limit: int = 0,
    offset: int = 0,
) -> tuple[int, bool]:
    """The list's total: exact from the kept counts when unfiltered, else capped."""
    if not filtered and store.has_counts():
        return store.count(table), False
    return capped_count(store, from_where, params, limit, offset)
