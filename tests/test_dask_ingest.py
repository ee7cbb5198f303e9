"""`ingest --engine dask`: the same stored records, clusters and counts as the local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app
from dateline.config import Settings
from dateline.errors import ConfigError
from dateline.ingest.items import ReadOptions
from dateline.pipeline import resolve_stages
from dateline.runner.local import run_ingest
from dateline.store import open_store, story_clusters
from synth.corpus import generate_corpus

SHARED = Path(__file__).parents[1] / ".." / "shared"


def make_inputs(root: Path) -> Path:
    """JSON lines of generated stories (reprints included), a broken line, a text file."""
    root.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    for it in generate_corpus(6, seed=5):
        a = it.article
        rows.append(json.dumps({"id": a.id, "text": a.text, "title": a.title,
                                "source": a.source, "published": a.published}))
    rows.insert(3, "{not json")
    rows.append(rows[0])  # an exact duplicate
    (root / "feed.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    example = SHARED / "examples" / "lavrov-vienna.txt"
    if example.exists():
        (root / "example.txt").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def stored(db: str) -> tuple[dict[str, dict[str, object]], dict[str, str], int]:
    with open_store(db) as store:
        ids = [r["id"] for r in store.rows("SELECT id FROM articles ORDER BY pk")]
        records = {i: store.load(i).to_dict() for i in ids}
        return records, story_clusters(store), store.count("quarantine")


def test_dask_engine_stores_what_the_local_engine_stores(tmp_path: Path) -> None:
    src = make_inputs(tmp_path / "in")
    settings = Settings()
    stages = resolve_stages(settings)
    options = ReadOptions(languages=())
    local_db, dask_db = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    a = run_ingest([str(src)], db=local_db, settings=settings, stages=stages, options=options,
                   batch_size=4)
    b = run_ingest([str(src)], db=dask_db, settings=settings, stages=stages, options=options,
                   batch_size=4, engine="dask", workers=2)
    assert b.workers == 2
    counts = ("read", "processed", "duplicates", "skipped", "quarantined", "quotes", "events")
    assert [getattr(b, k) for k in counts] == [getattr(a, k) for k in counts]
    assert a.processed > 10 and a.duplicates >= 1 and a.quarantined == 1
    local_records, local_clusters, local_q = stored(local_db)
    dask_records, dask_clusters, dask_q = stored(dask_db)
    assert list(dask_records) == list(local_records)  # same ids, same storage order
    for rid, want in local_records.items():
        got = dask_records[rid]
        assert got == want, f"{rid}: {sorted(k for k in want if got.get(k) != want[k])}"
    assert dask_clusters == local_clusters
    assert len(set(dask_clusters.values())) < len(dask_clusters)  # reprints clustered
    assert dask_q == local_q


def test_cli_dask_on_an_existing_scheduler_is_idempotent(tmp_path: Path) -> None:
    from distributed import LocalCluster

    src = make_inputs(tmp_path / "in")
    db = str(tmp_path / "d.db")
    runner = CliRunner()
    args = ["ingest", str(src), "--db", db, "--engine", "dask", "--stages", "clean",
            "--languages", ""]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        first = runner.invoke(app, [*args, "--scheduler", cluster.scheduler_address])
        assert first.exit_code == 1, first.output  # the broken line is quarantined
        again = runner.invoke(app, [*args, "--scheduler", cluster.scheduler_address])
        assert again.exit_code == 1, again.output
    with open_store(db) as store:
        runs = store.runs()
        assert [r["status"] for r in runs] == ["done", "done"]
        assert runs[1]["n_processed"] == 0
        assert runs[1]["n_duplicates"] == runs[0]["n_processed"] + runs[0]["n_duplicates"]
        assert json.loads(runs[0]["settings"])["engine"] == "dask"
        assert store.scalar("SELECT count(*) FROM cluster_signature") == store.count()


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    src = make_inputs(tmp_path / "in")
    with pytest.raises(ConfigError):
        run_ingest([str(src)], db=str(tmp_path / "x.db"), stages=[], scheduler="tcp://x:1")
    with pytest.raises(ConfigError):
        run_ingest([str(src)], db=str(tmp_path / "x.db"), stages=[], engine="spark")
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "y.db"),
                                 "--engine", "spark"])
    assert r.exit_code == 2 and "--engine" in r.output
