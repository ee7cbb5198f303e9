"""The web app's questions to a store: paginated, filtered, plain dicts out.

Built on the ``Store`` public interface (``rows``, ``scalar``, the full-text
clauses) and ``store/query.py``'s ``Where`` with ``?`` placeholders, so the
same SQL runs on SQLite and PostgreSQL.
``store/query.py`` answers the CLI's simpler questions; these add offsets,
totals and the filters the pages need. Dates compare on their first ten
characters (``YYYY-MM-DD``) and ``since``/``until`` are inclusive.

Story clusters: when the database holds the clusterer's ``cluster_signature``
table, an article's cluster is read from it; otherwise every article is its own
one-article cluster (its cluster id is its own id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateline.errors import StoreError
from dateline.store.base import Store
from dateline.store.query import DAY_SQL, EVENT_DATE, EVENTS_FROM, QUOTES_FROM, Where


@dataclass(slots=True)
class Page:
    """One page of results and how many there are in all."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": self.items,
        }
        if self.notes:
            out["notes"] = self.notes
        return out


def has_clusters(store: Store) -> bool:
    """Whether the clusterer has put any article of this database in a story cluster."""
    try:
        return bool(store.rows("SELECT article_id FROM cluster_signature LIMIT 1"))
    except StoreError:
        return False


def _cluster_col(clustered: bool) -> str:
    if clustered:
        return (
            "coalesce((SELECT cs.cluster_id FROM cluster_signature cs"
            " WHERE cs.article_id = a.id), a.id)"
        )
    return "a.id"


# An article of cluster ``?`` (twice the cluster id): a member, or the cluster's first article.
_IN_CLUSTER = "a.id IN (SELECT article_id FROM cluster_signature WHERE cluster_id = ?) OR a.id = ?"


