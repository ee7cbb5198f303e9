"""The README's quality table shows the floors the tests hold (tests/floors.toml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _floors import baseline

README = Path(__file__).parents[1] / "README.md"
_NUMBER = re.compile(r"\d+\.\d+|\d+")


def _readme_rows() -> dict[str, list[str]]:
    rows = {}
    for line in README.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4:
            rows[cells[0]] = cells
    return rows


def _numbers(cell: str) -> list[float]:
    return [float(x) for x in _NUMBER.findall(cell)]


@pytest.mark.parametrize("key", sorted(baseline()))
def test_readme_row_matches_floors_file(key: str) -> None:
    row = baseline()[key]
    assert len(row["metrics"]) == len(row["measured"]) == len(row["floor"]), key
    assert all(f <= m for f, m in zip(row["floor"], row["measured"], strict=True)), key
    cells = _readme_rows().get(row["what"])
    assert cells, f"README has no quality row starting '| {row['what']} |'"
    assert cells[1] == f"`{row['command']}`", (key, cells[1])
    assert _numbers(cells[2]) == row["measured"], (key, cells[2])
    assert _numbers(cells[3]) == row["floor"], (key, cells[3])
