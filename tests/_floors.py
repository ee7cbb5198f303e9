"""The quality floors of ``tests/floors.toml``, and a check of a score against them."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

FLOORS_FILE = Path(__file__).parent / "floors.toml"


@lru_cache(maxsize=1)
def baseline() -> dict[str, dict[str, Any]]:
    """Every row of the floors file, by its key."""
    return tomllib.loads(FLOORS_FILE.read_text("utf-8"))


def floors(key: str) -> dict[str, float]:
    """Metric path (``"plover+actors.f1"``) -> floor, for one row."""
    row = baseline()[key]
    return dict(zip(row["metrics"], row["floor"], strict=True))


def metric(result: dict[str, Any], path: str) -> float:
    """The figure at a dotted path of a scorer result (``"direct.span.f1"``)."""
    value: Any = result
    for part in path.split("."):
        value = value[part]
    return float(value)


def assert_floors(key: str, result: dict[str, Any]) -> None:
    """Fail, naming every figure under its floor, when ``result`` misses one."""
    low = {
        path: (metric(result, path), floor)
        for path, floor in floors(key).items()
        if metric(result, path) < floor
    }
    assert not low, f"{key}: under the floor (measured, floor): {low}"
