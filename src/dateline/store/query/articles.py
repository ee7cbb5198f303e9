"""Articles: full-text search, filters and pages, newest first, with their story cluster.

Story clusters: when the clusterer has filled the ``cluster_signature`` table,
an article's cluster is read from it; otherwise every article is its own
one-article cluster (its cluster id is its own id).
"""

from __future__ import annotations

from typing import Any

from dateline.errors import StoreError
from dateline.store.base import Store
from dateline.store.query.counting import capped_count, kept_total, total
from dateline.store.query.filters import ArticleFilter, Page
from dateline.store.query.where import article_where, contains, like_escape
from dateline.store.snippets import split_snippet

#: Newest first; the ``articles_published`` index read backwards gives this order.
ARTICLE_ORDER = "a.published DESC, a.pk DESC"

NO_CLUSTERS = (
    "this database has no story clusters yet: each article is shown as its own cluster"
)


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


def find_articles(
    store: Store, f: ArticleFilter, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """The articles ``f`` asks for, newest first, with a snippet when ``f.search`` is set.

    ``snippet`` is plain text; ``snippet_marks`` the ``[start, end]`` offsets of the
    matched words in it (see ``dateline.store.snippets``).
    """
    return _find(store, f, has_clusters(store), limit, offset)


def _find(
    store: Store, f: ArticleFilter, clustered: bool, limit: int, offset: int
) -> list[dict[str, Any]]:
    w = article_where(store, f, clustered)
    snippet_params: list[Any] = []
    snippet = "NULL"
    if f.search:
        snippet, takes = store.snippet_sql()
        if takes:
            snippet_params = [store.fts_param(f.search)]
    # The page's rows are picked first; only they get their counts and snippet.
    rows = store.rows(
        "SELECT a.id, a.title, a.source, a.url, a.published, a.lang,"
        f" {_cluster_col(clustered)} AS cluster_id,"
        " (SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk) AS n_quotes,"
        " (SELECT count(*) FROM events e WHERE e.article_pk = a.pk) AS n_events,"
        f" {snippet} AS snippet"
        f" FROM articles a WHERE a.pk IN (SELECT a.pk FROM articles a{w.sql()}"
        f" ORDER BY {ARTICLE_ORDER} LIMIT ? OFFSET ?) ORDER BY {ARTICLE_ORDER}",
        [*snippet_params, *w.params, int(limit), int(offset)],
    )
    for r in rows:
        r["snippet"], r["snippet_marks"] = split_snippet(r["snippet"])
    return rows


def count_articles(store: Store, f: ArticleFilter) -> int:
    """How many articles ``f`` asks for (every one counted)."""
    w = article_where(store, f, has_clusters(store))
    return int(store.scalar(f"SELECT count(*) FROM articles a{w.sql()}", w.params) or 0)


def articles_page(store: Store, f: ArticleFilter, limit: int = 20, offset: int = 0) -> Page:
    """A page of ``find_articles``, noting when the store has no story clusters; the
    total of a filtered list is counted up to a cap."""
    clustered = has_clusters(store)
    items = _find(store, f, clustered, limit, offset)
    notes = [] if clustered else [NO_CLUSTERS]
    if store.has_counts() and f.source and f == ArticleFilter(source=f.source):
        n = kept_total(store, "articles", "source", contains(store, "value"),
                       f"%{like_escape(f.source)}%")
        capped = False
    elif store.has_counts() and f.outlet and f == ArticleFilter(outlet=f.outlet):
        n, capped = kept_total(store, "articles", "source", "value = ?", f.outlet), False
    elif f.search and f == ArticleFilter(search=f.search):
        # words only: count the full-text index's matches, not the articles
        n, capped = capped_count(store, store.fts_articles_from(),
                                 [store.fts_param(f.search)], limit, offset)
    else:
        w = article_where(store, f, clustered)
        n, capped = total(store, "articles", f" FROM articles a{w.sql()}", w.params,
                          bool(w.parts), limit, offset)
    return Page(items, n, limit, offset, notes, capped=capped)


def search_articles(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles whose title or text contain the words of ``text`` (full-text search)."""
    return find_articles(store, ArticleFilter(search=text), limit)


def article_exists(store: Store, article_id: str) -> bool:
    return store.scalar("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None


def article_cluster(store: Store, article_id: str) -> str:
    """The story cluster of one article (its own id when it has none)."""
    if has_clusters(store):
        cid = store.scalar(
            "SELECT cluster_id FROM cluster_signature WHERE article_id = ?", (article_id,)
        )
        if cid:
            return str(cid)
    return article_id


def sources(store: Store) -> list[str]:
    """The first 200 source names, sorted (the search form offers them)."""
    if store.has_counts():
        sql = ("SELECT value AS source FROM facet_counts WHERE subject = 'articles'"
               " AND facet = 'source' AND value <> '' ORDER BY value LIMIT 200")
    else:
        sql = ("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source"
               " LIMIT 200")
    return [r["source"] for r in store.rows(sql)]
