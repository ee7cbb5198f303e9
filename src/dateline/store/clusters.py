"""Story clusters kept in the store: the clusterer on the store's own connection.

``story_clusterer`` gives a ``cluster.StoryClusterer`` whose signature index
lives in the store's database (SQLite or PostgreSQL; the tables come from
migration 2), so clustering is incremental across runs and its writes belong
to whatever transaction the store's single writer has open. ``cluster_backlog``
clusters articles stored without a cluster (saved before clustering existed,
or by ``Store.save`` outside an ingest run).
"""

from __future__ import annotations

from dateline.cluster.index import SignatureIndex, SQLiteSignatureIndex
from dateline.cluster.stories import ClusterOptions, StoryClusterer
from dateline.errors import StoreError
from dateline.store.base import Store


def signature_index(store: Store, options: ClusterOptions | None = None) -> SignatureIndex:
    """The signature index in ``store``'s database, built with ``options``' LSH settings."""
    o = options or ClusterOptions()
    args = (o.lsh_threshold, o.num_perm, o.seed, o.shingle_size, o.bucket_limit)
    conn = getattr(store, "conn", None)
    with store.transaction():
        if store.dialect == "sqlite":
            return SQLiteSignatureIndex(conn, *args)  # type: ignore[arg-type]
        if store.dialect == "postgresql":
            from dateline.cluster.pg_index import PostgresSignatureIndex

            return PostgresSignatureIndex(conn, *args)
    raise StoreError(f"story clusters are not supported on a {store.dialect!r} store")


def story_clusterer(store: Store, options: ClusterOptions | None = None) -> StoryClusterer:
    """A clusterer that reads and writes the clusters kept in ``store``."""
    options = options or ClusterOptions()
    return StoryClusterer(signature_index(store, options), options)


def cluster_backlog(store: Store, clusterer: StoryClusterer, batch: int = 500) -> int:
    """Cluster the stored articles that have no cluster yet (oldest first); return how many."""
    clustered = int(store.scalar("SELECT count(*) FROM cluster_signature") or 0)
    if clustered >= store.count("articles"):
        return 0  # the usual case: nothing to scan
    done = 0
    last = 0
    while True:
        with store.transaction():
            rows = store.execute(
                "SELECT a.pk, a.id, a.text, a.raw_text, a.published FROM articles a"
                " WHERE a.pk > ? AND NOT EXISTS"
                " (SELECT 1 FROM cluster_signature cs WHERE cs.article_id = a.id)"
                " ORDER BY a.pk LIMIT ?",
                (last, batch),
            ).fetchall()
            for _pk, article_id, text, raw_text, published in rows:
                clusterer.add(article_id, text or raw_text, published)
        if not rows:
            return done
        done += len(rows)
        last = int(rows[-1][0])


__all__ = ["cluster_backlog", "signature_index", "story_clusterer"]
