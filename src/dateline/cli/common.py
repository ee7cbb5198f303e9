"""Options and helpers the commands share."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from dateline.config import Settings, load_settings
from dateline.errors import DatelineError
from dateline.pipeline import Pipeline, resolve_stages

if TYPE_CHECKING:
    from dateline.store.base import Store

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="TOML settings file (default: ./dateline.toml if present)."),
]
StagesOption = Annotated[
    str | None,
    typer.Option(
        "--stages",
        help="Comma-separated stages to run, in order "
        "(default: clean,dateline,sentences,parse,entities,quotes,actors,events).",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql:// URL (default: $DATELINE_DB, else db in "
        "dateline.toml, else ./dateline.db).",
    ),
]

#: Exit codes every command uses.
EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"dateline: error: {message}", err=True)
    raise typer.Exit(code=code)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_iso_date(value: str, option: str) -> str:
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date as YYYY-MM-DD, not {value!r}")
    return value


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="YYYY-MM-DD, the run's reference date: gives datelines a year when an article "
        "has no publication date, and is the story's date when neither its dateline nor "
        "its publication gives one (default: the day of the run, UTC).",
    ),
]


def run_day() -> str:
    """The day of this run (UTC), decided once by the command."""
    return dt.datetime.now(dt.UTC).date().isoformat()


def dated(settings: Settings, date: str | None) -> Settings:
    """``settings`` with the run's reference date (``--date``, checked) and its own day."""
    if date is not None:
        check_iso_date(date, "--date")
    settings = settings.with_options(date=date, run_date=run_day())
    if settings.date is not None:
        check_iso_date(settings.date, "the date setting")
    return settings


def load(config: Path | None, **options: object) -> Settings:
    try:
        return load_settings(config).with_options(**options)
    except DatelineError as e:
        fail(str(e))


def store_location(db: str | None, config: Path | None = None) -> str:
    """The store a command uses: ``--db``, else $DATELINE_DB, else the TOML's ``db``,
    else the default (all through ``Settings``)."""
    return load(config, db=db).db


def stage_names(stages: str | None) -> list[str] | None:
    """``--stages a,b,c`` as a list; None when not given."""
    return [s.strip() for s in stages.split(",") if s.strip()] if stages else None


def build_pipeline(
    config: Path | None, stages: str | None, settings: Settings | None = None, **options: object
) -> Pipeline:
    settings = settings or load(config, **options)
    try:
        return Pipeline(settings, stages=resolve_stages(settings, stage_names(stages)))
    except DatelineError as e:
        fail(str(e))


def existing_store(db: str | None, config: Path | None = None) -> str:
    """The location of the existing store a read command uses; exit 2 when there is none
    (a misspelt ``--db`` must not create an empty store)."""
    from dateline.store.open import check_store_exists

    try:
        return check_store_exists(store_location(db, config))
    except DatelineError as e:
        fail(str(e))


def open_for_reading(db: str | None, config: Path | None = None) -> Store:
    """The existing store of a read command, opened; exit 2 when there is none."""
    from dateline.store.open import open_store

    try:
        return open_store(existing_store(db, config))
    except DatelineError as e:
        fail(str(e))


def check_inputs(paths: list[str]) -> None:
    """Exit 2, naming it, when an input path (or pattern) names no file."""
    from dateline.ingest.sources import check_sources

    try:
        check_sources(paths)
    except DatelineError as e:
        fail(str(e))


def open_output(path: Path) -> TextIO:
    """``path`` opened for writing text; exit 2 saying why when it cannot be."""
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as e:
        fail(f"cannot write {path}: {e.strerror or e}")
