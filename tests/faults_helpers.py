"""What the fault tests share: the CLI in a subprocess (this worktree's code), without root's
power to read every file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

SRC = str(Path(__file__).resolve().parent.parent / "src")
_DAC = "-dac_override,-dac_read_search"


def cli_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC, **extra}


def as_unprivileged(cmd: list[str]) -> list[str]:
    """``cmd`` so that file permissions apply to it: as root, without the capabilities that
    override them (``setpriv``); as anyone else, unchanged."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:  # pragma: no cover - util-linux is on Debian
        import pytest

        pytest.skip("setpriv (util-linux) is needed to drop root's file capabilities")
    return ["setpriv", f"--bounding-set={_DAC}", f"--inh-caps={_DAC}", *cmd]


def cli(*args: str, unprivileged: bool = False, timeout: float = 120, **kw: Any) -> Any:
    """``dateline ARGS`` in a subprocess; ``unprivileged``: file permissions apply."""
    cmd = [sys.executable, "-m", "dateline.cli.main", *args]
    return subprocess.run(
        as_unprivileged(cmd) if unprivileged else cmd,
        capture_output=True, text=True, timeout=timeout, env=cli_env(), **kw,
    )
