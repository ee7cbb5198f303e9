"""Quoted people: their quote and article counts and the roles the articles give them."""

from __future__ import annotations

from typing import Any

from dateline.store.base import Store
from dateline.store.query.filters import Page
from dateline.store.query.where import Where, contains, like_escape

_KEPT = (
    " FROM facet_counts s WHERE s.subject = 'quotes' AND s.facet = 'speaker'"
)
_KEPT_ARTICLES = (
    "(SELECT sa.n FROM facet_counts sa WHERE sa.subject = 'quotes'"
    " AND sa.facet = 'speaker_articles' AND sa.value = s.value)"
)


def speakers_page(store: Store, name: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Quoted people, the most quoted first; ``name``: part of the name (case-insensitive).

    Read from the counts kept on write (one row per speaker), not from the quotes.
    """
    if not store.has_counts():
        return _speakers_counted(store, name, limit, offset)
    w = Where()
    if name:
        w.add(contains(store, "s.value"), f"%{like_escape(name)}%")
    cond = w.sql().replace(" WHERE ", " AND ", 1)
    n = int(store.scalar(f"SELECT count(*){_KEPT}{cond}", w.params) or 0)
    items = store.rows(
        f"SELECT s.value AS name, s.n AS quotes, {_KEPT_ARTICLES} AS articles{_KEPT}{cond}"
        " ORDER BY s.n DESC, s.value LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    )
    _add_speaker_details(store, items)
    return Page(items, n, limit, offset)


def _speakers_counted(store: Store, name: str | None, limit: int, offset: int) -> Page:
    w = Where()
    w.add("q.speaker IS NOT NULL")
    if name:
        w.add(contains(store, "q.speaker"), f"%{like_escape(name)}%")
    total = int(
        store.scalar(f"SELECT count(DISTINCT q.speaker) FROM quotes q{w.sql()}", w.params) or 0
    )
    items = store.rows(
        "SELECT q.speaker AS name, count(*) AS quotes, count(DISTINCT q.article_pk) AS articles"
        f" FROM quotes q{w.sql()}"
        " GROUP BY q.speaker ORDER BY count(*) DESC, q.speaker LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    )
    _add_speaker_details(store, items)
    return Page(items, total, limit, offset)


def top_speakers(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """``[{name, quotes}]`` of the most quoted people."""
    if store.has_counts():
        return store.rows(f"SELECT s.value AS name, s.n AS quotes{_KEPT}"
                          " ORDER BY s.n DESC, s.value LIMIT ?", [limit])
    return store.rows(
        "SELECT speaker AS name, count(*) AS quotes FROM quotes WHERE speaker IS NOT NULL"
        " GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT ?",
        [limit],
    )


def speaker_summary(store: Store, name: str) -> dict[str, Any] | None:
    """One person's counts, first and last dates and roles; ``None`` if never quoted."""
    if store.has_counts():
        rows = store.rows(
            f"SELECT s.value AS name, s.n AS quotes, {_KEPT_ARTICLES} AS articles,"
            " (SELECT min(q.published) FROM quotes q WHERE q.speaker = s.value) AS first,"
            " (SELECT max(q.published) FROM quotes q WHERE q.speaker = s.value) AS last"
            f"{_KEPT} AND s.value = ?",
            (name,),
        )
    else:
        rows = store.rows(
            "SELECT q.speaker AS name, count(*) AS quotes,"
            " count(DISTINCT q.article_pk) AS articles,"
            " min(a.published) AS first, max(a.published) AS last"
            " FROM quotes q JOIN articles a ON a.pk = q.article_pk WHERE q.speaker = ?"
            " GROUP BY q.speaker",
            (name,),
        )
    if not rows:
        return None
    _add_speaker_details(store, rows)
    return rows[0]


def _add_speaker_details(store: Store, items: list[dict[str, Any]]) -> None:
    """Roles, codes and countries given to the people named in ``items`` (one query).

    Read from the actors of that name (the ``actors_name`` index), which is what a
    speaker's name refers to in the articles that quote them.
    """
    if not items:
        return
    names = [it["name"] for it in items]
    marks = ", ".join("?" for _ in names)
    rows = store.rows(
        "SELECT DISTINCT name, role, code, country FROM actors"
        f" WHERE name IN ({marks}) AND kind = 'person'",
        names,
    )
    by_name: dict[str, dict[str, set[str]]] = {}
    for r in rows:
        d = by_name.setdefault(r["name"], {"roles": set(), "codes": set(), "countries": set()})
        for key, col in (("roles", "role"), ("codes", "code"), ("countries", "country")):
            if r[col]:
                d[key].add(str(r[col]))
    for it in items:
        d = by_name.get(it["name"], {})
        for key in ("roles", "codes", "countries"):
            it[key] = sorted(d.get(key, set()))
