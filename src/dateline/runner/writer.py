"""The one writer of an ingest run: chunks of input in, store rows and counts out.

``read_chunks`` groups what the readers yield into chunks of new articles
(passing over what an interrupted run accounted for, and counting duplicates
before any NLP); ``IngestWriter.commit`` stores a chunk's results with its
quarantined and skipped items, its story-cluster assignments and the run's
counts and cursor in one transaction. Whatever engine computed the results,
this is the only code that writes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from dateline.cluster.stories import StoryClusterer
from dateline.ingest.items import Quarantined, ReadItem, Skipped
from dateline.ingest.readers import STDIN
from dateline.model import Article
from dateline.runner.engine import Result
from dateline.runner.summary import IngestProgress, ProgressCallback
from dateline.store.base import RunInfo, Store
from dateline.store.codec import content_hash


@dataclass
class Chunk:
    """Input items up to a cursor: articles for the pipeline plus items needing no NLP."""

    end: int  # cursor after the chunk's last item
    articles: list[tuple[Article, str]] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: int = 0
    read: int = 0

    @property
    def batch(self) -> list[Article]:
        """The articles the engine runs the pipeline on."""
        return [a for a, _ in self.articles]


@dataclass
class Pending:
    """Content hashes and URLs of articles read but not yet committed."""

    hashes: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    def seen(self, h: str, url: str | None) -> bool:
        return h in self.hashes or (url is not None and url in self.urls)

    def add(self, h: str, url: str | None) -> None:
        self.hashes.add(h)
        if url:
            self.urls.add(url)

    def done(self, chunk: Chunk) -> None:
        for article, h in chunk.articles:
            self.hashes.discard(h)
            if article.url:
                self.urls.discard(article.url)


def read_chunks(
    items: Iterator[ReadItem], store: Store, start: int, batch_size: int, pending: Pending
) -> Iterator[Chunk]:
    """Group items into chunks of up to ``batch_size`` new articles.

    Items ``1..start`` were accounted for by the interrupted run and are passed
    over; a chunk's ``end`` is the cursor (items read so far) after it.
    """
    chunk = Chunk(end=start)
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
            if pending.seen(h, url) or store.find_duplicate(h, url) is not None:
                chunk.duplicates += 1
            else:
                pending.add(h, url)
                chunk.articles.append((item, h))
        # Commit regularly even when few items need NLP (e.g. a rerun of known inputs).
        if len(chunk.articles) >= batch_size or chunk.read >= 4 * batch_size:
            yield chunk
            chunk = Chunk(end=pos)
    if chunk.read:
        yield chunk


class IngestWriter:
    """Commits chunks of a run: records, quarantine, skips, clusters, counts and cursor."""

    def __init__(
        self,
        store: Store,
        run: RunInfo,
        clusterer: StoryClusterer | None,
        state: IngestProgress,
        progress: ProgressCallback | None,
        pending: Pending,
        t0: float | None = None,
    ) -> None:
        """``t0``: when the run started in this process (``time.monotonic()``; default now)."""
        self.store = store
        self.run = run
        self.clusterer = clusterer
        self.state = state
        self.progress = progress
        self.pending = pending
        self.counts = dict(run.counts)
        self.t0 = time.monotonic() if t0 is None else t0

    def commit(self, chunk: Chunk, results: Sequence[Result]) -> None:
        """Store one chunk and its results, and the run's counts, in one transaction."""
        store, run = self.store, self.run
        delta = dict.fromkeys(self.counts, 0)
        delta["read"] = chunk.read
        delta["duplicates"] = chunk.duplicates
        with store.transaction():
            for q in chunk.quarantined:
                # standard input is new input every run: its items are told apart by run
                source = f"- (run {run.id})" if q.source == STDIN else q.source
                store.add_quarantine(source, q.position, q.reason, run.id)
                delta["quarantined"] += 1
            for s in chunk.skipped:
                source = f"- (run {run.id})" if s.source == STDIN else s.source
                store.add_skipped(source, s.position, s.reason, s.article_id, s.lang, run.id)
                delta["skipped"] += 1
            for (article, h), res in zip(chunk.articles, results, strict=True):
                if isinstance(res, str):
                    store.add_quarantine(article.source or "", f"id {article.id}", res, run.id)
                    delta["quarantined"] += 1
                    continue
                saved = store.save(res, h, run.id)
                if saved.status == "duplicate":
                    delta["duplicates"] += 1
                else:
                    if self.clusterer is not None:
                        # save() may have renamed the record (``id~hash``): res.id is final.
                        self.clusterer.add_record(res)
                    delta["processed"] += 1
                    delta["quotes"] += len(res.quotes)
                    delta["events"] += len(res.events)
            for k, v in delta.items():
                self.counts[k] += v
            store.update_run(run.id, self.counts, self.elapsed)
        self.pending.done(chunk)
        if self.progress is not None:
            for k, v in self.counts.items():
                setattr(self.state, k, v)
            self.state.seconds = time.monotonic() - self.t0
            self.progress(self.state)

    @property
    def seconds(self) -> float:
        """Seconds this process has spent on the run."""
        return time.monotonic() - self.t0

    @property
    def elapsed(self) -> float:
        """Seconds the run has taken, interrupted runs included."""
        return self.run.seconds + self.seconds

    def finish(self) -> float:
        """Mark the run done; returns the seconds this process spent on it."""
        seconds = self.seconds
        with self.store.transaction():
            self.store.update_run(
                self.run.id, self.counts, self.run.seconds + seconds, status="done"
            )
        self.store.release_run(self.run.id)
        if self.progress is not None:
            self.state.files_done, self.state.seconds = self.state.files_total, seconds
            self.progress(self.state)
        return seconds


__all__ = ["Chunk", "IngestWriter", "Pending", "read_chunks"]
