"""Running a pipeline over a batch of articles, shared by the local and Dask engines."""

from __future__ import annotations

from collections.abc import Sequence

from dateline.model import Article, Record
from dateline.pipeline import Pipeline


def process_batch(pipeline: Pipeline, articles: Sequence[Article]) -> list[Record | str]:
    """Records for ``articles``; a failing article becomes a message string.

    When the batch fails as a whole, articles are retried one at a time so one
    bad input does not cost its neighbours their records.
    """
    try:
        return list(pipeline.process(list(articles)))
    except Exception:
        out: list[Record | str] = []
        for a in articles:
            try:
                out.append(pipeline.process_one(a))
            except Exception as e:
                out.append(f"pipeline failed: {type(e).__name__}: {e}")
        return out


__all__ = ["process_batch"]
