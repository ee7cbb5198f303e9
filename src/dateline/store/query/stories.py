"""Story clusters: every article's cluster, the clusters newest first, one story's articles.

Clusters come from the clusterer's ``cluster_signature`` table (always current:
merged clusters have moved their members); an article stored without a
cluster is its own one-article cluster.
"""

from __future__ import annotations

from typing import Any

from dateline.store.base import Store
from dateline.store.query.articles import NO_CLUSTERS, articles_page, has_clusters
from dateline.store.query.filters import ArticleFilter, Page
from dateline.store.query.where import IN_CLUSTER


def story_clusters(store: Store) -> dict[str, str]:
    """Article id -> story cluster id for every stored article."""
    rows = store.execute(
        "SELECT a.id, coalesce(cs.cluster_id, a.id) FROM articles a"
        " LEFT JOIN cluster_signature cs ON cs.article_id = a.id ORDER BY a.pk"
    ).fetchall()
    return {str(a): str(c) for a, c in rows}


def clusters_page(store: Store, limit: int = 20, offset: int = 0) -> Page:
    """Story clusters, the newest story first, with their article counts."""
    if not has_clusters(store):
        page = articles_page(store, ArticleFilter(), limit, offset)
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
        return Page(items, page.total, limit, offset, [NO_CLUSTERS])
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
        where = IN_CLUSTER
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
