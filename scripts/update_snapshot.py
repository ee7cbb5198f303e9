"""Rewrite tests/snapshots/records.sha256 after a deliberate change of the records.

    PYTHONPATH=src .venv/bin/python scripts/update_snapshot.py

Runs the default pipeline over the bundled samples and, when present, the
shared worked example and dev sets, and writes the hashes of inputs and
records (never a text). Groups whose files are absent keep their old lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _record_snapshot import SNAPSHOT, update


def main() -> int:
    counts = update()
    for group, n in counts.items():
        print(f"{group}: {n} records")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
