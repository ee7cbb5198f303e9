"""The Dask engine gives the local pipeline's records, in input order (2-worker LocalCluster)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.errors import ConfigError, PipelineError
from dateline.model import Article, Record
from dateline.pipeline import Pipeline, registered_stages
from dateline.runner.dask_engine import process_partition, run_dask
from synth.corpus import generate_corpus

SHARED = Path(__file__).parents[1] / ".." / "shared"


def _articles() -> list[Article]:
    arts = [it.article for it in generate_corpus(4, seed=21)][:9]
    example = SHARED / "examples" / "lavrov-vienna.txt"
    if example.exists():
        arts.insert(3, Article(id="example", text=example.read_text(encoding="utf-8")))
    arts.append(Article(id="empty", text=""))
    return arts


def test_dask_records_equal_local_records() -> None:
    settings = Settings()
    stages = [s for s in settings.stages if s in registered_stages()]
    articles = _articles()
    local = Pipeline(settings, stages).process(articles)

    written: list[Record] = []
    run = run_dask(articles, settings, None, written.append, stages=stages, partition_size=2)
    assert run.failed == []
    assert run.articles == run.records == len(articles)
    assert run.partitions == (len(articles) + 1) // 2
    assert [r.id for r in written] == [a.id for a in articles]
    for got, want in zip(written, local, strict=True):
        g, w = got.to_dict(), want.to_dict()
        assert g == w, f"{want.id}: fields differ: {sorted(k for k in w if g.get(k) != w[k])}"
    # The records carry real output when the stages that make it are present.
    if "clean" in stages:
        assert any(r.text for r in written)


def test_failures_are_reported_not_written() -> None:
    # A worker-side failure is reported per article (process_partition is what workers run).
    settings = Settings()
    stages = tuple(s for s in settings.stages if s in registered_stages())
    good = Article(id="ok", text="Officials met in Vienna on Monday.")
    bad = Article(id="bad", text=None)  # type: ignore[arg-type]
    out = process_partition(settings, stages, [good, bad])
    assert isinstance(out[0], Record) and out[0].id == "ok"
    assert isinstance(out[1], str) and "pipeline failed" in out[1]


def test_bad_options_fail_before_a_cluster_starts() -> None:
    with pytest.raises(PipelineError):
        run_dask([], Settings(), stages=["no-such-stage"])
    with pytest.raises(ConfigError):
        run_dask([], Settings(), stages=[], partition_size=0)


def test_sources_on_an_existing_cluster(tmp_path: Path) -> None:
    """Source paths in, a scheduler address given: the workers of that cluster are used."""
    from distributed import LocalCluster

    from dateline.ingest.sources import read_sources

    path = tmp_path / "in.jsonl"
    rows = [
        {"id": a.id, "text": a.text, "title": a.title, "published": a.published}
        for a in _articles()
        if a.text
    ]
    rows.append({"id": "broken"})  # no text: the reader quarantines it
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    settings = Settings()
    stages = [s for s in ("clean", "dateline", "sentences") if s in registered_stages()]
    local = Pipeline(settings, stages).process(
        [a for a in read_sources([str(path)]) if isinstance(a, Article)]
    )
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        written: list[Record] = []
        run = run_dask(
            [str(path)], settings, cluster.scheduler_address, written.append, stages=stages
        )
    assert run.scheduler == cluster.scheduler_address
    assert [r.to_dict() for r in written] == [r.to_dict() for r in local]
    assert len(written) == len(rows) - 1
    assert len(run.not_processed) == 1
