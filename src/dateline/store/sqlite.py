"""SQLite backend: one file, WAL mode, one writer, FTS5 over article text and quotes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dateline.errors import StoreError
from dateline.model import Record
from dateline.store.base import Store
from dateline.store.locks import RunLocks
from dateline.store.migrations import Migration
from dateline.store.search_render import to_fts5
from dateline.store.search_syntax import parse_search
from dateline.store.snippets import MARK_END, MARK_START


class SQLiteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: str | Path, migrate: bool = True, timeout: float = 30.0) -> None:
        super().__init__()
        self.path = str(path)
        self.url = self.path
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"cannot create {self.path}: folder {parent} does not exist")
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=timeout, check_same_thread=False
            )
            self.conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is safe in WAL mode: a crash loses at most the last commits, never corrupts.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open SQLite database {self.path}: {e}") from e
        self._runs_lock = RunLocks(None if self.path == ":memory:" else f"{self.path}-runs.lock")
        if migrate:
            self.migrate()

    def _raw_execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, tuple(params))

    def close(self) -> None:
        self.conn.close()
        self._runs_lock.close()

    # A run is held by a lock on byte ``run_id`` of ``<db>-runs.lock`` (an open file
    # description lock, so it ends with the process however it ends, even kill -9).
    def _claim_run(self, run_id: int) -> bool:
        return self._runs_lock.claim(run_id)

    def release_run(self, run_id: int) -> None:
        self._runs_lock.release(run_id)

    def _begin_sql(self) -> str:
        return "BEGIN IMMEDIATE"

    def _migration_sql(self, m: Migration) -> tuple[str, ...]:
        return m.sqlite

    def _has_table(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def _index_text(self, pk: int, record: Record, quote_pks: list[int]) -> None:
        self.execute(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            (pk, record.title or "", record.text or record.raw_text),
        )
        for qpk, q in zip(quote_pks, record.quotes, strict=True):
            self.execute(
                "INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)", (qpk, q.text)
            )

    # ``+pk``: the matches are a set to test rows against while the list is read in its
    # order from an index (stopping at the page's end), not rows to fetch one by one and
    # sort, which costs as many matches as there are.
    def fts_articles_clause(self) -> str:
        return "+a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"

    def fts_articles_from(self) -> str:
        # the index alone yields its matches one by one, so a capped count stops early
        return " FROM articles_fts WHERE articles_fts MATCH ?"

    def fts_quotes_clause(self) -> str:
        return "+q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"

    def fts_param(self, text: str) -> str:
        return to_fts5(parse_search(text))

    def snippet_sql(self) -> tuple[str, bool]:
        return (
            f"(SELECT snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…', 16)"
            " FROM articles_fts"
            " WHERE articles_fts MATCH ? AND rowid = a.pk)",
            True,
        )
