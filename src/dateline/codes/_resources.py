"""Read the packaged data files of ``dateline.codes`` (never the working directory).

Thin names over the one loader of packaged data, ``dateline.rules``.
"""

from __future__ import annotations

from typing import Any

from dateline import rules


def read_data_text(name: str) -> str:
    """The text of ``codes/data/<name>``."""
    return rules.read_text(f"codes/data/{name}")


def read_data_yaml(name: str) -> Any:
    """The parsed YAML of ``codes/data/<name>``."""
    return rules.read_yaml(f"codes/data/{name}")