def list_articles(
    store: Store,
    q: str | None = None,
    source: str | None = None,
    since: date | None = None,
    until: date | None = None,
    cluster: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page:
    """Articles newest first; ``q`` is full-text, ``source`` part of the source name."""
    clustered = has_clusters(store)
    w = Where()
    if q:
        w.add(store.fts_articles_clause(), store.fts_param(q))
    if source:
        w.add(f"a.source {store.like} ?", f"%{source}%")
    w.dates("a.published", since, until)
    if cluster:
        if clustered:
            w.add(f"({_IN_CLUSTER})", cluster, cluster)
        else:
            w.add("a.id = ?", cluster)
    total = int(store.scalar(f"SELECT count(*) FROM articles a{w.sql()}", w.params) or 0)
    snippet_params: list[Any] = []
    snippet = "NULL"
    if q:
        snippet, takes = store.snippet_sql()
        if takes:
            snippet_params = [store.fts_param(q)]
    items = store.rows(
        "SELECT a.id, a.title, a.source, a.url, a.published, a.lang,"
        f" {_cluster_col(clustered)} AS cluster_id,"
        " (SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk) AS n_quotes,"
        " (SELECT count(*) FROM events e WHERE e.article_pk = a.pk) AS n_events,"
        f" {snippet} AS snippet"
        f" FROM articles a{w.sql()} ORDER BY a.published DESC, a.pk DESC LIMIT ? OFFSET ?",
        [*snippet_params, *w.params, limit, offset],
    )
    notes = [] if clustered else [_NO_CLUSTERS]
    return Page(items, total, limit, offset, notes)


_NO_CLUSTERS = (
    "this database has no story clusters yet: each article is shown as its own cluster"
)


def article_cluster(store: Store, article_id: str) -> str:
    if has_clusters(store):
        cid = store.scalar(
            "SELECT cluster_id FROM cluster_signature WHERE article_id = ?", (article_id,)
        )
        if cid:
            return str(cid)
    return article_id


def article_exists(store: Store, article_id: str) -> bool:
    return store.scalar("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None


def list_quotes(
    store: Store,
    speaker: str | None = None,
    exact_speaker: str | None = None,
    q: str | None = None,
    since: date | None = None,
    until: date | None = None,
    article: str | None = None,
    limit: int = 50,
    offset: int = 0,
    oldest_first: bool = False,
) -> Page:
    """Quotes; ``speaker`` matches part of the name, ``exact_speaker`` the whole of it."""
    w = Where()
    if speaker:
        w.add(f"q.speaker {store.like} ?", f"%{speaker}%")
    if exact_speaker:
        w.add("q.speaker = ?", exact_speaker)
    if q:
        w.add(store.fts_quotes_clause(), store.fts_param(q))
    if article:
        w.add("a.id = ?", article)
    w.dates("a.published", since, until)
    base = f"{QUOTES_FROM}{w.sql()}"
    total = int(store.scalar(f"SELECT count(*){base}", w.params) or 0)
    order = "ASC" if oldest_first else "DESC"
    items = store.rows(
        "SELECT a.id AS article_id, a.title, a.published, a.source, q.idx, q.kind, q.speaker,"
        ' q.speaker_id, q.speaker_code, q.text, q.start_char AS start, q.end_char AS "end",'
        f" q.cue{base} ORDER BY a.published {order}, a.pk, q.idx LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    )
    return Page(items, total, limit, offset)


def list_speakers(
    store: Store, q: str | None = None, limit: int = 50, offset: int = 0
) -> Page:
    """Quoted people with their quote and article counts and the roles given to them."""
    w = Where()
    w.add("q.speaker IS NOT NULL")
    if q:
        w.add(f"q.speaker {store.like} ?", f"%{q}%")
    total = int(
        store.scalar(f"SELECT count(DISTINCT q.speaker) FROM quotes q{w.sql()}", w.params) or 0
    )
    # Only the quotes table (its speaker index): a join to articles for dates costs
    # a lookup per quote, so first/last dates are on the speaker's own page.
    items = store.rows(
        "SELECT q.speaker AS name, count(*) AS quotes, count(DISTINCT q.article_pk) AS articles"
        f" FROM quotes q{w.sql()}"
        " GROUP BY q.speaker ORDER BY count(*) DESC, q.speaker LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    )
    _add_speaker_details(store, items)
    return Page(items, total, limit, offset)


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


def speaker_summary(store: Store, name: str) -> dict[str, Any] | None:
    rows = store.rows(
        "SELECT q.speaker AS name, count(*) AS quotes, count(DISTINCT q.article_pk) AS articles,"
        " min(a.published) AS first, max(a.published) AS last"
        " FROM quotes q JOIN articles a ON a.pk = q.article_pk WHERE q.speaker = ?"
        " GROUP BY q.speaker",
        (name,),
    )
    if not rows:
        return None
    _add_speaker_details(store, rows)
    return rows[0]


def _modality_sql(store: Store) -> str:
    # ``modality`` is kept only in the record JSON; read it from there.
    if store.dialect == "postgresql":
        return "(a.record::jsonb -> 'events' -> e.idx::int ->> 'modality')"
    return "json_extract(a.record, '$.events[' || e.idx || '].modality')"


def _event_where(
    store: Store,
    plover: str | None,
    cameo: str | None,
    source: str | None,
    target: str | None,
    actor: str | None,
    since: date | None,
    until: date | None,
    negated: bool | None,
    modal: bool | None,
    mode: str | None,
    article: str | None = None,
) -> Where:
    w = Where()
    w.event_codes(plover, cameo)
    if source:
        w.add("(upper(e.source_country) = ? OR upper(e.source_code) = ?)", source.upper(),
              source.upper())
    if target:
        w.add("(upper(e.target_country) = ? OR upper(e.target_code) = ?)", target.upper(),
              target.upper())
    if actor:
        a = actor.upper()
        w.add(
            "(upper(e.source_country) = ? OR upper(e.source_code) = ?"
            " OR upper(e.target_country) = ? OR upper(e.target_code) = ?)",
            a, a, a, a,
        )
    if negated is not None:
        w.add("e.negated = ?", int(negated))
    if mode:
        w.add("lower(e.mode) = ?", mode.lower())
    if modal is not None:
        w.add(f"{_modality_sql(store)} IS {'NOT ' if modal else ''}NULL")
    if article:
        w.add("a.id = ?", article)
    w.dates(EVENT_DATE, since, until)
    return w


def list_events(
    store: Store,
    plover: str | None = None,
    cameo: str | None = None,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    negated: bool | None = None,
    modal: bool | None = None,
    mode: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Events newest first (their own date, else the article's)."""
    w = _event_where(
        store, plover, cameo, source, target, actor, since, until, negated, modal, mode
    )
    base = f"{EVENTS_FROM}{w.sql()}"
    total = int(store.scalar(f"SELECT count(*){base}", w.params) or 0)
    items = store.rows(
        "SELECT a.id AS article_id, a.title, a.published, e.idx, e.cameo, e.plover, e.mode,"
        " e.negated, e.source_name, e.source_code, e.source_country, e.target_name,"
        ' e.target_code, e.target_country, e.trigger_text AS "trigger", e.sentence,'
        f" e.location, {EVENT_DATE} AS date, e.confidence{base}"
        f" ORDER BY {EVENT_DATE} DESC, a.pk, e.idx LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    )
    for it in items:
        it["negated"] = bool(it["negated"])
    return Page(items, total, limit, offset)


def events_per_day(
    store: Store,
    plover: str | None = None,
    cameo: str | None = None,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    negated: bool | None = None,
    modal: bool | None = None,
    mode: str | None = None,
) -> list[dict[str, Any]]:
    """``[{day, plover, n}]`` for the same filters as ``list_events``."""
    w = _event_where(
        store, plover, cameo, source, target, actor, since, until, negated, modal, mode
    )
    day = DAY_SQL.format(col=EVENT_DATE)
    return store.rows(
        f"SELECT {day} AS day, coalesce(e.plover, 'UNCODED') AS plover, count(*) AS n"
        f"{EVENTS_FROM}{w.sql()}"
        f" GROUP BY {day}, coalesce(e.plover, 'UNCODED') ORDER BY 1, 2",
        w.params,
    )


def list_clusters(store: Store, limit: int = 20, offset: int = 0) -> Page:
    """Story clusters, the newest story first, with their article counts."""
    if not has_clusters(store):
        page = list_articles(store, limit=limit, offset=offset)
        items = [
            {
                "cluster_id": it["id"],
                "size": 1,
                "title": it["title"],
                "first_published": it["published"],
                "last_published": it["published"],
                "sources": [it["source"]] if it["source"] else [],
            }
            for it in page.items
        ]
        return Page(items, page.total, limit, offset, [_NO_CLUSTERS])
    # Articles stored without a cluster (before clustering ran) are their own cluster.
    grouped = (
        "SELECT coalesce(cs.cluster_id, a.id) AS cluster_id, count(*) AS size,"
        " min(a.published) AS first_published, max(a.published) AS last_published"
        " FROM articles a LEFT JOIN cluster_signature cs ON cs.article_id = a.id"
        " GROUP BY coalesce(cs.cluster_id, a.id)"
    )
    total = int(store.scalar(f"SELECT count(*) FROM ({grouped}) g") or 0)
    items = store.rows(
        "SELECT g.cluster_id, g.size, g.first_published, g.last_published,"
        " (SELECT title FROM articles c WHERE c.id = g.cluster_id) AS title"
        f" FROM ({grouped}) g ORDER BY g.last_published DESC, g.cluster_id LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return Page(items, total, limit, offset)


def cluster_articles(store: Store, cluster_id: str, limit: int = 12) -> list[dict[str, Any]]:
    """The articles of one story (oldest first), with their texts for a side-by-side view."""
    if has_clusters(store):
        where = _IN_CLUSTER
        params: list[Any] = [cluster_id, cluster_id, limit]
    else:
        where, params = "a.id = ?", [cluster_id, limit]
    return store.rows(
        "SELECT a.id, a.title, a.source, a.url, a.published, a.text,"
        " (SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk) AS n_quotes,"
        " (SELECT count(*) FROM events e WHERE e.article_pk = a.pk) AS n_events"
        f" FROM articles a WHERE {where} ORDER BY a.published, a.pk LIMIT ?",
        params,
    )


def counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "quotes", "events", "actors")}


def home(store: Store, top: int = 10) -> dict[str, Any]:
    """What the home page shows: counts, latest stories, most-quoted people, event types.

    "This week" is the seven days ending on the newest article's date, so an
    archive of old news still shows something.
    """
    last = store.scalar("SELECT max(published) FROM articles")
    week: dict[str, Any] = {"since": None, "until": None, "types": []}
    if last:
        try:
            end = date.fromisoformat(str(last)[:10])
        except ValueError:
            end = None
        if end is not None:
            start = end - timedelta(days=6)
            w = Where()
            w.dates(EVENT_DATE, start, end)
            week = {
                "since": start.isoformat(),
                "until": end.isoformat(),
                "types": store.rows(
                    "SELECT coalesce(e.plover, 'UNCODED') AS plover, count(*) AS n"
                    f"{EVENTS_FROM}{w.sql()}"
                    " GROUP BY coalesce(e.plover, 'UNCODED') ORDER BY count(*) DESC, 1",
                    w.params,
                ),
            }
    latest = list_articles(store, limit=top).items
    speakers = store.rows(
        "SELECT speaker AS name, count(*) AS quotes FROM quotes WHERE speaker IS NOT NULL"
        " GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT ?",
        [top],
    )
    return {
        "counts": counts(store),
        "latest": latest,
        "top_speakers": speakers,
        "event_types_week": week,
    }


def sources(store: Store) -> list[str]:
    return [
        r["source"]
        for r in store.rows(
            "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source"
            " LIMIT 200"
        )
    ]


def plover_types(store: Store) -> list[str]:
    return [
        r["plover"]
        for r in store.rows(
            "SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL ORDER BY plover"
        )
    ]
