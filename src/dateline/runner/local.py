"""The local engine, and ``run_ingest``: the one ingest path for every engine.

``run_ingest`` reads the sources, hands batches of new articles to the engine
named by ``engine`` (``runner.engine``: ``local`` here, ``dask`` in
``runner.dask_engine``) and stores the results in input order through one
writer (``runner.writer``), whichever engine computed them.

Resumable: the ``runs`` table keeps, for a run key (the sources with their
sizes and mtimes, and the options), how many input items have been accounted
for; counts and cursor are committed in the same transaction as the batch
they describe. After an interruption the same call finds the unfinished run
and skips that many items without hashing them. Independently, every article
is checked by content hash (and URL) before NLP, so nothing is stored twice.

The local engine runs the pipeline in this process (``workers=1``) or in
``workers`` forked processes.

Each stored record is also put in its story cluster (``dateline.cluster``) in
the same transaction as the save, so a resumed run neither loses nor repeats
a cluster assignment.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import astuple
from typing import TypeVar

from dateline.cluster.stories import ClusterOptions, StoryClusterer
from dateline.config import Settings
from dateline.ingest.items import ReadOptions
from dateline.ingest.sources import STDIN, check_sources, expand_sources, read_sources
from dateline.model import Article
from dateline.pipeline import Pipeline, resolve_stages
from dateline.runner.batch import process_batch
from dateline.runner.engine import Engine, Result, engine_class, register_engine
from dateline.runner.summary import IngestProgress, IngestSummary, ProgressCallback
from dateline.runner.writer import IngestWriter, Pending, read_chunks
from dateline.store.base import Store
from dateline.store.clusters import cluster_backlog, story_clusterer
from dateline.store.open import open_store

T = TypeVar("T")

# -- worker side -------------------------------------------------------------------
_WORKER_PIPELINE: Pipeline | None = None


#: Seconds between a worker's checks that its parent is alive.
PARENT_POLL_SECONDS = 0.5


def exit_with_parent(parent: int, interval: float = PARENT_POLL_SECONDS) -> None:
    """End this process soon after process ``parent`` ends, however it ends (``kill -9``).

    A watchdog thread polls the parent pid: a worker whose parent died is adopted by
    another process, and must not run on holding its memory (the pool that would have
    stopped it is gone).
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="dateline-exit-with-parent", daemon=True).start()


def _init_worker(settings: Settings, stages: list[str], parent: int) -> None:
    exit_with_parent(parent)
    # A forked worker inherits the parent's pipeline (and any model it loaded).
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None or _WORKER_PIPELINE.names != stages:
        _WORKER_PIPELINE = Pipeline(settings, stages)


def _process_in_worker(articles: list[Article]) -> list[Result]:
    assert _WORKER_PIPELINE is not None
    return process_batch(_WORKER_PIPELINE, articles)


@register_engine
class LocalEngine(Engine):
    """The pipeline in this process (one worker) or in forked worker processes.

    With several workers, at most ``2 x workers + 1`` batches are in flight.
    """

    name = "local"

    def open(self, stack: ExitStack) -> None:
        global _WORKER_PIPELINE
        self._pipeline = self.pipeline or Pipeline(self.settings, self.stages)
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            _WORKER_PIPELINE = self._pipeline  # what forked workers inherit
            self._pool = stack.enter_context(
                ProcessPoolExecutor(
                    max_workers=self.workers,
                    initializer=_init_worker,
                    initargs=(self.settings, self.stages, os.getpid()),
                )
            )

    def map(
        self, batches: Iterable[tuple[T, Sequence[Article]]]
    ) -> Iterator[tuple[T, list[Result]]]:
        if self._pool is None:
            for tag, articles in batches:
                yield tag, process_batch(self._pipeline, articles)
            return
        inflight: deque[tuple[T, Future[list[Result]]]] = deque()
        for tag, articles in batches:
            inflight.append((tag, self._pool.submit(_process_in_worker, list(articles))))
            while len(inflight) > self.workers * 2:
                done, fut = inflight.popleft()
                yield done, fut.result()
        while inflight:
            done, fut = inflight.popleft()
            yield done, fut.result()


# -- parent side -------------------------------------------------------------------
def run_key(
    sources: Sequence[str],
    options: ReadOptions,
    stages: Sequence[str],
    expanded: Sequence[tuple[str, str]] | None = None,
) -> str:
    """Identifies "the same command on the same inputs" for resuming."""
    files = []
    for path, kind in expand_sources(sources) if expanded is None else expanded:
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
    or ``./dateline.db``). ``stages``: default, the configured stages
    (``dateline.pipeline.resolve_stages``). ``engine``: ``"local"`` (``workers``
    processes, default 1) or ``"dask"`` (the workers of the cluster at
    ``scheduler``, or a new local cluster of ``workers`` processes, default 2);
    the store is written by this process either way. ``cluster``: story-clustering options (default
    ``ClusterOptions()``); ``clustering=False`` stores records without
    clustering them. Raises ``DatelineError`` (exit code ``EXIT_USAGE``) for a
    missing source or a bad configuration, before anything is written.
    """
    settings = settings or Settings()
    engine_cls = engine_class(engine)
    workers = engine_cls.check_options(workers, scheduler)
    options = options or ReadOptions(max_chars=settings.max_chars)
    names = resolve_stages(settings, stages)  # a bad stage list fails here
    size = batch_size or settings.batch_size
    check_sources(sources)
    pipeline = Pipeline(settings, names)
    expanded = list(expand_sources(sources))  # once: the files counted are the files read
    files_total = len(expanded)

    own_store = not isinstance(db, Store)
    store = open_store(db) if not isinstance(db, Store) else db
    t0 = time.monotonic()
    try:
        key = run_key(sources, options, names, expanded)
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
        # the run's counts are the progress's int fields (read, processed, …)
        state = IngestProgress(files_total=files_total, **run.counts)  # type: ignore[arg-type]

        def on_file(path: str) -> None:
            state.files_done += 1 if state.current else 0
            state.current = path

        pending = Pending()
        writer = IngestWriter(store, run, clusterer, state, progress, pending, t0)
        items = read_sources(sources, options, on_file=on_file, files=expanded)
        chunks = read_chunks(items, store, run.counts["read"], size, pending)
        with engine_cls(settings, names, workers, scheduler=scheduler, pipeline=pipeline) as runner:
            for chunk, results in runner.map((c, c.batch) for c in chunks):
                writer.commit(chunk, results)
        seconds = writer.finish()
        counts = writer.counts
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
