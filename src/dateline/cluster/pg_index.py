"""Signatures, LSH band keys and story clusters in PostgreSQL.

The same tables as ``index.SQLiteSignatureIndex`` (``cluster_meta``,
``cluster_signature``, ``cluster_band``, ``story_cluster``), created by the
store's migration 2; a cluster's rank (creation order) is the identity column
``story_cluster.rank`` where SQLite uses the rowid. Band keys are the same
64-bit values (``index.band_keys``), so both backends find the same candidates.

Like the SQLite index it never commits: it runs on the store's connection,
inside the transaction the store's single writer opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.cluster.index import (
    ClusterError,
    ClusterInfo,
    StoredSignature,
    band_keys,
    lsh_params,
)
from dateline.cluster.minhash import (
    NUM_PERM,
    SEED,
    SHINGLE_SIZE,
    Signature,
    signature_from_bytes,
    signature_to_bytes,
)

_COLUMNS = "article_id, cluster_id, published_key, length, signature"
_CLUSTER_COLUMNS = (
    "cluster_id, canonical_id, canonical_published_key, canonical_length, size, merged_into"
)


def _stored(row: Sequence[Any]) -> StoredSignature:
    a, c, p, n, s = row
    return StoredSignature(str(a), str(c), str(p), int(n), signature_from_bytes(bytes(s)))


def _cluster(row: Sequence[Any]) -> ClusterInfo:
    cid, canonical, pkey, length, size, merged = row
    return ClusterInfo(
        str(cid),
        str(canonical),
        str(pkey),
        int(length),
        int(size),
        None if merged is None else str(merged),
    )


class PostgresSignatureIndex:
    """A ``SignatureIndex`` over a psycopg 3 connection whose database has the cluster tables."""

    def __init__(
        self,
        conn: Any,
        lsh_threshold: float = 0.3,
        num_perm: int = NUM_PERM,
        seed: int = SEED,
        shingle_size: int = SHINGLE_SIZE,
        bucket_limit: int = 5,
    ) -> None:
        self.conn = conn
        self._params = lsh_params(lsh_threshold, num_perm)
        self.bucket_limit = bucket_limit
        present = conn.execute("SELECT to_regclass('cluster_signature') IS NOT NULL").fetchone()
        if not present or not present[0]:
            raise ClusterError(
                "this PostgreSQL database has no cluster tables; open it with "
                "dateline.store.open_store (which applies the migrations) first"
            )
        wanted = {
            "bands": str(self._params[0]),
            "rows": str(self._params[1]),
            "num_perm": str(num_perm),
            "seed": str(seed),
            "shingle_size": str(shingle_size),
        }
        have = dict(conn.execute("SELECT name, value FROM cluster_meta").fetchall())
        if have and have != wanted:
            raise ClusterError(
                f"the cluster index in this database was built with {have}, not {wanted}; "
                "open it with the same threshold and signature settings, or empty the "
                "cluster_* and story_cluster tables to rebuild it"
            )
        if not have:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO cluster_meta (name, value) VALUES (%s, %s) "
                    "ON CONFLICT (name) DO NOTHING",
                    sorted(wanted.items()),
                )

    @property
    def params(self) -> tuple[int, int]:
        return self._params

    def candidates(self, signature: Signature) -> list[StoredSignature]:
        if signature.empty:
            return []
        # Each band reads at most ``bucket_limit`` rows of its bucket (see ``index``).
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM cluster_signature WHERE n IN ("
            " SELECT b.n FROM unnest(%s::bigint[]) AS k(key)"
            " CROSS JOIN LATERAL (SELECT n FROM cluster_band WHERE key = k.key"
            " ORDER BY n LIMIT %s) AS b)",
            (band_keys(signature, self._params), self.bucket_limit),
        ).fetchall()
        return [_stored(r) for r in rows]

    def get(self, article_ids: Sequence[str]) -> list[StoredSignature]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM cluster_signature WHERE article_id = ANY(%s)",
            (list(article_ids),),
        ).fetchall()
        return [_stored(r) for r in rows]

    def add(self, entry: StoredSignature) -> None:
        row = self.conn.execute(
            f"INSERT INTO cluster_signature ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT (article_id) DO NOTHING RETURNING n",
            (
                entry.article_id,
                entry.cluster_id,
                entry.published_key,
                entry.length,
                signature_to_bytes(entry.signature),
            ),
        ).fetchone()
        if row is not None and not entry.signature.empty:
            n = int(row[0])
            with self.conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO cluster_band (key, n) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    [(k, n) for k in band_keys(entry.signature, self._params)],
                )

    def cluster_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT cluster_id FROM cluster_signature WHERE article_id = %s", (article_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def cluster(self, cluster_id: str) -> ClusterInfo | None:
        row = self.conn.execute(
            f"SELECT {_CLUSTER_COLUMNS} FROM story_cluster WHERE cluster_id = %s", (cluster_id,)
        ).fetchone()
        return _cluster(row) if row else None

    def put_cluster(self, info: ClusterInfo) -> None:
        # The upsert keeps the row's rank (its identity value) on update.
        self.conn.execute(
            f"INSERT INTO story_cluster ({_CLUSTER_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (cluster_id) DO UPDATE SET"
            " canonical_id = excluded.canonical_id,"
            " canonical_published_key = excluded.canonical_published_key,"
            " canonical_length = excluded.canonical_length, size = excluded.size,"
            " merged_into = excluded.merged_into",
            (
                info.cluster_id,
                info.canonical_id,
                info.canonical_published_key,
                info.canonical_length,
                info.size,
                info.merged_into,
            ),
        )

    def cluster_rank(self, cluster_id: str) -> int:
        row = self.conn.execute(
            "SELECT rank FROM story_cluster WHERE cluster_id = %s", (cluster_id,)
        ).fetchone()
        if row is None:
            raise KeyError(cluster_id)
        return int(row[0])

    def move_members(self, from_cluster: str, to_cluster: str) -> int:
        cur = self.conn.execute(
            "UPDATE cluster_signature SET cluster_id = %s WHERE cluster_id = %s",
            (to_cluster, from_cluster),
        )
        return int(cur.rowcount)

    def clusters(self) -> list[ClusterInfo]:
        rows = self.conn.execute(
            f"SELECT {_CLUSTER_COLUMNS} FROM story_cluster ORDER BY cluster_id"
        ).fetchall()
        return [_cluster(r) for r in rows]

    def members(self, cluster_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT article_id FROM cluster_signature WHERE cluster_id = %s ORDER BY article_id",
            (cluster_id,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def __len__(self) -> int:
        row = self.conn.execute("SELECT count(*) FROM cluster_signature").fetchone()
        return int(row[0])


__all__ = ["PostgresSignatureIndex"]
