"""The store interface and the SQL both backends share.

``Store`` keeps whole records (``articles.record``, JSON, so ``load`` gives back
exactly what ``save`` got) and, beside them, one row per removed block, actor,
mention, quote and event for querying. Backends differ only in connection,
placeholders, upsert details and full-text search; see ``sqlite.py`` and
``postgres.py``.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from dateline.errors import StoreError
from dateline.model import Record
from dateline.store import aggregates, codec
from dateline.store.migrations import MIGRATIONS, Migration

RUN_COUNTERS = (
    "read",
    "processed",
    "duplicates",
    "skipped",
    "quarantined",
    "quotes",
    "events",
)


@dataclass(slots=True, frozen=True)
class SaveResult:
    """What ``Store.save`` did: ``status`` is ``"stored"`` or ``"duplicate"``."""

    status: str
    article_id: str
    content_hash: str


@dataclass(slots=True)
class RunInfo:
    """A run of ``run_ingest``; ``resumed`` when it continues an unfinished one."""

    id: int
    key: str
    resumed: bool
    counts: dict[str, int]
    seconds: float = 0.0


class Store(ABC):
    """One database: records in, records and query results out."""

    dialect: str = ""
    url: str = ""

    def __init__(self) -> None:
        self._depth = 0
        self._has_counts: bool | None = None

    # -- backend hooks -------------------------------------------------------------
    @abstractmethod
    def _raw_execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _begin_sql(self) -> str: ...

    @abstractmethod
    def _index_text(self, pk: int, record: Record, quote_pks: list[int]) -> None:
        """Add the article and its quotes to the full-text index (if not automatic)."""

    @abstractmethod
    def fts_articles_clause(self) -> str:
        """SQL condition on alias ``a`` matching one text parameter."""

    @abstractmethod
    def fts_quotes_clause(self) -> str:
        """SQL condition on alias ``q`` matching one text parameter."""

    @abstractmethod
    def fts_param(self, text: str) -> str:
        """The full-text parameter for a search in the search language
        (``dateline.store.search_syntax``); ``SearchSyntaxError`` when it is bad."""

    def fts_articles_from(self) -> str:
        """``FROM … WHERE …`` of the articles matching one text parameter, for counting them
        (a backend may read its full-text index alone)."""
        return f" FROM articles a WHERE {self.fts_articles_clause()}"

    @abstractmethod
    def snippet_sql(self) -> tuple[str, bool]:
        """(SQL expression for a search snippet, whether it takes the query parameter)."""

    @abstractmethod
    def _migration_sql(self, m: Migration) -> tuple[str, ...]: ...

    @abstractmethod
    def _has_table(self, name: str) -> bool: ...

    def has_table(self, name: str) -> bool:
        """Whether the database has a table of that name."""
        return self._has_table(name)

    like = "LIKE"

    # -- plumbing --------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._raw_execute(sql, params)
        except StoreError:
            raise
        except Exception as e:
            # The message never shows SQL (it reaches users); the statement stays on the error.
            err = StoreError(f"{self.dialect} query failed: {e}")
            err.sql = sql.strip()[:300]
            raise err from e

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.execute(self._begin_sql())
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._raw_execute("ROLLBACK")
            raise
        self._depth = 0
        self.execute("COMMIT")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------------
    def schema_version(self) -> int:
        if not self._has_table("schema_version"):
            return 0
        return int(self.scalar("SELECT max(version) FROM schema_version") or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations not applied yet; return their numbers."""
        applied = []
        with self.transaction():
            if not self._has_table("schema_version"):
                self.execute(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied TEXT NOT NULL)"
                )
        current = self.schema_version()
        for m in MIGRATIONS:
            if m.version <= current:
                continue
            with self.transaction():
                for stmt in self._migration_sql(m):
                    self.execute(stmt)
                self.execute(
                    "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
                    (m.version, m.name, codec.now_iso()),
                )
            applied.append(m.version)
        self._has_counts = None
        return applied

    # -- articles --------------------------------------------------------------------
    def find_duplicate(self, content_hash: str, url: str | None = None) -> str | None:
        """The id of a stored article with this content hash (or this URL), if any."""
        if url:
            row = self.execute(
                "SELECT id FROM articles WHERE content_hash = ? OR url = ? LIMIT 1",
                (content_hash, url),
            ).fetchone()
        else:
            row = self.execute(
                "SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (content_hash,)
            ).fetchone()
        return row[0] if row else None

    def has_id(self, article_id: str) -> bool:
        row = self.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def save(
        self, record: Record, content_hash: str | None = None, run_id: int | None = None
    ) -> SaveResult:
        """Store ``record`` once: a known content hash (or URL) is a duplicate.

        An id already taken by a different article gets the hash's first ten
        characters appended (the record is stored under the new id).
        """
        h = content_hash or codec.content_hash(record.raw_text)
        with self.transaction():
            dup = self.find_duplicate(h, record.url)
            if dup is not None:
                return SaveResult("duplicate", dup, h)
            renamed = f"{record.id}~{h[:10]}"
            if self.has_id(record.id):
                record.id = renamed
            pk = self._insert_article(record, h, run_id)
            if pk is None:
                # Another writer stored a row with this hash, URL or id since the checks
                # above (concurrent ingests): the same article is a duplicate, another
                # article that took the id makes this one take the renamed id.
                dup = self.find_duplicate(h, record.url)
                if dup is not None:
                    return SaveResult("duplicate", dup, h)
                record.id = renamed
                pk = self._insert_article(record, h, run_id)
                if pk is None:
                    raise StoreError(f"article {record.id!r} conflicts with a stored one")
            self._insert_parts(pk, record)
        return SaveResult("stored", record.id, h)

    def _insert_article(self, record: Record, h: str, run_id: int | None) -> int | None:
        """The new row's pk; ``None`` when its id, hash or URL is taken (nothing inserted)."""
        cur = self.execute(
            "INSERT INTO articles (id, content_hash, source, url, title, published, author, lang,"
            " dateline, raw_text, text, record, run_id, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING RETURNING pk",
            (
                record.id,
                h,
                record.source,
                record.url,
                record.title,
                record.published,
                record.author,
                record.lang,
                codec.dateline_json(record),
                record.raw_text,
                record.text,
                codec.record_json(record),
                run_id,
                codec.now_iso(),
            ),
        )
        row = cur.fetchone()
        return int(row[0]) if row else None

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        for row in rows:
            self.execute(sql, row)

    def _insert_parts(self, pk: int, record: Record) -> None:
        self._many(
            "INSERT INTO removed (article_pk, idx, kind, text, start_char, end_char)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            codec.removed_rows(pk, record),
        )
        self._many(
            "INSERT INTO actors (article_pk, idx, actor_id, name, kind, code, country, role)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            codec.actor_rows(pk, record),
        )
        self._many(
            "INSERT INTO mentions (article_pk, actor_idx, idx, text, start_char, end_char)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            codec.mention_rows(pk, record),
        )
        quote_pks = []
        for row in codec.quote_rows(pk, record):
            cur = self.execute(
                "INSERT INTO quotes (article_pk, idx, kind, text, start_char, end_char, speaker,"
                " speaker_id, speaker_code, cue, published, outlet)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING pk",
                row,
            )
            quote_pks.append(int(cur.fetchone()[0]))
        self._many(
            "INSERT INTO events (article_pk, idx, cameo, plover, mode, negated, source_name,"
            " source_code, source_country, target_name, target_code, target_country,"
            " trigger_text, sentence, location, date, confidence, sort_date, outlet)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            codec.event_rows(pk, record),
        )
        self._index_text(pk, record, quote_pks)

    def load(self, article_id: str) -> Record:
        """The record stored under ``article_id``; ``StoreError`` when there is none."""
        row = self.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article with id {article_id!r} in {self.url}")
        return Record.from_json(row[0])

    def iter_records(self, batch: int = 500) -> Iterator[Record]:
        """Every stored record, in storage order, a batch at a time."""
        last = 0
        while True:
            rows = self.execute(
                "SELECT pk, record FROM articles WHERE pk > ? ORDER BY pk LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for _pk, rec in rows:
                yield Record.from_json(rec)
            last = rows[-1][0]

    def count(self, table: str = "articles") -> int:
        """The rows of ``table``; read from ``facet_counts`` for the tables counted on write."""
        if table not in {
            "articles", "removed", "actors", "mentions", "quotes", "events", "runs",
            "quarantine", "skipped",
        }:
            raise StoreError(f"unknown table {table!r}")
        if table in aggregates.COUNTED and self.has_counts():
            return int(self.scalar(
                "SELECT coalesce(max(n), 0) FROM facet_counts"
                " WHERE subject = ? AND facet = ? AND value = ''",
                (table, aggregates.ROWS),
            ))
        return int(self.scalar(f"SELECT count(*) FROM {table}"))

    def has_counts(self) -> bool:
        """Whether the schema keeps counts on write (``facet_counts``, migration 3)."""
        if self._has_counts is None:
            self._has_counts = self._has_table("facet_counts")
        return self._has_counts

    # -- quarantine and skipped --------------------------------------------------------
    def add_quarantine(
        self, source: str, position: str | None, reason: str, run_id: int | None = None
    ) -> bool:
        """Record a quarantined input; ``False`` when that (source, position) is known."""
        cur = self.execute(
            "INSERT INTO quarantine (run_id, source, position, reason, created)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, position) DO NOTHING",
            (run_id, source, position or "", reason, codec.now_iso()),
        )
        return bool(cur.rowcount)

    def add_skipped(
        self,
        source: str,
        position: str | None,
        reason: str,
        article_id: str | None = None,
        lang: str | None = None,
        run_id: int | None = None,
    ) -> bool:
        cur = self.execute(
            "INSERT INTO skipped (run_id, source, position, article_id, lang, reason, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, position) DO NOTHING",
            (run_id, source, position or "", article_id, lang, reason, codec.now_iso()),
        )
        return bool(cur.rowcount)

    def quarantine_items(self, run_id: int | None = None) -> list[dict[str, Any]]:
        if run_id is None:
            return self.rows("SELECT * FROM quarantine ORDER BY id")
        return self.rows("SELECT * FROM quarantine WHERE run_id = ? ORDER BY id", (run_id,))

    # -- runs ----------------------------------------------------------------------
    # -- run ownership: a run is continued only when no live process holds it ----------
    def _claim_run(self, run_id: int) -> bool:
        """Hold run ``run_id`` for this connection until ``release_run`` or the process ends;
        ``False`` when another live process holds it. Backends override this."""
        return True

    def release_run(self, run_id: int) -> None:  # noqa: B027 - backends without claims
        """Let go of a run claimed by ``start_run``."""

    # -- runs ----------------------------------------------------------------------
    def start_run(self, key: str, sources: Sequence[str], settings: dict[str, Any]) -> RunInfo:
        """Continue the unfinished run with this key, or start a new one.

        An unfinished run still held by a live process (a concurrent ingest of the same
        inputs) is not continued: this process gets a run of its own.
        """
        with self.transaction():
            rows = self.execute(
                "SELECT id, seconds, n_read, n_processed, n_duplicates, n_skipped, n_quarantined,"
                " n_quotes, n_events FROM runs WHERE run_key = ? AND status = 'running'"
                " ORDER BY id DESC",
                (key,),
            ).fetchall()
            for row in rows:
                if self._claim_run(int(row[0])):
                    counts = dict(zip(RUN_COUNTERS, (int(x) for x in row[2:]), strict=True))
                    return RunInfo(int(row[0]), key, True, counts, float(row[1]))
            cur = self.execute(
                "INSERT INTO runs (started, status, run_key, sources, settings, updated)"
                " VALUES (?, 'running', ?, ?, ?, ?) RETURNING id",
                (
                    codec.now_iso(),
                    key,
                    json.dumps(list(sources)),
                    json.dumps(settings, default=str),
                    codec.now_iso(),
                ),
            )
            run_id = int(cur.fetchone()[0])
            self._claim_run(run_id)  # before the row is visible to anyone else
        return RunInfo(run_id, key, False, dict.fromkeys(RUN_COUNTERS, 0))

    def update_run(
        self, run_id: int, counts: dict[str, int], seconds: float, status: str | None = None
    ) -> None:
        sets = ", ".join(f"n_{k} = ?" for k in RUN_COUNTERS)
        params: list[Any] = [int(counts.get(k, 0)) for k in RUN_COUNTERS]
        extra = ""
        if status is not None:
            extra = ", status = ?, finished = ?"
            params += [status, codec.now_iso()]
        self.execute(
            f"UPDATE runs SET {sets}, seconds = ?, updated = ?{extra} WHERE id = ?",
            [*params[: len(RUN_COUNTERS)], seconds, codec.now_iso(), *params[len(RUN_COUNTERS) :],
             run_id],
        )

    def runs(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM runs ORDER BY id")
