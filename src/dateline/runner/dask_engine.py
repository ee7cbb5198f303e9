"""The Dask engine: the pipeline on Dask workers, one writer in the caller.

``DaskEngine`` is the ``dask`` engine of ``runner.engine`` (what ``run_ingest``
uses with ``engine="dask"``); ``run_dask`` is the same engine without a store.
``run_dask`` cuts the input into partitions of ``partition_size`` articles,
runs ``dateline.pipeline.Pipeline`` on them on Dask workers and hands the
records back *in input order* to one ``writer`` callback in the calling
process (the store's single writer). At most ``4 x workers`` partitions are in
flight, so memory stays bounded however long the input is.

With no ``scheduler`` address a ``distributed.LocalCluster`` is started
(``n_workers`` processes, one thread each) and closed afterwards. With an
address (``tcp://host:8786``) the workers of that cluster are used; they need
the same version of dateline and its spaCy model installed, and since they
only compute, the store stays wherever the caller writes it (PostgreSQL when
several machines share the results).

Each worker process builds its ``Pipeline`` once per settings and stage list
and keeps it for later partitions.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from dateline.config import Settings
from dateline.errors import ConfigError
from dateline.ingest.items import Quarantined, ReadOptions, Skipped
from dateline.ingest.sources import check_sources, read_sources
from dateline.model import Article, Record
from dateline.pipeline import Pipeline, resolve_stages
from dateline.runner.batch import process_batch
from dateline.runner.engine import Engine, Result, batches_of, register_engine

T = TypeVar("T")

_PIPELINES: dict[tuple[Settings, tuple[str, ...]], Pipeline] = {}


def _pipeline(settings: Settings, stages: tuple[str, ...]) -> Pipeline:
    key = (settings, stages)
    p = _PIPELINES.get(key)
    if p is None:
        p = _PIPELINES[key] = Pipeline(settings, list(stages))
    return p


def process_partition(
    settings: Settings, stages: tuple[str, ...], articles: Sequence[Article]
) -> list[Result]:
    """Run on a worker: records for ``articles``; a failing article becomes a message.

    When the batch fails as a whole, articles are retried one at a time so one
    bad input does not cost its neighbours their records.
    """
    return process_batch(_pipeline(settings, stages), articles)


@contextmanager
def dask_client(scheduler: str | None = None, n_workers: int = 2) -> Iterator[Any]:
    """A ``distributed.Client``: to ``scheduler``, or to a new local cluster."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    if n_workers < 1:
        raise ConfigError(f"the Dask engine needs at least 1 worker, got {n_workers}")
    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _is_sources(inputs: object) -> bool:
    return isinstance(inputs, list | tuple) and all(isinstance(x, str | Path) for x in inputs)


def map_partitions(
    client: Any,
    partitions: Iterable[tuple[T, Sequence[Article]]],
    settings: Settings,
    stages: Sequence[str],
    max_in_flight: int | None = None,
) -> Iterator[tuple[T, list[Result]]]:
    """Run each (tag, articles) partition on the workers; yield (tag, results) in input order.

    ``tag`` is anything the caller needs back with the results (the local
    engine's chunk, say); results are a ``Record`` or a failure message per
    article. At most ``max_in_flight`` partitions are pending (default: four times
    the workers' threads).
    """
    if max_in_flight is None:
        max_in_flight = max(4, 4 * sum(client.nthreads().values()))
    names = tuple(stages)
    pending: deque[tuple[T, Any]] = deque()
    for tag, part in partitions:
        pending.append(
            (tag, client.submit(process_partition, settings, names, list(part), pure=False))
        )
        while len(pending) >= max_in_flight:
            done, fut = pending.popleft()
            yield done, fut.result()
    while pending:
        done, fut = pending.popleft()
        yield done, fut.result()


@register_engine
class DaskEngine(Engine):
    """The pipeline on Dask workers: a cluster at ``scheduler``, or a new local one.

    ``workers``: the size of the local cluster (default 2) when no scheduler is given.
    """

    name = "dask"
    default_workers = 2
    takes_scheduler = True

    def open(self, stack: ExitStack) -> None:
        self.client = stack.enter_context(dask_client(self.scheduler, self.workers))

    @property
    def address(self) -> str:
        """The scheduler's address (once the engine is open)."""
        return str(self.client.scheduler.address)

    def map(
        self, batches: Iterable[tuple[T, Sequence[Article]]]
    ) -> Iterator[tuple[T, list[Result]]]:
        return map_partitions(self.client, batches, self.settings, self.stages)


@dataclass(slots=True)
class DaskRun:
    """What ``run_dask`` did.

    ``failed``: (article id, reason) for articles the pipeline failed on;
    ``not_processed``: what the readers skipped or quarantined (source input).
    """

    articles: int = 0
    records: int = 0
    partitions: int = 0
    seconds: float = 0.0
    scheduler: str = ""
    failed: list[tuple[str, str]] = field(default_factory=list)
    not_processed: list[Skipped | Quarantined] = field(default_factory=list)


def run_dask(
    inputs: Iterable[Article] | Sequence[str | Path],
    settings: Settings | None = None,
    scheduler: str | None = None,
    writer: Callable[[Record], None] | None = None,
    *,
    stages: Sequence[str] | None = None,
    partition_size: int | None = None,
    n_workers: int = 2,
    on_error: Callable[[Article, str], None] | None = None,
    read_options: ReadOptions | None = None,
) -> DaskRun:
    """Run the pipeline over ``inputs`` on Dask; ``writer`` gets each record in input order.

    ``inputs``: articles, or a list of source paths (files, folders, globs)
    read here with ``dateline.ingest.sources.read_sources`` and ``read_options``.
    ``stages``: default, the configured stages (``dateline.pipeline.resolve_stages``).
    ``partition_size``: articles per task (default ``settings.batch_size``).
    ``on_error``: called with an article whose processing failed and the
    reason (the failure is also listed in the returned ``DaskRun``).
    """
    settings = settings or Settings()
    names = resolve_stages(settings, stages)  # a bad stage list fails before a cluster starts
    size = settings.batch_size if partition_size is None else partition_size
    if size < 1:
        raise ConfigError(f"partition size must be at least 1, got {size}")
    run = DaskRun()
    if _is_sources(inputs):
        paths = [str(p) for p in inputs]  # type: ignore[union-attr]
        check_sources(paths)
        options = read_options or ReadOptions(max_chars=settings.max_chars)

        def _read() -> Iterator[Article]:
            for item in read_sources(paths, options):
                if isinstance(item, Article):
                    yield item
                else:
                    run.not_processed.append(item)

        articles: Iterable[Article] = _read()
    else:
        articles = inputs  # type: ignore[assignment]
    t0 = time.monotonic()
    with DaskEngine(settings, names, n_workers, scheduler=scheduler) as engine:
        run.scheduler = engine.address
        parts = ((p, p) for p in batches_of(articles, size))
        for part, results in engine.map(parts):
            run.partitions += 1
            for article, res in zip(part, results, strict=True):
                run.articles += 1
                if isinstance(res, str):
                    run.failed.append((article.id, res))
                    if on_error is not None:
                        on_error(article, res)
                    continue
                run.records += 1
                if writer is not None:
                    writer(res)
    run.seconds = round(time.monotonic() - t0, 3)
    return run


__all__ = [
    "DaskEngine",
    "DaskRun",
    "dask_client",
    "map_partitions",
    "process_partition",
    "run_dask",
]
