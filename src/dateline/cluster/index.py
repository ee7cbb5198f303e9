"""Where signatures live between runs: an LSH index plus each article's cluster.

``SignatureIndex`` is the protocol the clusterer talks to. Two implementations:

- ``MemorySignatureIndex`` keeps everything in a datasketch ``MinHashLSH``
  (tests, one-off runs, benchmarks);
- ``SQLiteSignatureIndex`` keeps signatures, LSH band keys and clusters in the
  tables (``cluster_*``, ``story_cluster``) that the store's migrations create
  in a database file whose ``sqlite3`` connection it is given, so clustering picks up where the last
  ingest stopped. Lookups go through an index on the band key, so their cost
  grows with the log of the number of stored articles, not with it.

Both band a 128-value signature the way datasketch's ``MinHashLSH`` does:
``b`` bands of ``r`` values, with the pair ``MinHashLSH`` chooses for the
candidate threshold; two articles are candidates when any band matches
exactly. Each band is stored under a stable 64-bit key (blake2b of the band
number and values) so that memory and SQLite give the same candidates.

One difference from a plain LSH table: a lookup reads at most
``bucket_limit`` articles from each bucket. Buckets grow large only when many
different articles share the shingles that gave a band its minima (an
outlet's boilerplate, stock phrases); for a real story any one member of its
bucket is enough to find its cluster. Without the limit the number of false
candidates, and so the cost per article, would grow with the store.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable

from datasketch import MinHashLSH

from dateline.cluster.minhash import (
    NUM_PERM,
    SEED,
    SHINGLE_SIZE,
    Signature,
    signature_from_bytes,
    signature_to_bytes,
)
from dateline.errors import DatelineError


class ClusterError(DatelineError):
    """The cluster index cannot be used as configured."""

    code = "E030"


#: The error when a database has no cluster tables (they come from the store's migrations).
NO_TABLES = (
    "this {backend} database has no cluster tables; open it with "
    "dateline.store.open_store (which applies the migrations) first"
)


@dataclass(frozen=True, slots=True)
class StoredSignature:
    """An article's signature and what clustering needs to know about it."""

    article_id: str
    cluster_id: str
    published_key: str
    length: int
    signature: Signature


@dataclass(frozen=True, slots=True)
class ClusterInfo:
    """A story cluster: its id (the first article's id), canonical article and size.

    ``merged_into`` is set on a cluster that a later article showed to be the
    same story as an older cluster: its members moved there.
    """

    cluster_id: str
    canonical_id: str
    canonical_published_key: str
    canonical_length: int
    size: int
    merged_into: str | None = None

    def canonical_key(self) -> tuple[str, int, str]:
        """Order of preference: earliest published, then longest text, then smallest id."""
        return (self.canonical_published_key, -self.canonical_length, self.canonical_id)


def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) that datasketch's ``MinHashLSH`` picks for ``threshold``."""
    if not 0.0 < threshold < 1.0:
        raise ClusterError(f"LSH threshold must be between 0 and 1, got {threshold}")
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


@runtime_checkable
class SignatureIndex(Protocol):
    """What the clusterer needs from storage."""

    @property
    def params(self) -> tuple[int, int]: ...

    def candidates(self, signature: Signature) -> list[StoredSignature]:
        """Stored articles sharing at least one LSH band with ``signature``."""
        ...

    def get(self, article_ids: Sequence[str]) -> list[StoredSignature]: ...

    def add(self, entry: StoredSignature) -> None: ...

    def cluster_of(self, article_id: str) -> str | None: ...

    def cluster(self, cluster_id: str) -> ClusterInfo | None: ...

    def put_cluster(self, info: ClusterInfo) -> None:
        """Create or replace a cluster's row (a new cluster ranks after all existing ones)."""
        ...

    def cluster_rank(self, cluster_id: str) -> int:
        """Creation order of a cluster: lower is older."""
        ...

    def move_members(self, from_cluster: str, to_cluster: str) -> int:
        """Relabel every article of ``from_cluster``; returns how many moved."""
        ...

    def __len__(self) -> int: ...


