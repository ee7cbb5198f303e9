"""Print the README's quality table from tests/floors.toml (paste it over the old one).

    python scripts/floors_table.py
"""

from __future__ import annotations

import tomllib
from pathlib import Path

FLOORS = Path(__file__).parents[1] / "tests" / "floors.toml"


def _figure(x: float) -> str:
    return f"{x:.2f}" if round(x, 2) == x else f"{x:.3f}"


def table() -> str:
    rows = tomllib.loads(FLOORS.read_text("utf-8"))
    lines = ["| what | command | measured | floor in tests |", "|---|---|---|---|"]
    for row in rows.values():
        measured = " / ".join(f"{x:.3f}" for x in row["measured"])
        floor = " / ".join(_figure(x) for x in row["floor"])
        lines.append(f"| {row['what']} | `{row['command']}` | {measured} | {floor} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
