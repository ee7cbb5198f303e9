"""Events: filtered and paginated, newest first (their own date, else the article's)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dateline.store.aggregates import DAY_PLOVER
from dateline.store.base import Store
from dateline.store.query.counting import kept_total, total
from dateline.store.query.filters import EventFilter, Page, day
from dateline.store.query.where import DAY_SQL, EVENT_DATE, EVENTS_FROM, Where, event_where

EVENT_COLUMNS = (
    "SELECT a.id AS article_id, a.title, a.source, a.url, a.published, e.idx, e.cameo,"
    " e.plover, e.mode, e.negated, e.source_name, e.source_code, e.source_country, e.target_name,"
    ' e.target_code, e.target_country, e.trigger_text AS "trigger", e.sentence,'
    f" e.location, {EVENT_DATE} AS date, e.confidence"
)


def find_events(
    store: Store, f: EventFilter, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """The events ``f`` asks for, newest first; ``negated`` is a bool."""
    w = event_where(store, f)
    items = store.rows(
        f"{EVENT_COLUMNS}{EVENTS_FROM}{w.sql()}"
        f" ORDER BY {EVENT_DATE} DESC, e.article_pk, e.idx LIMIT ? OFFSET ?",
        [*w.params, int(limit), int(offset)],
    )
    for it in items:
        it["negated"] = bool(it["negated"])
    return items


def _from(w: Where) -> str:
    return f"{EVENTS_FROM if w.joins_article else ' FROM events e'}{w.sql()}"


def _counted(w: Where) -> tuple[str, list[Any]]:
    cond, params = w.counting()
    return f"{EVENTS_FROM if w.joins_article else ' FROM events e'}{cond}", params


def count_events(store: Store, f: EventFilter) -> int:
    """How many events ``f`` asks for (every one counted)."""
    sql, params = _counted(event_where(store, f))
    return int(store.scalar(f"SELECT count(*){sql}", params) or 0)


def events_page(store: Store, f: EventFilter, limit: int = 50, offset: int = 0) -> Page:
    """A page of ``find_events``; the total of a filtered list is counted up to a cap."""
    w = event_where(store, f)
    one = f != EventFilter() and f in (EventFilter(plover=f.plover), EventFilter(outlet=f.outlet))
    if store.has_counts() and one:
        # one kept facet says how many: exact, without counting
        if f.plover:
            n, capped = kept_total(store, "events", "plover", "upper(value) = ?",
                                   f.plover.upper()), False
        else:
            n, capped = kept_total(store, "events", "outlet", "value = ?", f.outlet), False
    else:
        sql, params = _counted(w)
        n, capped = total(store, "events", sql, params, bool(w.parts), limit, offset)
    return Page(find_events(store, f, limit, offset), n, limit, offset, capped=capped)


def query_events(
    store: Store,
    plover: str | None = None,
    cameo: str | None = None,
    source: str | None = None,
    target: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """``find_events`` with the filter given as keywords (dates may be ISO strings)."""
    f = EventFilter(plover=plover, cameo=cameo, source=source, target=target,
                    since=day(since), until=day(until))
    return find_events(store, f, limit)


def events_per_day(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """``[{day, plover, n}]`` of the events ``f`` asks for (uncoded ones as ``UNCODED``)."""
    w = event_where(store, f)
    if not w.parts and store.has_counts():
        rows = store.rows(
            "SELECT value, n FROM facet_counts WHERE subject = 'events' AND facet = ?",
            [DAY_PLOVER],
        )
        out = []
        for r in rows:
            d, _, p = str(r["value"]).rpartition("|")
            out.append({"day": d, "plover": p, "n": int(r["n"])})
        return sorted(out, key=lambda r: (r["day"], r["plover"]))
    d = DAY_SQL.format(col=EVENT_DATE)
    sql, params = _counted(w)
    return store.rows(
        f"SELECT {d} AS day, coalesce(e.plover, 'UNCODED') AS plover, count(*) AS n"
        f"{sql}"
        f" GROUP BY {d}, coalesce(e.plover, 'UNCODED') ORDER BY 1, 2",
        params,
    )


def event_types(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """``[{plover, n}]`` of the events ``f`` asks for, the most frequent type first."""
    sql, params = _counted(event_where(store, f))
    return store.rows(
        "SELECT coalesce(e.plover, 'UNCODED') AS plover, count(*) AS n"
        f"{sql}"
        " GROUP BY coalesce(e.plover, 'UNCODED') ORDER BY count(*) DESC, 1",
        params,
    )


def plover_types(store: Store) -> list[str]:
    """The PLOVER types of the stored events, sorted."""
    if store.has_counts():
        sql = ("SELECT value AS plover FROM facet_counts WHERE subject = 'events'"
               " AND facet = 'plover' AND value <> '' ORDER BY value")
    else:
        sql = "SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL ORDER BY plover"
    return [r["plover"] for r in store.rows(sql)]
