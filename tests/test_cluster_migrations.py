"""Cluster tables come from the store's migrations only, on both backends."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest_store import BACKENDS, make_store_url
from dateline.model import Article, Record
from dateline.store import base, open_store
from dateline.store.clusters import cluster_backlog, story_clusterer
from dateline.store.migrations import LATEST, MIGRATIONS
from ingest_samples import STORY

CLUSTER_TABLES = ("cluster_meta", "cluster_signature", "cluster_band", "story_cluster")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return make_store_url(request.param, tmp_path)


def test_a_fresh_store_has_the_cluster_tables(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST
        assert all(store._has_table(t) for t in CLUSTER_TABLES)
        clusterer = story_clusterer(store)  # the index finds its tables
        with store.transaction():
            assert clusterer.add("a", STORY).new_cluster


def test_a_store_from_before_the_cluster_migration_is_migrated(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A store written by a release that had only the first migration, with an article.
    with monkeypatch.context() as m:
        m.setattr(base, "MIGRATIONS", MIGRATIONS[:1])
        with open_store(store_url) as old:
            assert old.schema_version() == 1
            assert not any(old._has_table(t) for t in CLUSTER_TABLES)
            rec = Record.from_article(Article(id="old", text=STORY))
            rec.text = STORY
            with old.transaction():
                old.save(rec)
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST
        assert all(store._has_table(t) for t in CLUSTER_TABLES)
        clusterer = story_clusterer(store)
        assert cluster_backlog(store, clusterer) == 1  # the old article gets its cluster
        assert store.scalar("SELECT count(*) FROM cluster_signature") == 1
