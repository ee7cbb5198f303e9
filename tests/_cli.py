"""Running the ``dateline`` command in a subprocess, on this checkout's code.

``PYTHONPATH`` points at this worktree's ``src`` so the subprocess runs the code
under test, not whatever dateline the interpreter has installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``dateline ARGS`` in ``cwd``; no ``$DATELINE_DB`` unless ``env`` gives one.

    A wide ``COLUMNS`` keeps rich tables from folding cells across lines.
    """
    full = {k: v for k, v in os.environ.items() if k != "DATELINE_DB"}
    full.update({"PYTHONPATH": str(SRC), "COLUMNS": "400", "NO_COLOR": "1"})
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", *args],
        cwd=cwd, env=full, capture_output=True, text=True, timeout=timeout, input=stdin,
    )
