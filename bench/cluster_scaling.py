"""Clustering cost per article as the store grows (1k, 10k, 100k generated articles).

Streams generated articles (``synth.corpus`` in tests/, not installed: stories with
reprints, rewrites and truncated copies) into a ``StoryClusterer``. When the
index holds N articles it times the next ``--probe`` articles (signature, LSH
lookup, comparison with candidates, insert), then goes on filling. Prints the
per-article cost at each size and the ratio of the largest size to the
smallest; the target is that this ratio stays at or below 2.

    .venv/bin/python bench/cluster_scaling.py                # 1k and 10k, memory + sqlite (~1 min)
    .venv/bin/python bench/cluster_scaling.py --full         # adds 100k (~6 min on 2 cores)
    .venv/bin/python bench/cluster_scaling.py --sizes 1000,50000 --index sqlite

Costs are CPU seconds of this process (median of ``--windows`` windows), so
other work on a shared machine disturbs them less than wall time; wall time is
printed too. The SQLite index gets a page cache of ``--cache-mb`` (the LSH
band table is read at random: with SQLite's default 2 MB cache the cost per
article grows with the store mostly through page cache misses).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import _synth_path  # noqa: F401
from dateline.cluster.index import MemorySignatureIndex, SignatureIndex, SQLiteSignatureIndex
from dateline.cluster.stories import ClusterOptions, StoryClusterer
from dateline.model import Article
from dateline.store.sqlite import SQLiteStore
from synth.corpus import LabelledArticle, iter_corpus


def _articles(seed: int) -> Iterator[Article]:
    item: LabelledArticle
    for item in iter_corpus(10**9, seed=seed):
        yield item.article


def _take(it: Iterator[Article], n: int) -> list[Article]:
    out = []
    for a in it:
        out.append(a)
        if len(out) == n:
            break
    return out


def measure(
    kind: str,
    sizes: list[int],
    probe: int,
    seed: int,
    folder: Path,
    windows: int = 5,
    cache_mb: int = 256,
) -> dict[int, float]:
    """Seconds per article for the ``probe`` articles added when the index holds each size."""
    options = ClusterOptions()
    conn: sqlite3.Connection | None = None
    index: SignatureIndex
    if kind == "sqlite":
        SQLiteStore(folder / "cluster.db").close()  # the cluster tables come from migrations
        conn = sqlite3.connect(folder / "cluster.db")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"PRAGMA cache_size=-{cache_mb * 1024}")
        index = SQLiteSignatureIndex(
            conn, options.lsh_threshold, bucket_limit=options.bucket_limit
        )
    else:
        index = MemorySignatureIndex(
            options.lsh_threshold, bucket_limit=options.bucket_limit
        )
    clusterer = StoryClusterer(index, options)
    stream = _articles(seed)
    stored = 0
    result: dict[int, float] = {}
    for size in sorted(sizes):
        while stored < size:
            batch = _take(stream, min(1000, size - stored))
            for a in batch:
                clusterer.add(a.id, a.text, a.published)
            stored += len(batch)
            if conn is not None:
                conn.commit()
        # The machine may be shared: time several windows in CPU time, keep the median.
        cpu, wall, n_new = [], [], 0
        for _ in range(windows):
            batch = _take(stream, max(1, probe // windows))
            c0, w0 = time.process_time(), time.perf_counter()
            for a in batch:
                n_new += clusterer.add(a.id, a.text, a.published).new_cluster
            if conn is not None:
                conn.commit()
            cpu.append((time.process_time() - c0) / len(batch))
            wall.append((time.perf_counter() - w0) / len(batch))
            stored += len(batch)
        per = statistics.median(cpu)
        result[size] = per
        print(
            f"{kind:6s} stored={size:>7,d}  cpu {per * 1e3:6.3f} ms/article  "
            f"(wall {statistics.median(wall) * 1e3:6.3f} ms; "
            f"{probe} probes, {n_new} opened a new cluster)",
            flush=True,
        )
    if conn is not None:
        conn.close()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="stored sizes to measure at")
    ap.add_argument("--full", action="store_true", help="measure at 1000,10000,100000")
    ap.add_argument("--probe", type=int, default=2000, help="articles timed at each size")
    ap.add_argument("--windows", type=int, default=5, help="timed windows per size")
    ap.add_argument("--cache-mb", type=int, default=256, help="SQLite page cache")
    ap.add_argument("--index", choices=("memory", "sqlite", "both"), default="both")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    spec = "1000,10000,100000" if args.full else args.sizes
    sizes = sorted(int(s) for s in spec.split(",") if s.strip())
    kinds = ("memory", "sqlite") if args.index == "both" else (args.index,)
    print(f"clustering cost per article; sizes {sizes}, {args.probe} probes each")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            t0 = time.perf_counter()
            res = measure(
                kind, sizes, args.probe, args.seed, Path(tmp), args.windows, args.cache_mb
            )
            lo, hi = sizes[0], sizes[-1]
            ratio = res[hi] / res[lo]
            print(
                f"{kind:6s} ratio {hi:,}/{lo:,} = {ratio:.2f} "
                f"(target <= 2.0: {'ok' if ratio <= 2.0 else 'MISSED'}); "
                f"run took {time.perf_counter() - t0:.0f} s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
