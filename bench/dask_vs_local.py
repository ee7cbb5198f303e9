"""Dask engine (2 workers) vs the local engine (1 process) on the same corpus.

    .venv/bin/python bench/dask_vs_local.py [--stories 150] [--workers 2] [--scheduler ADDR]

Both runs are ``run_ingest`` into a fresh SQLite store with the configured
stages and story clustering, on the same generated corpus
(``synth.corpus`` in tests/: stories with reprints, rewrites and truncated copies).
The model is loaded in this process before timing, so the local time is
reading + NLP + store; the Dask time also includes starting the local
cluster and loading the model in each worker (what a user waits for).
Prints articles/s and words/s of each and the ratio dask / local, and checks
that both stores hold the same articles and story clusters. On a 2-core
machine the two workers share the CPUs with this process (reading, writing)
and with anything else running, so compare runs on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
import time
from pathlib import Path

import _synth_path  # noqa: F401
from dateline.config import Settings
from dateline.ingest.items import ReadOptions
from dateline.pipeline import Pipeline, resolve_stages
from dateline.runner.local import run_ingest
from dateline.store import open_store, story_clusters
from synth.corpus import generate_corpus


def write_corpus(path: Path, n_stories: int) -> int:
    """The corpus as JSON lines; returns its number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as f:
        for it in generate_corpus(n_stories, seed=3):
            a = it.article
            words += len(a.text.split())
            f.write(json.dumps({"id": a.id, "text": a.text, "title": a.title,
                                "source": a.source, "published": a.published}) + "\n")
    return words


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--stories", type=int, default=150)
    p.add_argument("--workers", type=int, default=2, help="Dask local cluster size")
    p.add_argument("--scheduler", default=None, help="an existing Dask scheduler instead")
    p.add_argument("--batch-size", type=int, default=32)
    args = p.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)

    settings = Settings()
    stages = resolve_stages(settings)
    options = ReadOptions(languages=())
    Pipeline(settings, stages)  # load the model here, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus.jsonl"
        words = write_corpus(corpus, args.stories)
        results = {}
        for name, kw in (
            ("local", {"workers": 1}),
            ("dask", {"engine": "dask", "workers": args.workers, "scheduler": args.scheduler}),
        ):
            db = str(root / f"{name}.db")
            t = time.perf_counter()
            s = run_ingest([str(corpus)], db=db, settings=settings, stages=stages,
                           options=options, batch_size=args.batch_size, **kw)  # type: ignore[arg-type]
            seconds = time.perf_counter() - t
            with open_store(db) as store:
                clusters = story_clusters(store)
            results[name] = (s, seconds, clusters)
            print(f"{name:5}: {s.read} articles, {words} words in {seconds:.2f} s = "
                  f"{s.read / seconds:.1f} articles/s, {words / seconds:.0f} words/s "
                  f"({s.processed} stored, {len(set(clusters.values()))} story clusters)")
        (ls, lsec, lcl), (ds, dsec, dcl) = results["local"], results["dask"]
        same = lcl == dcl and (ls.processed, ls.quotes, ls.events) == (
            ds.processed, ds.quotes, ds.events)
        print(f"stages: {','.join(stages)}; {os.cpu_count()} CPUs, load average now "
              f"{os.getloadavg()[0]:.1f} (other processes share the CPUs the workers use)")
        print(f"ratio dask({args.workers} workers) / local(1 process): {lsec / dsec:.2f}x")
        print(f"same articles, counts and clusters: {same}")


if __name__ == "__main__":
    main()
