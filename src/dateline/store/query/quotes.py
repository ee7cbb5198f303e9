"""Quotes: filtered and paginated, newest article first; merged across outlets."""

from __future__ import annotations

from datetime import date
from typing import Any

from dateline.store.base import Store
from dateline.store.query.counting import kept_total, total
from dateline.store.query.filters import Page, QuoteFilter, day
from dateline.store.query.stories import story_clusters
from dateline.store.query.where import QUOTES_FROM, contains, like_escape, quote_where

QUOTE_COLUMNS = (
    "SELECT a.id AS article_id, a.title, a.url, a.published, a.source, q.idx, q.kind,"
    ' q.speaker, q.speaker_id, q.speaker_code, q.text, q.start_char AS start,'
    ' q.end_char AS "end", q.cue'
)


def find_quotes(
    store: Store,
    f: QuoteFilter,
    limit: int = 100,
    offset: int = 0,
    oldest_first: bool = False,
) -> list[dict[str, Any]]:
    """The quotes ``f`` asks for, newest article first (``oldest_first``: oldest first)."""
    w = quote_where(store, f)
    order = "ASC" if oldest_first else "DESC"
    return store.rows(
        f"{QUOTE_COLUMNS}{QUOTES_FROM}{w.sql()}"
        f" ORDER BY q.published {order}, q.article_pk, q.idx LIMIT ? OFFSET ?",
        [*w.params, int(limit), int(offset)],
    )


def count_quotes(store: Store, f: QuoteFilter) -> int:
    """How many quotes ``f`` asks for (every one counted)."""
    w = quote_where(store, f)
    return int(store.scalar(f"SELECT count(*) FROM quotes q{w.sql()}", w.params) or 0)


def quotes_page(
    store: Store,
    f: QuoteFilter,
    limit: int = 50,
    offset: int = 0,
    oldest_first: bool = False,
) -> Page:
    """A page of ``find_quotes``; the total of a filtered list is counted up to a cap."""
    items = find_quotes(store, f, limit, offset, oldest_first)
    w = quote_where(store, f)
    one = [x for x in (QuoteFilter(speaker=f.speaker), QuoteFilter(exact_speaker=f.exact_speaker),
                       QuoteFilter(outlet=f.outlet)) if x == f and x != QuoteFilter()]
    if store.has_counts() and one:
        # one kept facet says how many: exact, without counting
        if f.speaker:
            n = kept_total(store, "quotes", "speaker", contains(store, "value"),
                           f"%{like_escape(f.speaker)}%")
        elif f.exact_speaker:
            n = kept_total(store, "quotes", "speaker", "value = ?", f.exact_speaker)
        else:
            n = kept_total(store, "quotes", "outlet", "value = ?", f.outlet)
        capped = False
    else:
        n, capped = total(store, "quotes", f" FROM quotes q{w.sql()}", w.params,
                          bool(w.parts), limit, offset)
    return Page(items, n, limit, offset, capped=capped)


def query_quotes(
    store: Store,
    speaker: str | None = None,
    search: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """``find_quotes`` with the filter given as keywords (dates may be ISO strings)."""
    f = QuoteFilter(speaker=speaker, search=search, since=day(since), until=day(until))
    return find_quotes(store, f, limit)


def merged_quotes(
    store: Store, f: QuoteFilter, limit: int = 100, threshold: float = 0.85
) -> list[dict[str, Any]]:
    """Quotations merged across outlets (``cluster.quotes.merge_quotes``), most reported first.

    One row per distinct quotation (same speaker, near-identical words) with how
    many outlets and articles reported it, when it was first and last seen, and
    its sources (article id, outlet, span). The filter applies to the merged
    quotation: ``search`` (the search language) matches when it matches one of
    its reports, and the dates are those of its first report.
    """
    from dateline.cluster.quotes import merge_quotes
    from dateline.model import Record

    clusters = story_clusters(store)
    # Only the quotes of each record are kept, not its texts.
    records = (
        Record(id=r.id, raw_text="", source=r.source, published=r.published, quotes=r.quotes)
        for r in store.iter_records()
        if r.quotes
    )
    found = _found_quotes(store, f.search) if f.search else None
    since = f.since.isoformat() if f.since else None
    until = f.until.isoformat() if f.until else None
    rows: list[dict[str, Any]] = []
    for q in merge_quotes(records, clusters, threshold):
        name = q.speaker or ""
        if f.speaker and f.speaker.casefold() not in name.casefold():
            continue
        if f.exact_speaker and f.exact_speaker != name:
            continue
        if found is not None and not any((r.article_id, r.index) in found for r in q.sources):
            continue
        first = (q.first_seen or "")[:10]
        if (since and (not first or first < since)) or (until and (not first or first > until)):
            continue
        d = q.to_dict()
        d["outlets"] = ", ".join(sorted({s.outlet for s in q.sources if s.outlet}))
        rows.append(d)
        if len(rows) >= limit:
            break
    return rows


def _found_quotes(store: Store, search: str) -> set[tuple[str, int]]:
    """(article id, quote index) of every stored quote the full-text ``search`` finds."""
    w = quote_where(store, QuoteFilter(search=search))
    rows = store.rows(f"SELECT a.id, q.idx{QUOTES_FROM}{w.sql()}", w.params)
    return {(r["id"], int(r["idx"])) for r in rows}
