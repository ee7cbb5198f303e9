"""The local engine: read sources, run the pipeline in batches, write through one writer.

Resumable: the ``runs`` table keeps, for a run key (the sources with their
sizes and mtimes, and the options), how many input items have been accounted
for; counts and cursor are committed in the same transaction as the batch
they describe. After an interruption the same call finds the unfinished run
and skips that many items without hashing them. Independently, every article
is checked by content hash (and URL) before NLP, so nothing is stored twice.

``workers > 1`` runs the pipeline in worker processes; ``engine="dask"`` runs
it on Dask workers instead (``runner.dask_engine.map_partitions``). Either way
results come back in input order and only the parent writes.

Each stored record is also put in its story cluster (``dateline.cluster``) in
the same transaction as the save, so a resumed run neither loses nor repeats
a cluster assignment.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import astuple, dataclass, field
from typing import Any

from dateline.cluster.stories import ClusterOptions, StoryClusterer
from dateline.config import Settings
from dateline.errors import ConfigError
from dateline.ingest.items import Quarantined, ReadOptions, Skipped
from dateline.ingest.sources import STDIN, check_sources, expand_sources, read_sources
from dateline.model import Article, Record
from dateline.pipeline import Pipeline
from dateline.runner.batch import process_batch
from dateline.runner.stages import available_stages
from dateline.runner.summary import IngestProgress, IngestSummary, ProgressCallback
from dateline.store.base import Store
from dateline.store.clusters import cluster_backlog, story_clusterer
from dateline.store.codec import content_hash
from dateline.store.open import open_store


@dataclass
class _Chunk:
    """Input items up to a cursor: articles for the pipeline plus items needing no NLP."""

    end: int  # cursor after the chunk's last item
    articles: list[tuple[Article, str]] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: int = 0
    read: int = 0


# -- worker side -------------------------------------------------------------------
_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(settings: Settings, stages: list[str]) -> None:
    # A forked worker inherits the parent's pipeline (and any model it loaded).
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None or _WORKER_PIPELINE.names != stages:
        _WORKER_PIPELINE = Pipeline(settings, stages)


def _process_in_worker(articles: list[Article]) -> list[Record | str]:
    assert _WORKER_PIPELINE is not None
    return process_batch(_WORKER_PIPELINE, articles)


# -- parent side -------------------------------------------------------------------
def run_key(sources: Sequence[str], options: ReadOptions, stages: Sequence[str]) -> str:
    """Identifies "the same command on the same inputs" for resuming."""
    files = []
    for path, kind in expand_sources(sources):
        try:
            st = os.stat(path) if kind not in ("stdin", "missing") else None
        except OSError:
            st = None
        files.append([path, st.st_size if st else None, st.st_mtime_ns if st else None])
    blob = json.dumps(
        [files, astuple(options.fields), options.max_chars, list(options.languages), list(stages)],
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _chunks(
    items: Iterator[Any],
    store: Store,
    start: int,
    batch_size: int,
    pending_hashes: set[str],
    pending_urls: set[str],
) -> Iterator[_Chunk]:
    """Group items into chunks of up to ``batch_size`` new articles.

    Items ``1..start`` were accounted for by the interrupted run and are passed
    over; a chunk's ``end`` is the cursor (items read so far) after it.
    """
    chunk = _Chunk(end=start)
    pos = 0
    for item in items:
        pos += 1
        if pos <= start:
            continue  # accounted for by the interrupted run
        chunk.read += 1
        chunk.end = pos
        if isinstance(item, Quarantined):
            chunk.quarantined.append(item)
        elif isinstance(item, Skipped):
            chunk.skipped.append(item)
        else:
            h = content_hash(item.text)
            url = item.url or None
            if (
                h in pending_hashes
                or (url is not None and url in pending_urls)
                or store.find_duplicate(h, url) is not None
            ):
                chunk.duplicates += 1
            else:
                pending_hashes.add(h)
                if url:
                    pending_urls.add(url)
                chunk.articles.append((item, h))
        # Commit regularly even when few items need NLP (e.g. a rerun of known inputs).
        if len(chunk.articles) >= batch_size or chunk.read >= 4 * batch_size:
            yield chunk
            chunk = _Chunk(end=pos)
    if chunk.read:
        yield chunk


ENGINES = ("local", "dask")


def run_ingest(
    sources: Sequence[str],
    db: str | Store | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    options: ReadOptions | None = None,
    stages: Sequence[str] | None = None,
    batch_size: int | None = None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    cluster: ClusterOptions | None = None,
    clustering: bool = True,
) -> IngestSummary:
    """Read ``sources``, run the pipeline, store the records; resumable and idempotent.

    ``db``: a path, ``postgresql://`` URL or open ``Store`` (default: ``$DATELINE_DB``
    or ``./dateline.db``). ``stages``: default, the configured stages that are
    registered. ``engine``: ``"local"`` (``workers`` processes, default 1) or
    ``"dask"`` (the workers of the cluster at ``scheduler``, or a new local
    cluster of ``workers`` processes, default 2); the store is written by this
    process either way. ``cluster``: story-clustering options (default
    ``ClusterOptions()``); ``clustering=False`` stores records without
    clustering them. Raises ``DatelineError`` (exit code ``EXIT_USAGE``) for a
    missing source or a bad configuration, before anything is written.
    """
    settings = settings or Settings()
    if engine not in ENGINES:
        raise ConfigError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if workers is None:
        workers = 2 if engine == "dask" else 1
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    options = options or ReadOptions(max_chars=settings.max_chars)
    names = list(stages) if stages is not None else available_stages(settings)
    size = batch_size or settings.batch_size
    check_sources(sources)
    pipeline = Pipeline(settings, names)  # fails early on a bad stage list
    files_total = sum(1 for _ in expand_sources(sources))

    own_store = not isinstance(db, Store)
    store = open_store(db) if not isinstance(db, Store) else db
    t0 = time.monotonic()
    try:
        key = run_key(sources, options, names)
        if STDIN in sources:
            key += f":{time.time_ns()}"  # standard input cannot be replayed
        clusterer: StoryClusterer | None = None
        if clustering:
            clusterer = story_clusterer(store, cluster)
            cluster_backlog(store, clusterer)  # articles stored before clustering ran
        run = store.start_run(
            key,
            list(sources),
            {
                "stages": names,
                "workers": workers,
                "engine": engine,
                "cluster_threshold": clusterer.options.threshold if clusterer else None,
            },
        )
        counts = dict(run.counts)
        base_seconds = run.seconds
        state = IngestProgress(files_total=files_total, **{k: counts[k] for k in counts})

        def on_file(path: str) -> None:
            state.files_done += 1 if state.current else 0
            state.current = path

        pending_hashes: set[str] = set()
        pending_urls: set[str] = set()
        items = read_sources(sources, options, on_file=on_file)
        chunks = _chunks(items, store, counts["read"], size, pending_hashes, pending_urls)

        def commit(chunk: _Chunk, results: list[Record | str]) -> None:
            delta = dict.fromkeys(counts, 0)
            delta["read"] = chunk.read
            delta["duplicates"] = chunk.duplicates
            with store.transaction():
                for q in chunk.quarantined:
                    store.add_quarantine(q.source, q.position, q.reason, run.id)
                    delta["quarantined"] += 1
                for s in chunk.skipped:
                    store.add_skipped(s.source, s.position, s.reason, s.article_id, s.lang, run.id)
                    delta["skipped"] += 1
                for (article, h), res in zip(chunk.articles, results, strict=True):
                    if isinstance(res, str):
                        store.add_quarantine(
                            article.source or "", f"id {article.id}", res, run.id
                        )
                        delta["quarantined"] += 1
                        continue
                    saved = store.save(res, h, run.id)
                    if saved.status == "duplicate":
                        delta["duplicates"] += 1
                    else:
                        if clusterer is not None:
                            # save() may have renamed the record (``id~hash``): res.id is final.
                            clusterer.add_record(res)
                        delta["processed"] += 1
                        delta["quotes"] += len(res.quotes)
                        delta["events"] += len(res.events)
                for k, v in delta.items():
                    counts[k] += v
                elapsed = base_seconds + time.monotonic() - t0
                store.update_run(run.id, counts, elapsed)
            for article, h in chunk.articles:
                pending_hashes.discard(h)
                if article.url:
                    pending_urls.discard(article.url)
            if progress is not None:
                for k, v in counts.items():
                    setattr(state, k, v)
                state.seconds = time.monotonic() - t0
                progress(state)

        if engine == "dask":
            from dateline.runner.dask_engine import dask_client, map_partitions

            with dask_client(scheduler, workers) as client:
                parts = ((c, [a for a, _ in c.articles]) for c in chunks)
                for c, results in map_partitions(client, parts, settings, names):
                    commit(c, results)
        elif workers == 1:
            for chunk in chunks:
                commit(chunk, process_batch(pipeline, [a for a, _ in chunk.articles]))
        else:
            global _WORKER_PIPELINE
            _WORKER_PIPELINE = pipeline
            with ProcessPoolExecutor(
                max_workers=workers, initializer=_init_worker, initargs=(settings, names)
            ) as pool:
                inflight: deque[tuple[_Chunk, Future[list[Record | str]]]] = deque()
                for chunk in chunks:
                    inflight.append(
                        (chunk, pool.submit(_process_in_worker, [a for a, _ in chunk.articles]))
                    )
                    while len(inflight) > workers * 2:
                        c, fut = inflight.popleft()
                        commit(c, fut.result())
                while inflight:
                    c, fut = inflight.popleft()
                    commit(c, fut.result())
        seconds = time.monotonic() - t0
        with store.transaction():
            store.update_run(run.id, counts, base_seconds + seconds, status="done")
        if progress is not None:
            state.files_done, state.seconds = files_total, seconds
            progress(state)
        return IngestSummary(
            read=counts["read"],
            processed=counts["processed"],
            duplicates=counts["duplicates"],
            skipped=counts["skipped"],
            quarantined=counts["quarantined"],
            quotes=counts["quotes"],
            events=counts["events"],
            seconds=round(seconds, 3),
            run_id=run.id,
            resumed=run.resumed,
            db=store.url,
            workers=workers,
            stages=names,
        )
    finally:
        if own_store:
            store.close()


def cluster_options(threshold: float | None = None) -> ClusterOptions:
    """Default clustering options, with ``--cluster-threshold`` when given."""
    if threshold is None:
        return ClusterOptions()
    return ClusterOptions(threshold=threshold)
