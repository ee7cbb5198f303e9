"""The extract job: inputs in, one record per article out, problems reported.

Used by ``dateline extract`` and ``dateline demo``; it reads through the
ingest readers and runs the pipeline, so it never reads files itself beyond
them and never writes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dateline.ingest.items import Quarantined, ReadOptions, Skipped
from dateline.ingest.sources import read_sources
from dateline.model import Article, Record
from dateline.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class Problem:
    """An input item that produced no record: where it is and why."""

    source: str
    position: str | None
    reason: str
    skipped: bool = False

    def __str__(self) -> str:
        where = self.source
        if self.position:
            pos = self.position.removeprefix("line ")
            where = f"{where}:{pos}" if pos.isdigit() else f"{where} ({self.position})"
        return f"{where}: {self.reason}"


def articles_from(
    paths: Iterable[str], options: ReadOptions, on_problem: Callable[[Problem], None]
) -> Iterator[Article]:
    """Articles read from ``paths``; everything else goes to ``on_problem``."""
    for item in read_sources(paths, options):
        if isinstance(item, Article):
            yield item
        elif isinstance(item, Quarantined | Skipped):
            on_problem(Problem(item.source, item.position, item.reason, isinstance(item, Skipped)))


def extract_records(
    paths: Iterable[str],
    pipeline: Pipeline,
    on_problem: Callable[[Problem], None],
    options: ReadOptions | None = None,
) -> Iterator[Record]:
    """One record per readable article of ``paths``, in input order.

    ``extract`` keeps every language (no language filter) unless ``options``
    says otherwise.
    """
    opts = options or ReadOptions(languages=(), max_chars=pipeline.settings.max_chars)
    yield from pipeline.stream(articles_from(paths, opts, on_problem))
