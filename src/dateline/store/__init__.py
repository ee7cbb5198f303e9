"""Storage: one schema, numbered migrations, SQLite (default) and PostgreSQL backends."""

from dateline.store.base import RunInfo, SaveResult, Store
from dateline.store.codec import content_hash
from dateline.store.open import DEFAULT_DB, ENV_DB, is_postgres_url, open_store, resolve_db
from dateline.store.query import (
    query_events,
    query_quotes,
    search_articles,
    stats,
    story_clusters,
)

__all__ = [
    "DEFAULT_DB",
    "ENV_DB",
    "RunInfo",
    "SaveResult",
    "Store",
    "content_hash",
    "is_postgres_url",
    "open_store",
    "query_events",
    "query_quotes",
    "resolve_db",
    "search_articles",
    "stats",
    "story_clusters",
]
