"""Opening a store from a URL or path: ``postgresql://…`` or a SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

from dateline.store.base import Store

DEFAULT_DB = "dateline.db"
ENV_DB = "DATELINE_DB"


def resolve_db(db: str | Path | None = None) -> str:
    """``db`` if given, else ``$DATELINE_DB``, else ``./dateline.db``."""
    if db:
        return str(db)
    return os.environ.get(ENV_DB) or DEFAULT_DB


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path | None = None, migrate: bool = True) -> Store:
    """The store at ``db`` (see ``resolve_db``), schema migrated to the latest version."""
    target = resolve_db(db)
    if is_postgres_url(target):
        from dateline.store.postgres import PostgresStore

        return PostgresStore(target, migrate=migrate)
    from dateline.store.sqlite import SQLiteStore

    path = target.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SQLiteStore(path, migrate=migrate)
