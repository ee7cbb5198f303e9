"""A throw-away PostgreSQL 15 cluster for store tests (initdb + pg_ctl), once per session.

Imported by the store and runner tests. Skips cleanly when the server binaries
are absent. As root the server runs as ``nobody`` (PostgreSQL refuses root).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("DATELINE_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "nobody"


def _run(cmd: list[str], as_user: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, user=as_user, check=True, capture_output=True, text=True, timeout=120
    )


@lru_cache(maxsize=1)
def postgres_cluster() -> str:
    """A libpq URL of a fresh cluster; skips the test when PostgreSQL is not installed."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN}")
    as_user = PG_USER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    if as_user:
        shutil.chown(root, user=as_user)
    data, sock = root / "data", root
    user = as_user or os.environ.get("USER") or "postgres"
    try:
        _run([str(PG_BIN / "initdb"), "-D", str(data), "-U", user, "-A", "trust", "-E", "UTF8",
              "--no-sync"], as_user)
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"), "-o",
              f"-k {sock} -c listen_addresses='' -p 5439 -F", "start"], as_user)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        detail = getattr(e, "stderr", "") or ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL cluster: {e} {detail}")

    def stop() -> None:
        subprocess.run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       user=as_user, capture_output=True, timeout=60, check=False)
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql:///postgres?host={sock}&port=5439&user={user}"


_counter = iter(range(1, 1_000_000))


def fresh_postgres_db() -> str:
    """A new empty database in the session cluster; returns its URL."""
    import psycopg

    url = postgres_cluster()
    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.replace("postgresql:///postgres", f"postgresql:///{name}")


BACKENDS = ("sqlite", "postgresql")


def make_store_url(backend: str, tmp_path: Path) -> str:
    """A fresh database URL for ``backend`` (a test fixture parametrises over ``BACKENDS``)."""
    if backend == "sqlite":
        return str(tmp_path / "test.db")
    return fresh_postgres_db()
