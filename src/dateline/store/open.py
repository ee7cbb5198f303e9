"""Opening a store from a URL or path: ``postgresql://…`` or a SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

from dateline.errors import StoreError
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

    return SQLiteStore(sqlite_path(target), migrate=migrate)


def sqlite_path(db: str) -> str:
    """The file of a SQLite location (``sqlite:///`` prefixes removed)."""
    return db.removeprefix("sqlite:///").removeprefix("sqlite://")


def no_store_message(db: str) -> str:
    return f"no store at {db}; create one with `dateline ingest`"


def check_store_exists(db: str | Path | None = None) -> str:
    """The resolved location of an existing store; ``StoreError`` when there is none.

    For the commands that only read: a misspelt ``--db`` must not create an empty
    store. A SQLite store exists when its file does; a PostgreSQL one when the server
    answers and the database has dateline's tables.
    """
    target = resolve_db(db)
    if is_postgres_url(target):
        store = open_store(target, migrate=False)  # StoreError when unreachable
        try:
            if not store.has_table("articles"):
                raise StoreError(no_store_message(target))
        finally:
            store.close()
        return target
    path = sqlite_path(target)
    if path != ":memory:" and not Path(path).is_file():
        raise StoreError(no_store_message(target))
    return target


def open_existing_store(db: str | Path | None = None) -> Store:
    """``open_store`` for reading: ``StoreError`` instead of creating a missing store."""
    return open_store(check_store_exists(db))