class MemorySignatureIndex:
    """Everything in memory: band buckets plus dictionaries."""

    def __init__(
        self, lsh_threshold: float = 0.3, num_perm: int = NUM_PERM, bucket_limit: int = 5
    ) -> None:
        self._params = lsh_params(lsh_threshold, num_perm)
        self.bucket_limit = bucket_limit
        self._buckets: dict[int, list[str]] = {}
        self._entries: dict[str, StoredSignature] = {}
        self._clusters: dict[str, ClusterInfo] = {}
        self._rank: dict[str, int] = {}
        self._members: dict[str, list[str]] = {}

    @property
    def params(self) -> tuple[int, int]:
        return self._params

    def candidates(self, signature: Signature) -> list[StoredSignature]:
        if signature.empty:
            return []
        seen: dict[str, None] = {}
        for key in band_keys(signature, self._params):
            for a in self._buckets.get(key, ())[: self.bucket_limit]:
                seen[a] = None
        return [self._entries[a] for a in seen]

    def get(self, article_ids: Sequence[str]) -> list[StoredSignature]:
        return [self._entries[a] for a in article_ids if a in self._entries]

    def add(self, entry: StoredSignature) -> None:
        if entry.article_id in self._entries:
            return
        self._entries[entry.article_id] = entry
        self._members.setdefault(entry.cluster_id, []).append(entry.article_id)
        if not entry.signature.empty:
            for key in band_keys(entry.signature, self._params):
                self._buckets.setdefault(key, []).append(entry.article_id)

    def cluster_of(self, article_id: str) -> str | None:
        e = self._entries.get(article_id)
        return e.cluster_id if e else None

    def cluster(self, cluster_id: str) -> ClusterInfo | None:
        return self._clusters.get(cluster_id)

    def put_cluster(self, info: ClusterInfo) -> None:
        self._rank.setdefault(info.cluster_id, len(self._rank))
        self._clusters[info.cluster_id] = info

    def cluster_rank(self, cluster_id: str) -> int:
        return self._rank[cluster_id]

    def move_members(self, from_cluster: str, to_cluster: str) -> int:
        moved = self._members.pop(from_cluster, [])
        for a in moved:
            self._entries[a] = replace(self._entries[a], cluster_id=to_cluster)
        self._members.setdefault(to_cluster, []).extend(moved)
        return len(moved)

    def clusters(self) -> list[ClusterInfo]:
        return list(self._clusters.values())

    def members(self, cluster_id: str) -> list[str]:
        return sorted(self._members.get(cluster_id, []))

    def __len__(self) -> int:
        return len(self._entries)


def band_keys(signature: Signature, params: tuple[int, int]) -> list[int]:
    """One signed 64-bit key per LSH band: a hash of the band number and its values."""
    b, r = params
    hv = signature.hashvalues
    keys = []
    for i in range(b):
        h = hashlib.blake2b(i.to_bytes(2, "little"), digest_size=8)
        h.update(hv[i * r : (i + 1) * r].tobytes())
        keys.append(int.from_bytes(h.digest(), "little", signed=True))
    return keys


_SIGNATURE_COLUMNS = "article_id, cluster_id, published_key, length, signature"
_CLUSTER_COLUMNS = (
    "cluster_id, canonical_id, canonical_published_key, canonical_length, size, merged_into"
)


def _signature_row(row: Sequence[Any]) -> StoredSignature:
    a, c, p, n, s = row
    return StoredSignature(str(a), str(c), str(p), int(n), signature_from_bytes(bytes(s)))


def _cluster_row(row: Sequence[Any]) -> ClusterInfo:
    cid, canonical, pkey, length, size, merged = row
    return ClusterInfo(
        str(cid),
        str(canonical),
        str(pkey),
        int(length),
        int(size),
        None if merged is None else str(merged),
    )


