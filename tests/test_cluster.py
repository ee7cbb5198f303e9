"""Near-duplicate story clustering: signatures, the LSH index, incremental assignment."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from _floors import assert_floors
from dateline.cluster.index import (
    ClusterError,
    MemorySignatureIndex,
    SignatureIndex,
    SQLiteSignatureIndex,
    lsh_params,
)
from dateline.cluster.minhash import (
    make_signature,
    normalise_text,
    shingles,
    signature_from_bytes,
    signature_to_bytes,
)
from dateline.cluster.stories import (
    UNKNOWN_PUBLISHED,
    ClusterOptions,
    StoryClusterer,
    cluster_records,
    published_key,
)
from dateline.model import Record
from dateline.store.sqlite import SQLiteStore
from synth.corpus import generate_corpus, pairwise_scores


def migrated(path: Path) -> sqlite3.Connection:
    """A plain connection to a SQLite file whose tables the store's migrations made."""
    SQLiteStore(path).close()
    return sqlite3.connect(path)


LONG = (
    "The harbour authority said on Tuesday that repairs to the northern pier would take "
    "three more weeks. Fishermen who use the pier complained that they had not been told. "
    "A spokeswoman for the authority said the delay was caused by a shortage of steel. "
    "The town council will discuss the matter at its next meeting on Thursday evening. "
    "Several boat owners said they would ask for compensation for the lost days at sea. "
    "The pier was damaged by a storm in early spring and has been closed ever since."
)

OTHER = (
    "Engineers from the regional port office inspected the damaged pilings with divers "
    "and concluded that two sections must be replaced entirely. Their report estimates "
    "the cost at roughly twice the original budget. Insurance companies have asked for "
    "photographs of the storm damage before any payment is approved. Meanwhile the "
    "ferry operator moved its morning crossings to the southern quay for the summer."
)


def test_normalise_and_shingles() -> None:
    assert normalise_text("Hello,  WORLD!\n“Quoted” — text") == "hello world quoted text"
    sh = shingles("One two three four five six")
    assert sh == {b"one two three four five", b"two three four five six"}
    assert shingles("Too short here") == {b"too short here"}
    assert shingles("  ... ") == set()
    # Case and punctuation do not change the shingles.
    assert shingles(LONG) == shingles(LONG.upper().replace(".", " ."))


def test_signature_bytes_round_trip_and_determinism() -> None:
    sig = make_signature(LONG)
    data = signature_to_bytes(sig)
    assert isinstance(data, bytes)
    back = signature_from_bytes(data)
    assert back.n_shingles == sig.n_shingles == len(shingles(LONG))
    assert (back.hashvalues == sig.hashvalues).all()
    assert back.jaccard(sig) == 1.0
    # A fixed seed: another signature of the same text is byte-identical.
    assert make_signature(LONG).to_bytes() == data


