"""The README's quality table from tests/floors.toml.

    python scripts/floors_table.py           # print it
    python scripts/floors_table.py --write   # put it in README.md in place of the old one
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
FLOORS = ROOT / "tests" / "floors.toml"
README = ROOT / "README.md"
HEADER = "| what | command | measured | floor in tests |"


def _figure(x: float) -> str:
    return f"{x:.2f}" if round(x, 2) == x else f"{x:.3f}"


def table() -> str:
    rows = tomllib.loads(FLOORS.read_text("utf-8"))
    lines = [HEADER, "|---|---|---|---|"]
    for row in rows.values():
        measured = " / ".join(f"{x:.3f}" for x in row["measured"])
        floor = " / ".join(_figure(x) for x in row["floor"])
        lines.append(f"| {row['what']} | `{row['command']}` | {measured} | {floor} |")
    return "\n".join(lines)


def write_readme() -> None:
    """Replace the table under the README's header row with the one the file gives."""
    lines = README.read_text("utf-8").split("\n")
    start = lines.index(HEADER)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    lines[start:end] = table().split("\n")
    README.write_text("\n".join(lines), "utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_readme()
    else:
        print(table())
