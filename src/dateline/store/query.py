"""Questions users ask of a store: quotes, events, full-text search, stats.

Every function returns plain dicts (JSON-ready) so the CLI and the web app can
print them as tables, JSON or CSV. Dates compare on their first ten
characters (``YYYY-MM-DD``); ``since`` and ``until`` are inclusive.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dateline.store.base import Store

DAY_SQL = "substr({col}, 1, 10)"
EVENT_DATE = "coalesce(e.date, a.published)"
QUOTES_FROM = " FROM quotes q JOIN articles a ON a.pk = q.article_pk"
EVENTS_FROM = " FROM events e JOIN articles a ON a.pk = e.article_pk"


class Where:
    """SQL conditions and their ``?`` parameters, built up filter by filter."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def dates(self, col: str, since: date | str | None, until: date | str | None) -> None:
        """Inclusive bounds on the first ten characters (``YYYY-MM-DD``) of ``col``.

        A ``date`` compares as its ISO form; a string as its first ten characters.
        """
        if since:
            self.add(f"{DAY_SQL.format(col=col)} >= ?", _iso_day(since))
        if until:
            self.add(f"{DAY_SQL.format(col=col)} <= ?", _iso_day(until))

    def event_codes(self, plover: str | None, cameo: str | None) -> None:
        """``plover``: PLOVER type (case-insensitive); ``cameo``: CAMEO code prefix."""
        if plover:
            self.add("upper(e.plover) = ?", plover.upper())
        if cameo:
            self.add("e.cameo LIKE ?", f"{cameo}%")

    def sql(self) -> str:
        return f" WHERE {' AND '.join(self.parts)}" if self.parts else ""


