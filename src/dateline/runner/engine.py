"""What an engine is: the pipeline over batches of articles, results back in input order.

An ``Engine`` only computes. The caller (``runner.local.run_ingest``) reads the
sources, checks duplicates, writes the store, resumes and counts, whatever the
engine; an engine gets batches of articles, each with a tag the caller wants
back, and yields ``(tag, results)`` in the order the batches came, one
``Record`` or failure message per article. Engines are context managers:
entering starts their workers, leaving stops them.

Engines register by name (``register_engine``); ``engine_class("dask")`` finds
one, and an unknown name is a ``ConfigError`` that lists the registered ones.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from types import TracebackType
from typing import ClassVar, TypeVar

from dateline.config import Settings
from dateline.errors import ConfigError
from dateline.model import Article, Record
from dateline.pipeline import Pipeline

#: What an engine gives back per article: its record, or why it failed.
Result = Record | str

T = TypeVar("T")
E = TypeVar("E", bound="Engine")

#: Modules whose engines are registered when they are imported.
BUILTIN_ENGINE_MODULES = ("dateline.runner.local", "dateline.runner.dask_engine")


class Engine(ABC):
    """Runs the pipeline over tagged batches of articles; results come back in input order."""

    #: The name ``--engine`` takes.
    name: ClassVar[str]
    #: Workers when the caller names none.
    default_workers: ClassVar[int] = 1
    #: Whether the engine can use the workers of a cluster at a scheduler address.
    takes_scheduler: ClassVar[bool] = False

    def __init__(
        self,
        settings: Settings,
        stages: Sequence[str],
        workers: int | None = None,
        *,
        scheduler: str | None = None,
        pipeline: Pipeline | None = None,
    ) -> None:
        """``pipeline``: one already built for ``settings`` and ``stages``, to reuse here."""
        self.settings = settings
        self.stages = list(stages)
        self.workers = self.check_options(workers, scheduler)
        self.scheduler = scheduler
        self.pipeline = pipeline
        self._stack = ExitStack()

    @classmethod
    def check_options(cls, workers: int | None, scheduler: str | None) -> int:
        """The number of workers to use; ``ConfigError`` for options this engine refuses."""
        n = cls.default_workers if workers is None else workers
        if n < 1:
            raise ConfigError(f"--workers must be at least 1, got {n}")
        if scheduler and not cls.takes_scheduler:
            able = [name for name, c in sorted(_REGISTRY.items()) if c.takes_scheduler]
            raise ConfigError(f"--scheduler needs --engine {' or '.join(able) or 'with one'}")
        return n

    def __enter__(self: E) -> E:
        self._stack = ExitStack()
        try:
            self.open(self._stack)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stack.close()

    @abstractmethod
    def open(self, stack: ExitStack) -> None:
        """Start the workers; whatever must be stopped afterwards goes on ``stack``."""

    @abstractmethod
    def map(
        self, batches: Iterable[tuple[T, Sequence[Article]]]
    ) -> Iterator[tuple[T, list[Result]]]:
        """For each ``(tag, articles)``, in input order: ``(tag, one result per article)``.

        Batches are pulled from ``batches`` lazily, a bounded number ahead of the
        results handed back, so memory stays bounded however long the input is.
        """

    def results(self, articles: Iterable[Article], size: int) -> Iterator[tuple[Article, Result]]:
        """Each article with its result, in input order, run in batches of ``size``."""
        for batch, results in self.map((b, b) for b in batches_of(articles, size)):
            yield from zip(batch, results, strict=True)


def batches_of(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``articles`` cut into lists of ``size`` (the last may be shorter)."""
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_REGISTRY: dict[str, type[Engine]] = {}


def register_engine(cls: type[E]) -> type[E]:
    """Class decorator: make an engine available under its ``name``."""
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtin() -> None:
    for module in BUILTIN_ENGINE_MODULES:
        importlib.import_module(module)


def engine_names() -> list[str]:
    """The registered engine names, sorted."""
    _load_builtin()
    return sorted(_REGISTRY)


def engine_class(name: str) -> type[Engine]:
    """The engine registered as ``name``; ``ConfigError`` naming the registered ones."""
    names = engine_names()
    if name not in _REGISTRY:
        raise ConfigError(f"--engine must be one of {', '.join(names)}, not {name!r}")
    return _REGISTRY[name]


__all__ = [
    "Engine",
    "Result",
    "batches_of",
    "engine_class",
    "engine_names",
    "register_engine",
]
