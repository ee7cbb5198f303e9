"""A store at a glance: counts, date range, the most frequent speakers and event types."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateline.store.base import Store
from dateline.store.query.articles import find_articles
from dateline.store.query.events import event_types
from dateline.store.query.filters import ArticleFilter, EventFilter
from dateline.store.query.speakers import top_speakers


def _top(store: Store, sql: str, limit: int) -> list[dict[str, Any]]:
    return store.rows(sql + " LIMIT ?", [limit])


def _kept_top(store: Store, subject: str, facet: str, key: str, top: int) -> list[dict[str, Any]]:
    rows = store.rows(
        "SELECT value, n FROM facet_counts WHERE subject = ? AND facet = ?"
        " ORDER BY n DESC, value LIMIT ?",
        [subject, facet, top],
    )
    return [{key: r["value"] if r["value"] != "" else None, "n": r["n"]} for r in rows]


def stats(store: Store, top: int = 10) -> dict[str, Any]:
    """Counts per table, date range, languages, top speakers and event types, last run."""
    tables = ("articles", "quotes", "events", "actors", "removed", "quarantine", "skipped", "runs")
    counts = {t: store.count(t) for t in tables}
    # min and max each read one end of the articles_published index
    rng = {
        "first": store.scalar("SELECT min(published) FROM articles"),
        "last": store.scalar("SELECT max(published) FROM articles"),
    }
    last_run = store.rows("SELECT * FROM runs ORDER BY id DESC LIMIT 1")
    if store.has_counts():
        languages = _kept_top(store, "articles", "lang", "lang", top)
        speakers = _kept_top(store, "quotes", "speaker", "speaker", top)
        plover = _kept_top(store, "events", "plover", "plover", top)
    else:
        languages = _top(
            store,
            "SELECT lang, count(*) AS n FROM articles GROUP BY lang ORDER BY n DESC, lang",
            top,
        )
        speakers = _top(
            store,
            "SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL"
            " GROUP BY speaker ORDER BY n DESC, speaker",
            top,
        )
        plover = _top(
            store,
            "SELECT plover, count(*) AS n FROM events GROUP BY plover ORDER BY n DESC, plover",
            top,
        )
    return {
        "db": store.url,
        "backend": store.dialect,
        "schema_version": store.schema_version(),
        "counts": counts,
        "published": rng,
        "languages": languages,
        "top_speakers": speakers,
        "plover_types": plover,
        "last_run": last_run[0] if last_run else None,
    }


def counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "quotes", "events", "actors")}


def _last_week(store: Store) -> tuple[date, date] | None:
    last = store.scalar("SELECT max(published) FROM articles")
    if not last:
        return None
    try:
        end = date.fromisoformat(str(last)[:10])
    except ValueError:
        return None
    return end - timedelta(days=6), end


def home(store: Store, top: int = 10) -> dict[str, Any]:
    """Counts, latest stories, most-quoted people and this week's event types.

    "This week" is the seven days ending on the newest article's date, so an
    archive of old news still shows something.
    """
    week: dict[str, Any] = {"since": None, "until": None, "types": []}
    days = _last_week(store)
    if days is not None:
        start, end = days
        week = {
            "since": start.isoformat(),
            "until": end.isoformat(),
            "types": event_types(store, EventFilter(since=start, until=end)),
        }
    return {
        "counts": counts(store),
        "latest": find_articles(store, ArticleFilter(), limit=top),
        "top_speakers": top_speakers(store, top),
        "event_types_week": week,
    }
