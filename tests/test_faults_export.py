"""A killed export keeps the previous good file (issue 17 item 7): kill -9 mid-export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dateline.runner.local import run_ingest
from faults_helpers import cli, cli_env

# The CLI with a store that hands out records slowly, so the export can be killed mid-way.
SLOW_EXPORT = textwrap.dedent(
    """
    import sys, time
    from dateline.store.base import Store
    plain = Store.iter_records
    def slow(self, batch=500):
        for record in plain(self, batch):
            sys.stdout.write("record\\n"); sys.stdout.flush()
            time.sleep(0.3)
            yield record
    Store.iter_records = slow
    from dateline.cli.main import app
    sys.argv = ["dateline", *sys.argv[1:]]
    app()
    """
)


def _store(tmp_path: Path) -> str:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": f"a{i}", "text": f"The council of district {i} met on Monday and voted to "
         f"repair bridge {i} after residents complained for months about it."}
        for i in range(30)
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = str(tmp_path / "e.db")
    run_ingest([str(src)], db=db, stages=[])
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "gdelt", "csv"])
def test_kill_9_during_export_keeps_the_previous_file(tmp_path: Path, fmt: str) -> None:
    db = _store(tmp_path)
    out = tmp_path / ("tables" if fmt == "csv" else f"out.{fmt}")
    extra = ["--header"] if fmt == "gdelt" else []  # the store holds no events: a header only
    good = cli("export", "--format", fmt, "-o", str(out), "--db", db, *extra)
    assert good.returncode == 0, good.stderr
    files = sorted(out.iterdir()) if out.is_dir() else [out]
    before = {f: f.read_bytes() for f in files}
    assert all(before.values())
    if fmt == "jsonl":
        assert len(before[out].splitlines()) == 30

    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, "export", "--format", fmt, "-o", str(out),
         "--db", db, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=cli_env(),
    )
    assert proc.stdout is not None
    for _ in range(4):  # a few records into the export
        assert proc.stdout.readline() == b"record\n"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    for f, data in before.items():
        assert f.read_bytes() == data, f"{f.name} was changed by the killed export"


def test_a_failed_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    from dateline.export.atomic import open_replacing

    target = tmp_path / "x.tsv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), open_replacing(target) as f:
        f.write("partial")
        raise RuntimeError("stop")
    assert target.read_text() == "old\n" and sorted(tmp_path.iterdir()) == [target]
    with open_replacing(target) as f:
        f.write("new\n")
    assert target.read_text() == "new\n" and sorted(tmp_path.iterdir()) == [target]
    assert (target.stat().st_mode & 0o777) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