def test_similarity_estimates() -> None:
    full = make_signature(LONG)
    cut = make_signature(LONG[: len(LONG) // 2])
    other = make_signature(
        "Parliament passed the budget late on Friday after a debate that lasted eleven hours, "
        "with the opposition voting against every article of the finance bill."
    )
    assert other.jaccard(full) < 0.1
    assert cut.jaccard(full) < 0.7
    # Truncation keeps the shorter text contained in the longer one.
    assert cut.containment(full) > 0.8
    empty = make_signature("")
    assert empty.empty and empty.jaccard(empty) == 0.0


def test_published_key() -> None:
    assert published_key("2026-03-02T08:00:00+02:00") == "2026-03-02T06:00:00"
    assert published_key("2026-03-02") == "2026-03-02T00:00:00"
    assert published_key(None) == UNKNOWN_PUBLISHED
    assert published_key("last Tuesday") == UNKNOWN_PUBLISHED


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_generated_corpus_precision_recall(seed: int) -> None:
    items = generate_corpus(300, seed=seed)
    # The corpus really has duplicates of every kind, and sibling stories.
    assert {it.variant for it in items} == {"wire", "reprint", "rewrite", "truncated"}
    assert any(it.group.endswith("b") for it in items)
    truth = {it.article.id: it.group for it in items}
    clusterer = StoryClusterer()
    for it in items:
        a = it.article
        clusterer.add(a.id, a.text, a.published)
    predicted = clusterer.labels(truth)
    precision, recall = pairwise_scores(truth, predicted)
    assert_floors("clusters", {"precision": precision, "recall": recall})


def test_pairwise_scores_can_fail() -> None:
    truth = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert pairwise_scores(truth, truth) == (1.0, 1.0)
    assert pairwise_scores(truth, {"a": "x", "b": "x", "c": "x", "d": "x"}) == (2 / 6, 1.0)
    assert pairwise_scores(truth, {"a": "1", "b": "2", "c": "3", "d": "4"}) == (1.0, 0.0)


def test_cluster_ids_and_canonical() -> None:
    cl = StoryClusterer()
    body = LONG + " " + LONG.replace("pier", "jetty")
    first = cl.add("late-long", body + " The repairs will cost more.", "2026-03-02T12:00")
    assert first.new_cluster and first.cluster_id == "late-long"
    second = cl.add("early-short", body, "2026-03-02T09:00")
    assert second.cluster_id == "late-long" and not second.new_cluster
    assert second.matched_id == "late-long" and second.jaccard > 0.5
    # Earliest published wins.
    assert cl.canonical("late-long") == "early-short"
    third = cl.add("early-long", body + " Divers inspected the pilings.", "2026-03-02T09:00")
    # Same time: the longer text is the more complete one.
    assert third.cluster_id == "late-long" and third.canonical_id == "early-long"
    # Idempotent: the same id keeps its cluster.
    again = cl.add("early-short", "something else entirely", None)
    assert again.cluster_id == "late-long" and not again.new_cluster
    assert cl.index.cluster("late-long").size == 3  # type: ignore[union-attr]
    unrelated = cl.add(
        "budget", "Parliament passed the budget late on Friday after a long debate.", None
    )
    assert unrelated.new_cluster and unrelated.cluster_id == "budget"


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_a_bridging_article_merges_clusters(kind: str, tmp_path: Path) -> None:
    # Two halves of one story arrive first (they share too little to match);
    # the full story then matches both, so the two clusters are one story.
    index: SignatureIndex = (
        MemorySignatureIndex()
        if kind == "memory"
        else SQLiteSignatureIndex(migrated(tmp_path / "c.db"))
    )
    cl = StoryClusterer(index)
    full = LONG + " " + OTHER
    first = cl.add("first-half", LONG, "2026-03-02T10:00")
    second = cl.add("second-half", OTHER, "2026-03-02T09:00")
    assert first.new_cluster and second.new_cluster
    bridge = cl.add("full", full, "2026-03-02T11:00")
    assert bridge.cluster_id == "first-half"  # the oldest cluster keeps its id
    assert bridge.merged == ("second-half",)
    assert cl.labels(["first-half", "second-half", "full"]) == dict.fromkeys(
        ["first-half", "second-half", "full"], "first-half"
    )
    info = cl.index.cluster("first-half")
    assert info is not None and info.size == 3
    assert info.canonical_id == "second-half"  # earliest published of the merged clusters
    gone = cl.index.cluster("second-half")
    assert gone is not None and gone.merged_into == "first-half" and gone.size == 0
    # An id handed out before the merge still leads to the story.
    assert cl.resolve("second-half") == "first-half"
    assert cl.canonical("second-half") == "second-half"


def test_empty_text_gets_its_own_cluster() -> None:
    cl = StoryClusterer()
    assert cl.add("e1", "", None).cluster_id == "e1"
    assert cl.add("e2", "", None).cluster_id == "e2"


def test_cluster_records_uses_clean_text() -> None:
    a = Record(id="r1", raw_text="HEADER\n" + LONG, text=LONG, published="2026-03-01")
    b = Record(id="r2", raw_text="OTHER HEADER LINE\n" + LONG, text=LONG, published="2026-03-02")
    c = Record(id="r3", raw_text="A different story altogether about farming subsidies.")
    assert cluster_records([a, b, c]) == {"r1": "r1", "r2": "r1", "r3": "r3"}


def test_threshold_is_an_option() -> None:
    base = "The harbour authority said on Tuesday that repairs to the northern pier"
    a = base + " would take three more weeks and cost more than expected by the council."
    b = base + " were finished early and the fishing fleet could return within days."
    strict = StoryClusterer(options=ClusterOptions(threshold=0.9, containment=None))
    loose = StoryClusterer(options=ClusterOptions(threshold=0.2, containment=None))
    for cl in (strict, loose):
        cl.add("a", a)
    assert strict.add("b", b).new_cluster
    assert not loose.add("b", b).new_cluster
    with pytest.raises(ClusterError, match="threshold"):
        ClusterOptions(threshold=1.5)
    with pytest.raises(ClusterError, match="containment"):
        ClusterOptions(containment=0.0)


def test_both_indexes_satisfy_the_protocol(tmp_path: Path) -> None:
    conn = migrated(tmp_path / "c.db")
    assert isinstance(MemorySignatureIndex(), SignatureIndex)
    assert isinstance(SQLiteSignatureIndex(conn), SignatureIndex)
    assert lsh_params(0.3) == MemorySignatureIndex(0.3).params


def test_sqlite_index_is_incremental_and_matches_memory(tmp_path: Path) -> None:
    items = generate_corpus(120, seed=5)
    half = len(items) // 2
    db = tmp_path / "dateline.db"

    memory = StoryClusterer()
    for it in items:
        memory.add(it.article.id, it.article.text, it.article.published)
    ids = [it.article.id for it in items]
    expected = memory.labels(ids)

    conn = migrated(db)
    cl = StoryClusterer(SQLiteSignatureIndex(conn))
    for it in items[:half]:
        cl.add(it.article.id, it.article.text, it.article.published)
    conn.commit()
    conn.close()
    # A later run opens the same file and carries on.
    conn = sqlite3.connect(db)
    index = SQLiteSignatureIndex(conn)
    assert len(index) == half
    cl = StoryClusterer(index)
    for it in items[half:]:
        cl.add(it.article.id, it.article.text, it.article.published)
    conn.commit()
    assert cl.labels(ids) == expected
    for cid in set(expected.values()):
        assert index.cluster(cid) == memory.index.cluster(cid)
        assert len(index.members(cid)) == index.cluster(cid).size  # type: ignore[union-attr]
    assert sorted(index.clusters(), key=lambda c: c.cluster_id) == sorted(
        memory.index.clusters(), key=lambda c: c.cluster_id  # type: ignore[attr-defined]
    )
    conn.close()


def test_sqlite_index_needs_the_migrated_tables(tmp_path: Path) -> None:
    with pytest.raises(ClusterError, match="no cluster tables"):
        SQLiteSignatureIndex(sqlite3.connect(tmp_path / "bare.db"))


def test_sqlite_index_refuses_other_settings(tmp_path: Path) -> None:
    conn = migrated(tmp_path / "c.db")
    SQLiteSignatureIndex(conn, lsh_threshold=0.3)
    conn.commit()
    with pytest.raises(ClusterError, match="built with"):
        SQLiteSignatureIndex(conn, lsh_threshold=0.6)


def test_sqlite_index_keeps_caller_transaction(tmp_path: Path) -> None:
    conn = migrated(tmp_path / "c.db")
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.commit()
    conn.execute("INSERT INTO t VALUES (1)")
    cl = StoryClusterer(SQLiteSignatureIndex(conn))
    cl.add("a", LONG)
    conn.rollback()
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 0


def test_clusters_kept_in_the_store_database(tmp_path: Path) -> None:
    """The store's single writer clusters each saved record in the same transaction."""
    try:
        from dateline.store.sqlite import SQLiteStore
    except ImportError as e:  # the store is another module; skip cleanly without it
        pytest.skip(f"store not available: {e}")
    items = generate_corpus(40, seed=9)
    db = tmp_path / "dateline.db"
    half = len(items) // 2
    # One exact copy under another id: the store's content hash catches it.
    copy = replace(items[0], article=replace(items[0].article, id="exact-copy"))
    assigned: dict[str, str] = {}
    for part in (items[:half], [*items[half:], copy]):
        store = SQLiteStore(db)
        clusterer = StoryClusterer(SQLiteSignatureIndex(store.conn))
        for it in part:
            rec = Record.from_article(it.article)
            rec.text = it.article.text
            with store.transaction():
                saved = store.save(rec)
                if saved.status == "stored":
                    assigned[saved.article_id] = clusterer.add_record(rec).cluster_id
        store.close()
    store = SQLiteStore(db)
    index = SQLiteSignatureIndex(store.conn)
    assert len(index) == len(assigned) == store.count() == len(items)
    assert "exact-copy" not in assigned
    truth = {it.article.id: it.group for it in items}
    precision, recall = pairwise_scores(truth, StoryClusterer(index).labels(assigned))
    assert precision >= 0.95 and recall >= 0.95
    assert sum(c.size for c in index.clusters()) == len(assigned)
    store.close()
