"""Facets: how many of a list's rows have each value of a column, for the current filters.

A facet value comes with the filter fields that select it (``select``), so a page
can link to the list narrowed to it. Unfiltered lists read their counts from the
table kept on write (``facet_counts``, exact). Filtered lists count the first
``FACET_SAMPLE`` matching rows in the list's own order (an index read): exact
when fewer rows match, else marked ``sampled`` (counts of the newest rows).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateline.store.base import Store
from dateline.store.query.articles import has_clusters
from dateline.store.query.filters import ArticleFilter, EventFilter, QuoteFilter
from dateline.store.query.where import Where, article_where, event_where, quote_where

#: A filtered list's facets count at most this many of its rows (the newest).
FACET_SAMPLE = 2_000
#: Values shown per facet (months: the latest this many).
FACET_TOP = 10


@dataclass(frozen=True, slots=True)
class FacetSpec:
    """One facet of a list: its name, the kept counts it reads when unfiltered, the
    row columns it counts when filtered, and the filter fields that select a value."""

    name: str
    kept: str
    columns: tuple[str, ...]
    select: Callable[[str], dict[str, Any]]
    by_value: bool = False  # list values newest first (months), not most frequent first


def _month_range(value: str) -> dict[str, Any]:
    year, month = int(value[:4]), int(value[5:7])
    last = calendar.monthrange(year, month)[1]
    return {"since": date(year, month, 1), "until": date(year, month, last)}


def _is_month(value: str) -> bool:
    return len(value) == 7 and value[:4].isdigit() and value[4] == "-" and value[5:].isdigit()


EVENT_FACETS = (
    FacetSpec("plover", "plover", ("e.plover",), lambda v: {"plover": v}),
    FacetSpec(
        "country", "country", ("e.source_country", "e.target_country"), lambda v: {"actor": v}
    ),
    FacetSpec("outlet", "outlet", ("e.outlet",), lambda v: {"outlet": v}),
    FacetSpec("month", "month", ("substr(e.sort_date, 1, 7)",), _month_range, by_value=True),
)
QUOTE_FACETS = (
    FacetSpec("speaker", "speaker", ("q.speaker",), lambda v: {"exact_speaker": v}),
    FacetSpec("outlet", "outlet", ("q.outlet",), lambda v: {"outlet": v}),
    FacetSpec("month", "month", ("substr(q.published, 1, 7)",), _month_range, by_value=True),
)
ARTICLE_FACETS = (
    FacetSpec("outlet", "source", ("a.source",), lambda v: {"outlet": v}),
    FacetSpec("month", "month", ("substr(a.published, 1, 7)",), _month_range, by_value=True),
)


def _ranked(counts: Iterable[tuple[str, int]], spec: FacetSpec) -> list[dict[str, Any]]:
    kept = [(v, n) for v, n in counts if v and (not spec.by_value or _is_month(v))]
    if spec.by_value:
        kept.sort(key=lambda x: x[0], reverse=True)
    else:
        kept.sort(key=lambda x: (-x[1], x[0]))
    return [{"value": v, "n": n, "select": spec.select(v)} for v, n in kept[:FACET_TOP]]


def _facets(
    store: Store,
    subject: str,
    specs: tuple[FacetSpec, ...],
    w: Where,
    rows_sql: str,
) -> dict[str, Any]:
    if not w.parts and store.has_counts():
        out = {}
        for spec in specs:
            rows = store.rows(
                "SELECT value, n FROM facet_counts WHERE subject = ? AND facet = ?",
                [subject, spec.kept],
            )
            out[spec.name] = _ranked(((str(r["value"]), int(r["n"])) for r in rows), spec)
        return {"facets": out, "sampled": False, "sample": None}
    cols = [c for spec in specs for c in spec.columns]
    rows = store.execute(
        rows_sql.format(cols=", ".join(cols)), [*w.params, FACET_SAMPLE + 1]
    ).fetchall()
    sampled = len(rows) > FACET_SAMPLE
    rows = rows[:FACET_SAMPLE]
    out = {}
    i = 0
    for spec in specs:
        c: Counter[str] = Counter()
        for row in rows:
            # a row counts once per distinct value (an event between two sides of one country)
            for v in {row[i + k] for k in range(len(spec.columns))}:
                if v is not None:
                    c[str(v)] += 1
        i += len(spec.columns)
        out[spec.name] = _ranked(c.items(), spec)
    return {"facets": out, "sampled": sampled, "sample": FACET_SAMPLE if sampled else None}


def event_facets(store: Store, f: EventFilter) -> dict[str, Any]:
    """PLOVER type, country (either side), outlet and month of the events ``f`` asks for."""
    w = event_where(store, f)
    src = (
        " FROM events e JOIN articles a ON a.pk = e.article_pk"
        if w.joins_article
        else (" FROM events e")
    )
    sql = f"SELECT {{cols}}{src}{w.sql()} ORDER BY e.sort_date DESC, e.article_pk, e.idx LIMIT ?"
    return _facets(store, "events", EVENT_FACETS, w, sql)


def quote_facets(store: Store, f: QuoteFilter) -> dict[str, Any]:
    """Speaker, outlet and month of the quotes ``f`` asks for."""
    w = quote_where(store, f)
    sql = (
        f"SELECT {{cols}} FROM quotes q{w.sql()}"
        " ORDER BY q.published DESC, q.article_pk, q.idx LIMIT ?"
    )
    return _facets(store, "quotes", QUOTE_FACETS, w, sql)


def article_facets(store: Store, f: ArticleFilter) -> dict[str, Any]:
    """Outlet and month of the articles ``f`` asks for."""
    w = article_where(store, f, has_clusters(store))
    sql = f"SELECT {{cols}} FROM articles a{w.sql()} ORDER BY a.published DESC, a.pk DESC LIMIT ?"
    return _facets(store, "articles", ARTICLE_FACETS, w, sql)
