"""The export formats by name: what ``dateline export --format NAME`` writes.

Each format registers a function that writes a store's records to an open text
stream (``folder=False``) or as tables into a folder (``folder=True``) and
returns how many it wrote (a count, or rows per table). ``export_format(name)``
finds one; an unknown name is a ``ConfigError`` that lists the registered ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from dateline.errors import ConfigError
from dateline.export.csv import write_csv
from dateline.export.dedup import (
    DedupExport,
    dedup_export_events,
    write_gdelt_dedup,
    write_plover_dedup,
)
from dateline.export.gdelt import write_gdelt
from dateline.export.jsonl import write_jsonl
from dateline.export.parquet import write_parquet
from dateline.export.plover import write_plover
from dateline.model import Record
from dateline.store.base import Store
from dateline.store.query import story_clusters


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """``header``: gdelt column names first; ``per_article``: events not de-duplicated;
    ``min_confidence``: leave out events less sure than this (every format)."""

    header: bool = False
    per_article: bool = False
    min_confidence: float | None = None


#: Writes a store's records to a stream or folder; returns a count or rows per table.
Writer = Callable[[Store, Any, ExportOptions], Any]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A registered format: its name, whether it fills a folder, what its count counts."""

    name: str
    write: Writer
    folder: bool = False
    unit: str = "events"


FORMATS: dict[str, ExportFormat] = {}


def register_format(
    name: str, *, folder: bool = False, unit: str = "events"
) -> Callable[[Writer], Writer]:
    """Decorator: register a writer as the format ``name``."""

    def add(write: Writer) -> Writer:
        FORMATS[name] = ExportFormat(name, write, folder, unit)
        return write

    return add


def format_names() -> list[str]:
    """The registered format names, in registration order."""
    return list(FORMATS)


def export_format(name: str) -> ExportFormat:
    """The format registered as ``name``; ``ConfigError`` naming the registered ones."""
    fmt = FORMATS.get(name)
    if fmt is None:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not {name!r}")
    return fmt


@register_format("jsonl", unit="records")
def _jsonl(store: Store, out: TextIO, options: ExportOptions) -> int:
    return write_jsonl(_records(store, options), out)


@register_format("csv", folder=True, unit="rows")
def _csv(store: Store, folder: Path, options: ExportOptions) -> dict[str, int]:
    return write_csv(_records(store, options), folder)


@register_format("parquet", folder=True, unit="rows")
def _parquet(store: Store, folder: Path, options: ExportOptions) -> dict[str, int]:
    return write_parquet(_records(store, options), folder)


@register_format("gdelt")
def _gdelt(store: Store, out: TextIO, options: ExportOptions) -> int:
    if options.per_article:
        return write_gdelt(_records(store, options), out, header=options.header)
    return write_gdelt_dedup(_dedup(store, options), out, header=options.header)


@register_format("plover")
def _plover(store: Store, out: TextIO, options: ExportOptions) -> int:
    if options.per_article:
        return write_plover(_records(store, options), out)
    return write_plover_dedup(_dedup(store, options), out)


def _records(store: Store, options: ExportOptions) -> Iterator[Record]:
    """The store's records, each keeping only the events ``options`` asks for."""
    for record in store.iter_records():
        if options.min_confidence is not None:
            record.events = [e for e in record.events if e.confidence >= options.min_confidence]
        yield record


def _dedup(store: Store, options: ExportOptions) -> DedupExport:
    """De-duplicated events of the store, clustered as the store's story clusters say."""
    return dedup_export_events(_records(store, options), story_clusters(store))


__all__ = [
    "FORMATS",
    "ExportFormat",
    "ExportOptions",
    "export_format",
    "format_names",
    "register_format",
]
