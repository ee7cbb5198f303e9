"""The local ingest runner: counts, idempotence, quarantine, workers, kill -9 and resume."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest_store import make_store_url
from dateline.config import Settings
from dateline.errors import DatelineError, PipelineError
from dateline.pipeline import Stage
from dateline.runner import EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE, IngestProgress
from dateline.runner.local import run_ingest
from dateline.store import open_store
from ingest_samples import GERMAN, STORY, STORY_2, page, write_jsonl

NOUNS = ["harbour", "council", "orchard", "railway", "library", "bridge", "market", "school"]
VERBS = ["opened", "closed", "expanded", "repaired", "inspected", "funded", "moved", "renamed"]


def story(i: int) -> str:
    """A distinct English paragraph for article ``i``."""
    n, v = NOUNS[i % len(NOUNS)], VERBS[(i // len(NOUNS)) % len(VERBS)]
    return (
        f"Officials said on Monday that the {n} in district {i} was {v} after a long review. "
        f"Residents of district {i} told reporters the change had been expected for months, "
        f"and the local council promised a public meeting about item {i} next week."
    )


def corpus(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    rows: list[object] = [{"id": f"j{i}", "text": story(i), "url": f"https://e.test/{i}"}
                          for i in range(n)]
    rows.insert(n // 2, "{broken json")
    rows.append({"id": "dup", "text": story(0)})  # same text as j0
    rows.append({"id": "de", "text": GERMAN})
    write_jsonl(root / "a.jsonl", rows)
    (root / "b.txt").write_text(STORY)
    (root / "c.html").write_text(page("Apples", STORY_2, url="https://e.test/apples"))
    (root / "d.txt").write_bytes(b"\x00\x00binary\x00")
    return root


def test_run_counts_and_exit_codes(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 30)
    db = str(tmp_path / "x.db")
    seen: list[IngestProgress] = []
    s = run_ingest([str(src)], db=db, stages=[], batch_size=8, progress=seen.append)
    assert (s.read, s.processed, s.duplicates, s.skipped, s.quarantined) == (36, 32, 1, 1, 2)
    assert s.exit_code == EXIT_QUARANTINED and not s.resumed
    assert seen and seen[-1].processed == 32 and seen[-1].files_total == 4
    with open_store(db) as store:
        assert store.count("articles") == 32
        reasons = {(q["position"], q["reason"].split(":")[0]) for q in store.quarantine_items()}
        assert reasons == {("line 16", "broken JSON"), ("", "binary data (NUL bytes)")}
        assert store.load("j3").raw_text == story(3)
        assert store.load("c").url == "https://e.test/apples"
    again = run_ingest([str(src)], db=db, stages=[], batch_size=8)
    assert (again.processed, again.duplicates) == (0, 33)
    with open_store(db) as store:
        assert store.count("articles") == 32 and store.count("quarantine") == 2
    clean = run_ingest([str(src / "b.txt")], db=str(tmp_path / "y.db"), stages=[])
    assert clean.exit_code == EXIT_OK and clean.processed == 1


def test_usage_errors_raise_before_writing(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    with pytest.raises(DatelineError):
        run_ingest([str(tmp_path / "absent")], db=str(db), stages=[])
    with pytest.raises(DatelineError):
        run_ingest([str(tmp_path)], db=str(db), stages=["no-such-stage"])
    with pytest.raises(DatelineError):
        run_ingest([str(tmp_path)], db=str(db), stages=[], workers=0)
    assert not db.exists()
    out = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "ingest", str(tmp_path / "absent"),
         "--db", str(db)],
        capture_output=True, text=True,
    )
    assert out.returncode == EXIT_USAGE, out.stderr
    assert "absent" in out.stderr and not db.exists()


def test_workers_store_the_same(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 40)
    one = run_ingest([str(src)], db=str(tmp_path / "1.db"), stages=[], batch_size=5)
    two = run_ingest([str(src)], db=str(tmp_path / "2.db"), stages=[], batch_size=5, workers=2)
    assert (one.read, one.processed, one.duplicates) == (two.read, two.processed, two.duplicates)
    with open_store(str(tmp_path / "1.db")) as a, open_store(str(tmp_path / "2.db")) as b:
        ids_a = [r.id for r in a.iter_records()]
        assert ids_a == [r.id for r in b.iter_records()]  # input order is kept


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ingest_on_both_backends(backend: str, tmp_path: Path) -> None:
    url = make_store_url(backend, tmp_path)
    src = corpus(tmp_path / "in", 10)
    s = run_ingest([str(src)], db=url, stages=[], batch_size=4)
    assert s.processed == 12
    with open_store(url) as store:
        assert store.count("articles") == 12 and store.count("skipped") == 1
        assert store.runs()[-1]["status"] == "done"


class _Needy(Stage):
    name = "needy-test"
    needs = frozenset({"nothing-makes-this"})


def test_configured_stages_that_cannot_run_are_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No stage is left out silently: ingest refuses what extract refuses, before writing."""
    from dateline import pipeline

    monkeypatch.setitem(pipeline._REGISTRY, "needy-test", _Needy)
    src = corpus(tmp_path / "in", 2)
    db = tmp_path / "x.db"
    for stages in (("needy-test", "clean"), ("clean", "events")):
        with pytest.raises(PipelineError, match=r"E002.*needs") as e:
            run_ingest([str(src)], db=str(db), settings=Settings(stages=stages))
        assert "put that stage before" in str(e.value)
    assert not db.exists()


SLOW_INGEST = textwrap.dedent(
    """
    import sys, time
    from dateline.pipeline import Stage, register_stage
    from dateline.runner.local import run_ingest

    @register_stage
    class Slow(Stage):
        name = "slow-test"
        def process(self, doc):
            time.sleep(float(sys.argv[3]))

    s = run_ingest([sys.argv[1]], db=sys.argv[2], stages=["slow-test"], batch_size=10,
                   workers=int(sys.argv[4]))
    print(s.resumed, s.read, s.processed, s.duplicates)
    """
)


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_then_resume_stores_everything_once(tmp_path: Path, workers: int) -> None:
    n = 300
    src = corpus(tmp_path / "in", n)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-c", SLOW_INGEST, str(src), str(db)]
    proc = subprocess.Popen([*cmd, "0.004", str(workers)], stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _count(db) < 60 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed; make it slower"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_at_kill = _count(db)
    assert 0 < stored_at_kill < n

    out = subprocess.run([*cmd, "0", str(workers)], capture_output=True, text=True, check=True)
    resumed, read, processed, dups = out.stdout.split()
    assert resumed == "True"
    assert int(read) == n + 6  # every input item accounted for once across both runs
    assert int(processed) == n + 2 and int(dups) == 1

    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    assert len(ids) == len(set(ids)) == n + 2
    texts = [r[0] for r in conn.execute("SELECT raw_text FROM articles")]
    assert len(texts) == len(set(texts))
    assert {f"j{i}" for i in range(n)} <= set(ids)
    assert conn.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 2
    runs = conn.execute("SELECT status, n_read FROM runs").fetchall()
    assert runs == [("done", n + 6)]


def test_ingest_command(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 3)
    db = tmp_path / "m.db"
    out = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "ingest", str(src), "--db", str(db),
         "--stages", "clean"],
        capture_output=True, text=True,
    )
    assert out.returncode == EXIT_QUARANTINED, out.stderr
    assert "processed" in out.stderr
    with open_store(str(db)) as store:
        assert store.count("articles") == 5 and store.count("quarantine") == 2
        assert store.runs()[-1]["n_processed"] == 5
