"""Two ingests into one store at once (issue 17 item 6), on SQLite and PostgreSQL.

Each process has a run of its own with its true counts (the second never "resumes"
the first while it runs), and an article the other stored meanwhile is a duplicate,
never a crash on a unique constraint.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest_store import BACKENDS, make_store_url
from dateline.store import open_store
from faults_helpers import cli_env

SLOW_INGEST = textwrap.dedent(
    """
    import json, sys, time
    from dateline.pipeline import Stage, register_stage
    from dateline.runner.local import run_ingest

    @register_stage
    class Slow(Stage):
        name = "slow-test"
        def process(self, doc):
            time.sleep(float(sys.argv[3]))

    s = run_ingest([sys.argv[1]], db=sys.argv[2], stages=["slow-test"], batch_size=4)
    print(json.dumps({"run": s.run_id, "resumed": s.resumed, "read": s.read,
                      "processed": s.processed, "duplicates": s.duplicates}))
    """
)
N = 80


def _corpus(path: Path) -> Path:
    rows = [
        {"id": f"c{i}", "text": f"The council of district {i} met on Monday and voted to repair "
         f"bridge {i} after residents complained for months.", "url": f"https://e.test/{i}"}
        for i in range(N)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _stored(url: str) -> int:
    try:
        with open_store(url) as store:
            return store.count("articles")
    except Exception:
        return 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_ingests_at_once_each_have_their_own_true_run(backend: str, tmp_path: Path) -> None:
    url = make_store_url(backend, tmp_path)
    src = _corpus(tmp_path / "in.jsonl")
    with open_store(url):
        pass  # migrate once, before the race
    cmd = [sys.executable, "-c", SLOW_INGEST, str(src), url, "0.02"]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=cli_env())
    deadline = time.monotonic() + 60
    while _stored(url) < 8 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first.poll() is None, "the first ingest ended before the second started"
    second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=cli_env())
    outs = [p.communicate(timeout=120) for p in (first, second)]
    for p, (_out, err) in zip((first, second), outs, strict=True):
        assert p.returncode == 0, err
    a, b = (json.loads(out) for out, _ in outs)
    assert a["run"] != b["run"] and not b["resumed"]
    for s in (a, b):  # every line read, each either stored by this run or a duplicate
        assert s["read"] == N and s["processed"] + s["duplicates"] == N
    assert a["processed"] + b["processed"] == N
    with open_store(url) as store:
        assert store.count("articles") == N
        runs = {r["id"]: r for r in store.runs()}
        assert len(runs) == 2
        for s in (a, b):
            row = runs[s["run"]]
            assert row["status"] == "done"
            assert (row["n_read"], row["n_processed"], row["n_duplicates"]) == (
                s["read"], s["processed"], s["duplicates"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_concurrent_insert_of_a_stored_article_is_a_duplicate(
    backend: str, tmp_path: Path
) -> None:
    """The race itself: the other writer commits between this one's checks and its insert."""
    from dateline.model import Record

    url = make_store_url(backend, tmp_path)
    with open_store(url) as one, open_store(url) as two:
        assert one.save(Record(id="same", raw_text="The text.", url="https://e.test/s")).status \
            == "stored"
        find = two.find_duplicate
        calls: list[str] = []

        def blind_first(h: str, url: str | None = None) -> str | None:
            calls.append(h)  # the first check ran before ``one`` committed: it saw nothing
            return None if len(calls) == 1 else find(h, url)

        two.find_duplicate = blind_first  # type: ignore[method-assign]
        two.has_id = lambda article_id: False  # type: ignore[method-assign]
        again = Record(id="same", raw_text="The text.", url="https://e.test/s")
        assert two.save(again).status == "duplicate"
        calls.clear()
        other = Record(id="same", raw_text="Another article that has the same id.")
        assert two.save(other).status == "stored" and other.id.startswith("same~")
        assert one.count("articles") == 2


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    """Issue 17 item 8: kill -9 of a ``--workers 2`` ingest leaves no worker behind."""
    import os
    import signal

    src = _corpus(tmp_path / "in.jsonl")
    db = str(tmp_path / "w.db")
    script = SLOW_INGEST.replace("batch_size=4)", "batch_size=4, workers=2)")
    proc = subprocess.Popen([sys.executable, "-c", script, str(src), db, "0.05"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env())
    deadline = time.monotonic() + 60
    while _stored(db) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert proc.poll() is None and len(workers) >= 2, workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers {left} outlived their parent"
