"""Engines that run the pipeline over inputs and write to a store.

``run_ingest`` lives in ``dateline.runner.local`` (imported lazily, so that
importing the summary types does not load the pipeline).
"""

from typing import Any

from dateline.runner.summary import (
    EXIT_OK,
    EXIT_QUARANTINED,
    EXIT_USAGE,
    IngestProgress,
    IngestSummary,
    ProgressCallback,
)


def __getattr__(name: str) -> Any:
    if name == "run_ingest":
        from dateline.runner.local import run_ingest

        return run_ingest
    raise AttributeError(name)


__all__ = [
    "EXIT_OK",
    "EXIT_QUARANTINED",
    "EXIT_USAGE",
    "IngestProgress",
    "IngestSummary",
    "ProgressCallback",
    "run_ingest",
]
