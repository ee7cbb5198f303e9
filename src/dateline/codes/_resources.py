"""Read the packaged data files of ``dateline.codes`` (never the working directory)."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import yaml


def read_data_text(name: str) -> str:
    """The text of ``codes/data/<name>``."""
    return files("dateline.codes").joinpath("data", name).read_text(encoding="utf-8")


def read_data_yaml(name: str) -> Any:
    """The parsed YAML of ``codes/data/<name>``."""
    return yaml.safe_load(read_data_text(name))
