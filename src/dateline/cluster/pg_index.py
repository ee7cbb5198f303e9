"""Signatures, LSH band keys and story clusters in PostgreSQL.

The same tables as ``index.SQLiteSignatureIndex`` (``cluster_meta``,
``cluster_signature``, ``cluster_band``, ``story_cluster``), created by the
store's migration 2; a cluster's rank (creation order) is the identity column
``story_cluster.rank`` where SQLite uses the rowid. The statements the two
share live in ``index.SQLSignatureIndex``; this class adds the PostgreSQL ones.
Band keys are the same 64-bit values (``index.band_keys``), so both backends find
the same candidates.

Like the SQLite index it never commits: it runs on the store's connection,
inside the transaction the store's single writer opened.
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.cluster.index import (
    _SIGNATURE_COLUMNS,
    NO_TABLES,
    ClusterError,
    SQLSignatureIndex,
    StoredSignature,
    _signature_row,
    band_keys,
)
from dateline.cluster.minhash import Signature


class PostgresSignatureIndex(SQLSignatureIndex):
    """A ``SignatureIndex`` over a psycopg 3 connection whose database has the cluster tables."""

    _MARK = "%s"
    _RANK = "rank"
    _REBUILD = "empty"

    def _prepare(self) -> None:
        present = self.conn.execute(
            "SELECT to_regclass('cluster_signature') IS NOT NULL"
        ).fetchone()
        if not present or not present[0]:
            raise ClusterError(NO_TABLES.format(backend="PostgreSQL"))

    def _insert_meta(self, items: list[tuple[str, str]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO cluster_meta (name, value) VALUES (%s, %s) "
                "ON CONFLICT (name) DO NOTHING",
                items,
            )

    def candidates(self, signature: Signature) -> list[StoredSignature]:
        if signature.empty:
            return []
        # Each band reads at most ``bucket_limit`` rows of its bucket (see ``index``).
        rows = self.conn.execute(
            f"SELECT {_SIGNATURE_COLUMNS} FROM cluster_signature WHERE n IN ("
            " SELECT b.n FROM unnest(%s::bigint[]) AS k(key)"
            " CROSS JOIN LATERAL (SELECT n FROM cluster_band WHERE key = k.key"
            " ORDER BY n LIMIT %s) AS b)",
            (band_keys(signature, self._params), self.bucket_limit),
        ).fetchall()
        return [_signature_row(r) for r in rows]

    def get(self, article_ids: Sequence[str]) -> list[StoredSignature]:
        rows = self.conn.execute(
            f"SELECT {_SIGNATURE_COLUMNS} FROM cluster_signature WHERE article_id = ANY(%s)",
            (list(article_ids),),
        ).fetchall()
        return [_signature_row(r) for r in rows]

    def add(self, entry: StoredSignature) -> None:
        row = self.conn.execute(
            f"INSERT INTO cluster_signature ({_SIGNATURE_COLUMNS}) VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT (article_id) DO NOTHING RETURNING n",
            self._signature_values(entry),
        ).fetchone()
        if row is not None and not entry.signature.empty:
            n = int(row[0])
            with self.conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO cluster_band (key, n) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    [(k, n) for k in band_keys(entry.signature, self._params)],
                )


__all__ = ["PostgresSignatureIndex"]