def _iso_day(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else value[:10]


def query_quotes(
    store: Store,
    speaker: str | None = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Quotes, newest article first.

    ``speaker``: part of the speaker's name (case-insensitive); ``search``:
    words in the quote (full-text); ``since``/``until``: article publication date.
    """
    w = Where()
    if speaker:
        w.add(f"q.speaker {store.like} ?", f"%{speaker}%")
    if search:
        w.add(store.fts_quotes_clause(), store.fts_param(search))
    w.dates("a.published", since, until)
    return store.rows(
        "SELECT a.id AS article_id, a.title, a.url, a.published, q.idx, q.kind, q.speaker,"
        " q.speaker_id, q.speaker_code, q.text, q.start_char AS start, q.end_char AS \"end\","
        f" q.cue{QUOTES_FROM}"
        f"{w.sql()} ORDER BY a.published DESC, a.pk, q.idx LIMIT ?",
        [*w.params, int(limit)],
    )


def query_events(
    store: Store,
    plover: str | None = None,
    cameo: str | None = None,
    source: str | None = None,
    target: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Events, newest first.

    ``plover``: PLOVER type (case-insensitive); ``cameo``: code prefix (``"04"``
    matches 040-046); ``source``/``target``: country code of that side;
    dates: the event's date, else the article's.
    """
    w = Where()
    w.event_codes(plover, cameo)
    if source:
        w.add("upper(e.source_country) = ?", source.upper())
    if target:
        w.add("upper(e.target_country) = ?", target.upper())
    w.dates(EVENT_DATE, since, until)
    return store.rows(
        "SELECT a.id AS article_id, a.title, a.url, a.published, e.idx, e.cameo, e.plover,"
        " e.mode, e.negated, e.source_name, e.source_code, e.source_country, e.target_name,"
        " e.target_code, e.target_country, e.trigger_text AS \"trigger\", e.sentence,"
        f" e.location, {EVENT_DATE} AS date, e.confidence{EVENTS_FROM}"
        f"{w.sql()} ORDER BY {EVENT_DATE} DESC, a.pk, e.idx LIMIT ?",
        [*w.params, int(limit)],
    )


def search_articles(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles whose title or text contain the words of ``text`` (full-text search)."""
    snippet, takes_param = store.snippet_sql()
    param = store.fts_param(text)
    params: list[Any] = [param] if takes_param else []
    params += [param, int(limit)]
    return store.rows(
        f"SELECT a.id, a.title, a.url, a.published, a.source, {snippet} AS snippet"
        f" FROM articles a WHERE {store.fts_articles_clause()}"
        " ORDER BY a.published DESC, a.pk LIMIT ?",
        params,
    )


def story_clusters(store: Store) -> dict[str, str]:
    """Article id -> story cluster id for every stored article.

    Clusters come from the clusterer's ``cluster_signature`` table (always
    current: merged clusters have moved their members); an article stored
    without a cluster is its own one-article cluster. The web app's
    ``article_cluster`` and ``list_clusters`` read the same table.
    """
    rows = store.execute(
        "SELECT a.id, coalesce(cs.cluster_id, a.id) FROM articles a"
        " LEFT JOIN cluster_signature cs ON cs.article_id = a.id ORDER BY a.pk"
    ).fetchall()
    return {str(a): str(c) for a, c in rows}


def merged_quotes(
    store: Store,
    speaker: str | None = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    threshold: float = 0.85,
) -> list[dict[str, Any]]:
    """Quotations merged across outlets (``cluster.quotes.merge_quotes``), most reported first.

    One row per distinct quotation (same speaker, near-identical words) with how
    many outlets and articles reported it, when it was first and last seen, and
    its sources (article id, outlet, span). ``speaker``: part of the speaker's
    name; ``search``: words that must all be in the quotation; ``since``/``until``:
    the first report's date.
    """
    from dateline.cluster.minhash import words
    from dateline.cluster.quotes import merge_quotes
    from dateline.model import Record

    clusters = story_clusters(store)
    # Only the quotes of each record are kept, not its texts.
    records = (
        Record(id=r.id, raw_text="", source=r.source, published=r.published, quotes=r.quotes)
        for r in store.iter_records()
        if r.quotes
    )
    wanted = set(words(search)) if search else set()
    rows: list[dict[str, Any]] = []
    for q in merge_quotes(records, clusters, threshold):
        if speaker and speaker.casefold() not in (q.speaker or "").casefold():
            continue
        if wanted and not wanted <= set(words(q.text)):
            continue
        day = (q.first_seen or "")[:10]
        if (since and (not day or day < since[:10])) or (until and (not day or day > until[:10])):
            continue
        d = q.to_dict()
        d["outlets"] = ", ".join(sorted({s.outlet for s in q.sources if s.outlet}))
        rows.append(d)
        if len(rows) >= limit:
            break
    return rows


def _top(store: Store, sql: str, limit: int) -> list[dict[str, Any]]:
    return store.rows(sql + " LIMIT ?", [limit])


def stats(store: Store, top: int = 10) -> dict[str, Any]:
    """Counts per table, date range, languages, top speakers and event types, last run."""
    tables = ("articles", "quotes", "events", "actors", "removed", "quarantine", "skipped", "runs")
    counts = {t: store.count(t) for t in tables}
    rng = store.rows("SELECT min(published) AS first, max(published) AS last FROM articles")[0]
    last_run = store.rows("SELECT * FROM runs ORDER BY id DESC LIMIT 1")
    return {
        "db": store.url,
        "backend": store.dialect,
        "schema_version": store.schema_version(),
        "counts": counts,
        "published": rng,
        "languages": _top(
            store,
            "SELECT lang, count(*) AS n FROM articles GROUP BY lang ORDER BY n DESC, lang",
            top,
        ),
        "top_speakers": _top(
            store,
            "SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL"
            " GROUP BY speaker ORDER BY n DESC, speaker",
            top,
        ),
        "plover_types": _top(
            store,
            "SELECT plover, count(*) AS n FROM events GROUP BY plover ORDER BY n DESC, plover",
            top,
        ),
        "last_run": last_run[0] if last_run else None,
    }
