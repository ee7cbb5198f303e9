"""The SQL conditions of each filter, with ``?`` placeholders: the same SQL on both backends.

Only the ``Store`` interface is used (``like``, the full-text clauses and
``dialect``), so what differs between SQLite and PostgreSQL stays in the backends.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dateline.store.base import Store
from dateline.store.query.filters import ArticleFilter, EventFilter, QuoteFilter

DAY_SQL = "substr({col}, 1, 10)"
#: An event's day: its own, else its article's (stored on the row, migration 3, so it
#: has an index).
EVENT_DATE = "e.sort_date"
QUOTES_FROM = " FROM quotes q JOIN articles a ON a.pk = q.article_pk"
EVENTS_FROM = " FROM events e JOIN articles a ON a.pk = e.article_pk"
#: Above every character a stored date holds: ``day + TOP`` bounds the values of that day.
TOP = "\U0010ffff"

# An article of cluster ``?`` (twice the cluster id): a member, or the cluster's first article.
IN_CLUSTER = "a.id IN (SELECT article_id FROM cluster_signature WHERE cluster_id = ?) OR a.id = ?"


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards taken literally (``%``, ``_`` and the escape ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(store: Store, column: str) -> str:
    """SQL: ``column`` contains the (``like_escape``-d, ``%``-wrapped) parameter."""
    return f"{column} {store.like} ? ESCAPE '\\'"


class Where:
    """SQL conditions and their ``?`` parameters, built up filter by filter."""

    def __init__(self, store: Store | None = None) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []
        # SQLite compares text by bytes, so a plain range on the column, which an index
        # serves, can stand beside each day bound (PostgreSQL's collation may not agree).
        self.ranges = store is not None and store.dialect == "sqlite"
        #: Whether a condition reads the article (``a``), so counting needs the join.
        self.joins_article = False
        # Conditions implied by ``parts`` that let a count read a narrow index; lists leave
        # them out, so the planner reads them in order and stops at the page's end.
        self.hints: list[str] = []
        self.hint_params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def dates(self, col: str, since: date | None, until: date | None) -> None:
        """Inclusive bounds on the first ten characters (``YYYY-MM-DD``) of ``col``."""
        if since:
            self.add(f"{DAY_SQL.format(col=col)} >= ?", since.isoformat())
            if self.ranges:
                self.add(f"{col} >= ?", since.isoformat())
        if until:
            self.add(f"{DAY_SQL.format(col=col)} <= ?", until.isoformat())
            if self.ranges:
                self.add(f"{col} < ?", until.isoformat() + TOP)

    def hint(self, sql: str, *params: Any) -> None:
        self.hints.append(sql)
        self.hint_params.extend(params)

    def sql(self) -> str:
        return f" WHERE {' AND '.join(self.parts)}" if self.parts else ""

    def counting(self) -> tuple[str, list[Any]]:
        """The conditions with the hints for counting, and their parameters."""
        parts = self.parts + self.hints
        return (f" WHERE {' AND '.join(parts)}" if parts else "",
                [*self.params, *self.hint_params])


def quote_where(store: Store, f: QuoteFilter) -> Where:
    """Conditions on ``q`` (quotes); the article's day and outlet are on the quote's row."""
    w = Where(store)
    if f.speaker:
        w.add(contains(store, "q.speaker"), f"%{like_escape(f.speaker)}%")
    if f.exact_speaker:
        w.add("q.speaker = ?", f.exact_speaker)
    if f.outlet:
        w.add("q.outlet = ?", f.outlet)
    if f.search:
        w.add(store.fts_quotes_clause(), store.fts_param(f.search))
    w.dates("q.published", f.since, f.until)
    return w


def _side(w: Where, side: str, code: str) -> None:
    c = code.upper()
    w.add(f"(upper(e.{side}_country) = ? OR upper(e.{side}_code) = ?)", c, c)


def _modality_sql(store: Store) -> str:
    # ``modality`` is kept only in the record JSON; read it from there.
    if store.dialect == "postgresql":
        return "(a.record::jsonb -> 'events' -> e.idx::int ->> 'modality')"
    return "json_extract(a.record, '$.events[' || e.idx || '].modality')"


def event_where(store: Store, f: EventFilter) -> Where:
    """Conditions on ``e`` (events); ``modal`` reads the record of the article ``a``."""
    w = Where(store)
    if f.plover:
        w.add("upper(e.plover) = ?", f.plover.upper())
    if f.cameo:
        w.add("e.cameo LIKE ? ESCAPE '\\'", f"{like_escape(f.cameo)}%")
        if f.cameo.isdigit() and f.cameo[-1] != "9":
            # the same codes as a range, which the (cameo, negated) index serves
            w.hint("e.cameo >= ? AND e.cameo < ?", f.cameo,
                   f.cameo[:-1] + str(int(f.cameo[-1]) + 1))
    if f.outlet:
        w.add("e.outlet = ?", f.outlet)
    if f.source:
        _side(w, "source", f.source)
    if f.target:
        _side(w, "target", f.target)
    if f.actor:
        a = f.actor.upper()
        w.add(
            "(upper(e.source_country) = ? OR upper(e.source_code) = ?"
            " OR upper(e.target_country) = ? OR upper(e.target_code) = ?)",
            a, a, a, a,
        )
    if f.negated is not None:
        w.add("e.negated = ?", int(f.negated))
    if f.mode:
        w.add("lower(e.mode) = ?", f.mode.lower())
    if f.min_confidence is not None:
        w.add("e.confidence >= ?", float(f.min_confidence))
    if f.modal is not None:
        w.add(f"{_modality_sql(store)} IS {'NOT ' if f.modal else ''}NULL")
        w.joins_article = True
    w.dates(EVENT_DATE, f.since, f.until)
    return w


def article_where(store: Store, f: ArticleFilter, clustered: bool) -> Where:
    """Conditions on ``a`` (articles); ``clustered``: the store has story clusters."""
    w = Where(store)
    w.joins_article = True
    if f.search:
        w.add(store.fts_articles_clause(), store.fts_param(f.search))
    if f.source:
        w.add(contains(store, "a.source"), f"%{like_escape(f.source)}%")
    if f.outlet:
        w.add("a.source = ?", f.outlet)
    w.dates("a.published", f.since, f.until)
    if f.cluster:
        if clustered:
            w.add(f"({IN_CLUSTER})", f.cluster, f.cluster)
        else:
            w.add("a.id = ?", f.cluster)
    return w