class SQLSignatureIndex:
    """What the SQLite and PostgreSQL indexes share: the same tables, one SQL dialect apart.

    A subclass sets ``_MARK`` (the driver's parameter placeholder), ``_RANK``
    (the column that orders clusters by creation) and ``_REBUILD`` (how the
    settings-mismatch message says to clear the tables), and implements
    ``_prepare`` (make sure the tables are there), ``candidates``, ``get``,
    ``add`` and ``_insert_meta``. The index never commits: the caller (the
    store's single writer) decides when a transaction ends.
    """

    _MARK = "?"
    _RANK = "rowid"
    _REBUILD = "drop"

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
        self._prepare()
        self._check_meta(num_perm, seed, shingle_size)

    def _prepare(self) -> None:
        raise NotImplementedError

    def _check_meta(self, num_perm: int, seed: int, shingle_size: int) -> None:
        """Record the LSH settings in a new index; refuse an index built with others."""
        wanted = {
            "bands": str(self._params[0]),
            "rows": str(self._params[1]),
            "num_perm": str(num_perm),
            "seed": str(seed),
            "shingle_size": str(shingle_size),
        }
        have = dict(self.conn.execute("SELECT name, value FROM cluster_meta").fetchall())
        if have and have != wanted:
            raise ClusterError(
                f"the cluster index in this database was built with {have}, not {wanted}; "
                f"open it with the same threshold and signature settings, or {self._REBUILD} the "
                "cluster_* and story_cluster tables to rebuild it"
            )
        if not have:
            self._insert_meta(sorted(wanted.items()))

    def _insert_meta(self, items: list[tuple[str, str]]) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """``sql`` written with ``?`` placeholders, in this driver's placeholder."""
        return sql.replace("?", self._MARK)

    def _signature_values(self, entry: StoredSignature) -> tuple[str, str, str, int, bytes]:
        return (
            entry.article_id,
            entry.cluster_id,
            entry.published_key,
            entry.length,
            signature_to_bytes(entry.signature),
        )

    @property
    def params(self) -> tuple[int, int]:
        return self._params

    def cluster_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            self._sql("SELECT cluster_id FROM cluster_signature WHERE article_id = ?"),
            (article_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def cluster(self, cluster_id: str) -> ClusterInfo | None:
        row = self.conn.execute(
            self._sql(f"SELECT {_CLUSTER_COLUMNS} FROM story_cluster WHERE cluster_id = ?"),
            (cluster_id,),
        ).fetchone()
        return _cluster_row(row) if row else None

    def put_cluster(self, info: ClusterInfo) -> None:
        # The upsert keeps the row's rank (SQLite's rowid, PostgreSQL's identity value).
        self.conn.execute(
            self._sql(
                f"INSERT INTO story_cluster ({_CLUSTER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (cluster_id) DO UPDATE SET "
                "canonical_id = excluded.canonical_id, "
                "canonical_published_key = excluded.canonical_published_key, "
                "canonical_length = excluded.canonical_length, size = excluded.size, "
                "merged_into = excluded.merged_into"
            ),
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
            self._sql(f"SELECT {self._RANK} FROM story_cluster WHERE cluster_id = ?"),
            (cluster_id,),
        ).fetchone()
        if row is None:
            raise KeyError(cluster_id)
        return int(row[0])

    def move_members(self, from_cluster: str, to_cluster: str) -> int:
        cur = self.conn.execute(
            self._sql("UPDATE cluster_signature SET cluster_id = ? WHERE cluster_id = ?"),
            (to_cluster, from_cluster),
        )
        return int(cur.rowcount)

    def clusters(self) -> list[ClusterInfo]:
        rows = self.conn.execute(
            f"SELECT {_CLUSTER_COLUMNS} FROM story_cluster ORDER BY cluster_id"
        ).fetchall()
        return [_cluster_row(r) for r in rows]

    def members(self, cluster_id: str) -> list[str]:
        rows = self.conn.execute(
            self._sql(
                "SELECT article_id FROM cluster_signature WHERE cluster_id = ? ORDER BY article_id"
            ),
            (cluster_id,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM cluster_signature").fetchone()[0])


class SQLiteSignatureIndex(SQLSignatureIndex):
    """Signatures, band keys and clusters in the given SQLite database.

    The tables come from the store's migrations (``dateline.store.migrations``):
    a database without them raises ``ClusterError``. The index never commits:
    the caller (the store's single writer) decides when a transaction ends.
    Opening an index made with other LSH settings raises ``ClusterError``,
    because stored band keys would not match new ones.
    """

    conn: sqlite3.Connection

    def _prepare(self) -> None:
        # Band rows hold the signature's row number (small integer rows, so fewer
        # pages to touch); each band reads at most ``bucket_limit`` of them.
        one = "SELECT n FROM (SELECT n FROM cluster_band WHERE key = ? LIMIT ?)"
        self._candidates_sql = (
            f"SELECT {_SIGNATURE_COLUMNS} "
            "FROM cluster_signature WHERE n IN ("
            + " UNION ".join([one] * self._params[0])
            + ")"
        )
        present = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cluster_signature'"
        ).fetchone()
        if present is None:
            raise ClusterError(NO_TABLES.format(backend="SQLite"))

    def _insert_meta(self, items: list[tuple[str, str]]) -> None:
        self.conn.executemany("INSERT INTO cluster_meta (name, value) VALUES (?, ?)", items)

    def candidates(self, signature: Signature) -> list[StoredSignature]:
        if signature.empty:
            return []
        args: list[int] = []
        for key in band_keys(signature, self._params):
            args += (key, self.bucket_limit)
        rows = self.conn.execute(self._candidates_sql, args).fetchall()
        return [_signature_row(r) for r in rows]

    def get(self, article_ids: Sequence[str]) -> list[StoredSignature]:
        out: list[StoredSignature] = []
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {_SIGNATURE_COLUMNS} FROM cluster_signature WHERE article_id IN ({marks})",
                chunk,
            ).fetchall()
            out.extend(_signature_row(r) for r in rows)
        return out

    def add(self, entry: StoredSignature) -> None:
        cur = self.conn.execute(
            f"INSERT OR IGNORE INTO cluster_signature ({_SIGNATURE_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?)",
            self._signature_values(entry),
        )
        if cur.rowcount and not entry.signature.empty:
            n = cur.lastrowid
            self.conn.executemany(
                "INSERT OR IGNORE INTO cluster_band (key, n) VALUES (?, ?)",
                [(k, n) for k in band_keys(entry.signature, self._params)],
            )


__all__ = [
    "NO_TABLES",
    "ClusterError",
    "ClusterInfo",
    "MemorySignatureIndex",
    "SQLSignatureIndex",
    "SQLiteSignatureIndex",
    "SignatureIndex",
    "StoredSignature",
    "band_keys",
    "lsh_params",
]
