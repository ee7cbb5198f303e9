"""Story clustering during ingest: kept in the store (SQLite and PostgreSQL), incremental."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest_store import BACKENDS, make_store_url
from dateline.cli.main import app
from dateline.errors import DatelineError
from dateline.ingest.items import ReadOptions
from dateline.model import Record
from dateline.runner import IngestProgress, IngestSummary
from dateline.runner.local import run_ingest
from dateline.store import open_store, story_clusters
from dateline.store.clusters import story_clusterer
from dateline.store.query import article_cluster, clusters_page
from synth.corpus import LabelledArticle, generate_corpus, pairwise_scores


def write_corpus(path: Path, items: list[LabelledArticle]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for it in items:
            a = it.article
            row = {"id": a.id, "text": a.text, "title": a.title, "source": a.source,
                   "published": a.published}
            f.write(json.dumps(row) + "\n")
    return path


def ingest(sources: list[Path], db: str) -> IngestSummary:
    return run_ingest([str(s) for s in sources], db=db, stages=[], batch_size=16,
                      options=ReadOptions(languages=()))


@pytest.fixture(scope="module")
def corpus() -> list[LabelledArticle]:
    return generate_corpus(60, seed=13)


def truth_of(items: list[LabelledArticle], stored: set[str]) -> dict[str, str]:
    return {it.article.id: it.group for it in items if it.article.id in stored}


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_stored_article_gets_a_story_cluster(
    backend: str, tmp_path: Path, corpus: list[LabelledArticle]
) -> None:
    db = make_store_url(backend, tmp_path)
    src = write_corpus(tmp_path / "news.jsonl", corpus)
    summary = ingest([src], db)
    with open_store(db) as store:
        labels = story_clusters(store)
        assert len(labels) == summary.processed == store.count()
        n_signatures = store.scalar("SELECT count(*) FROM cluster_signature")
        assert n_signatures == store.count()
        precision, recall = pairwise_scores(truth_of(corpus, set(labels)), labels)
        assert precision >= 0.95 and recall >= 0.95, (precision, recall)
        # Fewer clusters than articles: reprints of one story share an id.
        assert len(set(labels.values())) < len(labels)
        some = next(a for a, c in labels.items() if a != c)
        assert article_cluster(store, some) == labels[some]
        page = clusters_page(store, limit=1000)
        assert page.total == len(set(labels.values()))
        assert sum(int(c["size"]) for c in page.items) == len(labels)
        # The canonical article of each cluster is one of its members.
        clusterer = story_clusterer(store)
        for cid in set(labels.values()):
            assert labels[clusterer.canonical(cid) or ""] == cid


@pytest.mark.parametrize("backend", BACKENDS)
def test_clustering_is_incremental_across_runs(
    backend: str, tmp_path: Path, corpus: list[LabelledArticle]
) -> None:
    half = len(corpus) // 2
    first = write_corpus(tmp_path / "first.jsonl", corpus[:half])
    second = write_corpus(tmp_path / "second.jsonl", corpus[half:])
    (tmp_path / "whole").mkdir()
    (tmp_path / "split").mkdir()
    whole = make_store_url(backend, tmp_path / "whole")
    split = make_store_url(backend, tmp_path / "split")
    ingest([first, second], whole)
    ingest([first], split)
    ingest([second], split)
    ingest([first, second], split)  # a rerun: everything is a duplicate, nothing moves
    with open_store(whole) as a, open_store(split) as b:
        assert story_clusters(a) == story_clusters(b)
        assert b.scalar("SELECT count(*) FROM cluster_signature") == b.count()


def test_exact_duplicates_are_caught_by_hash_first(tmp_path: Path) -> None:
    text = "The port reopened on Monday after a week of repairs to the northern quay. " * 6
    rows = [
        {"id": "x1", "text": text, "source": "Alpha Post"},
        {"id": "x2", "text": text, "source": "Beta Wire"},  # same bytes: a duplicate
    ]
    src = tmp_path / "dups.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = str(tmp_path / "d.db")
    s = ingest([src], db)
    assert (s.processed, s.duplicates) == (1, 1)
    with open_store(db) as store:
        assert story_clusters(store) == {"x1": "x1"}
        assert store.scalar("SELECT count(*) FROM cluster_signature") == 1


def test_articles_saved_without_clusters_are_clustered_by_the_next_ingest(
    tmp_path: Path, corpus: list[LabelledArticle]
) -> None:
    db = str(tmp_path / "b.db")
    early = corpus[:10]
    with open_store(db) as store:
        for it in early:
            store.save(Record.from_article(it.article))
        assert store.scalar("SELECT count(*) FROM cluster_signature") == 0
    ingest([write_corpus(tmp_path / "rest.jsonl", corpus[10:])], db)
    with open_store(db) as store:
        assert store.scalar("SELECT count(*) FROM cluster_signature") == store.count()
        labels = story_clusters(store)
        precision, recall = pairwise_scores(truth_of(corpus, set(labels)), labels)
        assert precision >= 0.95 and recall >= 0.95


@pytest.mark.slow
def test_cluster_threshold_option(tmp_path: Path, corpus: list[LabelledArticle]) -> None:
    src = write_corpus(tmp_path / "news.jsonl", corpus[:40])
    runner = CliRunner()
    db = str(tmp_path / "t.db")
    bad = runner.invoke(app, ["ingest", str(src), "--db", db, "--stages", "",
                              "--cluster-threshold", "1.5"])
    assert bad.exit_code == 2 and "threshold" in bad.output
    ok = runner.invoke(app, ["ingest", str(src), "--db", db, "--stages", "", "--languages", "",
                             "--cluster-threshold", "0.6"])
    assert ok.exit_code == 0, ok.output
    with open_store(db) as store:
        settings = json.loads(store.runs()[-1]["settings"])
        assert settings["cluster_threshold"] == 0.6
        assert store.scalar("SELECT count(*) FROM cluster_signature") == store.count()
    help_text = runner.invoke(app, ["ingest", "--help"]).output
    assert "--cluster-threshold" in help_text


def test_bad_cluster_threshold_fails_before_anything_is_written(tmp_path: Path) -> None:
    from dateline.runner.local import cluster_options

    with pytest.raises(DatelineError):
        cluster_options(0.0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_store_index_clusters_like_the_memory_index(
    backend: str, tmp_path: Path, corpus: list[LabelledArticle]
) -> None:
    from dateline.cluster.stories import StoryClusterer

    memory = StoryClusterer()
    for it in corpus:
        memory.add(it.article.id, it.article.text, it.article.published)
    want = memory.labels(it.article.id for it in corpus)
    merged_somewhere = any(
        c.merged_into for c in memory.index.clusters()  # type: ignore[attr-defined]
    )
    with open_store(make_store_url(backend, tmp_path)) as store:
        clusterer = story_clusterer(store)
        with store.transaction():
            for it in corpus:
                clusterer.add(it.article.id, it.article.text, it.article.published)
        assert clusterer.labels(it.article.id for it in corpus) == want
        assert len(clusterer.index) == len(corpus)
        if merged_somewhere:  # merged clusters resolve to where their members went
            for c in memory.index.clusters():  # type: ignore[attr-defined]
                if c.merged_into:
                    assert clusterer.resolve(c.cluster_id) == memory.resolve(c.cluster_id)


def test_an_interrupted_run_resumes_with_the_same_clusters(
    tmp_path: Path, corpus: list[LabelledArticle]
) -> None:
    src = write_corpus(tmp_path / "news.jsonl", corpus)
    clean = str(tmp_path / "clean.db")
    ingest([src], clean)

    class Stop(Exception):
        pass

    def stop_after_two_batches(p: IngestProgress) -> None:
        if p.read >= 32:
            raise Stop

    broken = str(tmp_path / "broken.db")
    with pytest.raises(Stop):
        run_ingest([str(src)], db=broken, stages=[], batch_size=16,
                   options=ReadOptions(languages=()), progress=stop_after_two_batches)
    with open_store(broken) as store:
        partial = store.count()
        assert 0 < partial < len(corpus)
        assert store.scalar("SELECT count(*) FROM cluster_signature") == partial
    resumed = ingest([src], broken)
    assert resumed.resumed
    with open_store(clean) as a, open_store(broken) as b:
        assert story_clusters(b) == story_clusters(a)
