"""The store on both backends: round trip, idempotence, queries, quarantine, runs, migrations."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from conftest_store import BACKENDS, make_store_url
from dateline.errors import SearchSyntaxError, StoreError
from dateline.model import (
    Actor,
    Dateline,
    Event,
    EventActor,
    Mention,
    Quote,
    Record,
    Removed,
    Sentence,
    Span,
)
from dateline.store import (
    content_hash,
    open_store,
    query_events,
    query_quotes,
    resolve_db,
    search_articles,
    stats,
)
from dateline.store.migrations import LATEST
from dateline.store.query import (
    NO_CLUSTERS,
    ArticleFilter,
    EventFilter,
    QuoteFilter,
    articles_page,
    count_events,
    day,
    events_page,
    find_events,
    find_quotes,
    quotes_page,
)
from synth.records import find_span

RAW = (
    "Headline about talks\n\nGENEVA, March 3 (Newswire) - The foreign minister said the talks "
    "were useful. “We will meet again,” he said. Pumpkins are orange."
)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs on SQLite and on PostgreSQL."""
    return make_store_url(request.param, tmp_path)


def _span(text: str, needle: str, cls: type[Span] = Span) -> Span:
    s = find_span(text, needle)
    return cls(s.text, s.start, s.end)


def full_record(
    rid: str = "art-1", raw: str = RAW, url: str | None = "https://news.test/a1"
) -> Record:
    """A record with every field filled, offsets true to ``raw``."""
    title = _span(raw, "Headline about talks")
    dl = _span(raw, "GENEVA, March 3 (Newswire) -")
    minister = _span(raw, "The foreign minister", Mention)
    he = _span(raw, "he", Mention)
    quote = _span(raw, "We will meet again,")
    sent = _span(raw, "The foreign minister said the talks were useful.", Sentence)
    return Record(
        id=rid,
        raw_text=raw,
        source="feed.jsonl",
        url=url,
        title="Headline about talks",
        published="2024-03-03",
        lang="en",
        author="A. Writer",
        title_span=Span(title.text, title.start, title.end),
        dateline=Dateline("GENEVA", "CHE", "Newswire", "March 3", "2024-03-03", dl.start, dl.end,
                          dl.text),
        removed=[Removed("duplicate_title", title.text, title.start, title.end)],
        text=raw[dl.end + 1 :],
        sentences=[sent],  # type: ignore[list-item]
        actors=[
            Actor("a1", "Foreign Minister", "person", "GOV", "CHE", "minister",
                  [minister, he]),  # type: ignore[list-item]
            Actor("a2", "Switzerland", "country", "CHE", "CHE", None, []),
        ],
        quotes=[
            Quote("direct", quote.text, quote.start, quote.end, "Foreign Minister", "a1", "CHEGOV",
                  Span(he.text, he.start, he.end), _span(raw, "said")),
            Quote("indirect", sent.text, sent.start, sent.end, None, None, None, None, None),
        ],
        events=[
            Event("040", "CONSULT", "meet", False,
                  EventActor("Foreign Minister", "CHEGOV", "CHE", "a1"),
                  EventActor("Russia", "RUS", "RUS", None),
                  _span(raw, "talks"), Span(sent.text, sent.start, sent.end),
                  "Geneva", "2024-03-03", 0.75, "asserted"),
            Event("010", None, None, True, EventActor(None, None, None), None,
                  _span(raw, "said"), Span(sent.text, sent.start, sent.end)),
        ],
    )


def test_full_record_offsets_hold() -> None:
    r = full_record()
    for s in [r.title_span, *r.removed, *r.sentences, *r.quotes]:
        assert s is not None and r.raw_text[s.start : s.end] == s.text
    for a in r.actors:
        for m in a.mentions:
            assert r.raw_text[m.start : m.end] == m.text


def test_round_trip_every_field(store_url: str) -> None:
    rec = full_record()
    with open_store(store_url) as store:
        res = store.save(rec)
        assert res.status == "stored" and res.article_id == "art-1"
        back = store.load("art-1")
    assert back == full_record()
    assert back.to_dict() == full_record().to_dict()


def test_round_trip_minimal_and_unicode(store_url: str) -> None:
    rec = Record(id="u-1", raw_text="Zoë’s “quote” — 東京 \u200b end")
    with open_store(store_url) as store:
        store.save(rec)
        assert store.load("u-1") == rec
        with pytest.raises(StoreError):
            store.load("missing")


def test_same_content_or_url_is_a_duplicate(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.save(full_record("a")).status == "stored"
        # Same text, other id: duplicate by content hash.
        again = store.save(full_record("b", url=None))
        assert again.status == "duplicate" and again.article_id == "a"
        # Other text, same URL: duplicate by URL.
        other = full_record("c", raw=RAW + " More.", url="https://news.test/a1")
        assert store.save(other).status == "duplicate"
        # Whitespace differences do not make a new article.
        spaced = Record(id="d", raw_text=RAW.replace("\n\n", "\n \n  "))
        assert store.save(spaced).status == "duplicate"
        assert store.count("articles") == 1
        assert store.count("quotes") == 2 and store.count("events") == 2


def test_taken_id_with_new_content_gets_suffix(store_url: str) -> None:
    with open_store(store_url) as store:
        store.save(full_record("same"))
        other = Record(id="same", raw_text="A different story altogether.")
        res = store.save(other)
        assert res.status == "stored" and res.article_id != "same"
        assert res.article_id.startswith("same~")
        assert store.load(res.article_id).raw_text == "A different story altogether."


def test_transaction_rolls_back(store_url: str) -> None:
    with open_store(store_url) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.save(full_record("x"))
            raise RuntimeError("boom")
        assert store.count("articles") == 0
        store.save(full_record("y"))
        assert store.count("articles") == 1


def test_quarantine_and_skipped_are_recorded_once(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.add_quarantine("bad.jsonl", "line 3", "broken JSON", None)
        assert not store.add_quarantine("bad.jsonl", "line 3", "broken JSON", None)
        assert store.add_quarantine("bin.txt", None, "binary data", None)
        assert store.add_skipped("de.txt", None, "language 'de'", "de", "de")
        assert not store.add_skipped("de.txt", None, "language 'de'", "de", "de")
        items = store.quarantine_items()
        assert [(q["source"], q["position"]) for q in items] == [("bad.jsonl", "line 3"),
                                                                  ("bin.txt", "")]
        assert store.count("skipped") == 1


def test_runs_resume_by_key(store_url: str) -> None:
    with open_store(store_url) as store:
        run = store.start_run("k1", ["a"], {"stages": []})
        assert not run.resumed
        with store.transaction():
            store.update_run(run.id, {"read": 7, "processed": 5}, 1.5)
        again = store.start_run("k1", ["a"], {})
        assert again.resumed and again.id == run.id and again.counts["read"] == 7
        with store.transaction():
            store.update_run(run.id, again.counts, 2.0, status="done")
        third = store.start_run("k1", ["a"], {})
        assert not third.resumed and third.id != run.id


def test_migrations_are_applied_once(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST
        assert store.migrate() == []
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST


def _seed(store_url: str) -> None:
    with open_store(store_url) as store:
        store.save(full_record("a1"))
        r2 = Record(
            id="a2",
            raw_text="Pumpkin prices rose sharply. “Harvest was poor,” a farmer said.",
            published="2023-10-01T08:00:00",
            text="Pumpkin prices rose sharply. “Harvest was poor,” a farmer said.",
            title="Market report",
        )
        q = r2.raw_text.index("Harvest was poor,")
        r2.quotes = [Quote("direct", "Harvest was poor,", q, q + 17, "Farmer Jones")]
        sent = Span(r2.raw_text[:28], 0, 28)
        r2.events = [Event("0231", "AID", None, False, EventActor("Farm", None, "USA"),
                           EventActor("Gov", None, "CAN"), Span("rose", 15, 19), sent)]
        store.save(r2)


def test_query_quotes(store_url: str) -> None:
    _seed(store_url)
    with open_store(store_url) as store:
        assert {q["article_id"] for q in query_quotes(store)} == {"a1", "a2"}
        by_speaker = query_quotes(store, speaker="minister")
        assert [q["text"] for q in by_speaker] == ["We will meet again,"]
        found = query_quotes(store, search="harvest")
        assert [q["speaker"] for q in found] == ["Farmer Jones"]
        assert (found[0]["start"], found[0]["end"]) == (30, 47)  # offsets come back as stored
        assert [q["article_id"] for q in query_quotes(store, since="2024-01-01")] == ["a1", "a1"]
        assert {q["article_id"] for q in query_quotes(store, until="2023-12-31")} == {"a2"}
        assert query_quotes(store, until="2023-10-01")[0]["article_id"] == "a2"
        assert query_quotes(store, search='meet) "again" *') != []  # stray punctuation
        with pytest.raises(SearchSyntaxError):
            query_quotes(store, search='meet "again')  # an unclosed quote
        assert len(query_quotes(store, limit=1)) == 1


def test_query_events(store_url: str) -> None:
    _seed(store_url)
    with open_store(store_url) as store:
        assert len(query_events(store)) == 3
        assert [e["cameo"] for e in query_events(store, plover="consult")] == ["040"]
        assert [e["cameo"] for e in query_events(store, cameo="02")] == ["0231"]
        assert [e["cameo"] for e in query_events(store, source="usa")] == ["0231"]
        assert [e["cameo"] for e in query_events(store, target="RUS")] == ["040"]
        assert {e["cameo"] for e in query_events(store, since="2024-01-01")} == {"040", "010"}
        assert [e["cameo"] for e in query_events(store, until="2023-12-31")] == ["0231"]
        ev = query_events(store, cameo="040")[0]
        assert ev["trigger"] == "talks" and ev["negated"] in (0, False)


def test_filters_and_pages(store_url: str) -> None:
    """The typed filters the CLI and the web share, and pages with their totals."""
    _seed(store_url)
    with open_store(store_url) as store:
        page = quotes_page(store, QuoteFilter(), limit=2, offset=1)
        assert (page.total, len(page.items)) == (3, 2)
        assert page.to_dict().keys() == {"total", "limit", "offset", "items"}
        exact = find_quotes(store, QuoteFilter(exact_speaker="Farmer Jones"))
        assert [q["article_id"] for q in exact] == ["a2"]
        assert find_quotes(store, QuoteFilter(exact_speaker="farmer jones")) == []
        oldest = find_quotes(store, QuoteFilter(), oldest_first=True)
        assert oldest[0]["article_id"] == "a2" and {"url", "source"} <= oldest[0].keys()

        def cameos(**kw: object) -> list[str]:
            return sorted(e["cameo"] for e in find_events(store, EventFilter(**kw)))  # type: ignore[arg-type]

        assert cameos(source="chegov") == cameos(source="CHE") == ["040"]  # code or country
        assert cameos(actor="can") == ["0231"] and cameos(actor="RUS") == ["040"]
        assert cameos(negated=True) == ["010"] and cameos(negated=False) == ["0231", "040"]
        assert cameos(mode="MEET") == ["040"]
        assert cameos(since=date(2024, 1, 1), plover="consult") == ["040"]
        assert count_events(store, EventFilter(cameo="0")) == 3
        assert events_page(store, EventFilter(), limit=1).total == 3
        assert all(isinstance(e["negated"], bool) for e in find_events(store, EventFilter()))
        arts = articles_page(store, ArticleFilter(search="pumpkin prices"))
        assert [a["id"] for a in arts.items] == ["a2"] and arts.total == 1
        assert arts.notes == [NO_CLUSTERS] and arts.items[0]["cluster_id"] == "a2"
        assert articles_page(store, ArticleFilter(until=date(2023, 12, 31))).total == 1
        assert articles_page(store, ArticleFilter(cluster="a1")).total == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        QuoteFilter().speaker = "x"  # type: ignore[misc]
    assert day("2023-10-01T08:00:00") == date(2023, 10, 1) and day(None) is None


def test_search_and_stats(store_url: str) -> None:
    _seed(store_url)
    with open_store(store_url) as store:
        hits = search_articles(store, "pumpkin prices")
        assert [h["id"] for h in hits] == ["a2"]
        snip = hits[0]["snippet"] or ""
        marked = {snip[s:e].lower() for s, e in hits[0]["snippet_marks"]}
        assert marked and marked <= {"pumpkin", "prices"}
        assert {h["id"] for h in search_articles(store, "pumpkins")} >= {"a1"}
        assert search_articles(store, "zzzunknownword") == []
        st = stats(store)
        assert st["counts"]["articles"] == 2 and st["counts"]["quotes"] == 3
        assert st["counts"]["events"] == 3
        assert st["published"]["last"].startswith("2024")
        assert {s["speaker"] for s in st["top_speakers"]} == {"Foreign Minister", "Farmer Jones"}


def test_iter_records_streams_all(store_url: str) -> None:
    with open_store(store_url) as store:
        for i in range(7):
            store.save(Record(id=f"r{i}", raw_text=f"Story number {i}."))
        assert [r.id for r in store.iter_records(batch=3)] == [f"r{i}" for i in range(7)]


def test_sqlite_is_wal_and_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATELINE_DB", raising=False)
    assert resolve_db() == "dateline.db"
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "env.db"))
    assert resolve_db() == str(tmp_path / "env.db")
    assert resolve_db("given.db") == "given.db"
    with open_store() as store:
        store.save(Record(id="w", raw_text="text"))
    conn = sqlite3.connect(tmp_path / "env.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_bad_locations_raise_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "no" / "such" / "dir" / "x.db"))
    with pytest.raises(StoreError):
        open_store("postgresql:///nodb?host=/nonexistent-socket-dir&connect_timeout=2")


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("a  b\nc") == content_hash(" a b c ")
    assert content_hash("a b c") != content_hash("a b d")


PIPELINE_TEXT = (
    "Talks resume in Geneva\n\nGENEVA, March 3 (Newswire) - Foreign Minister Anna Berg met her "
    "Norwegian counterpart on Tuesday. “We agreed to keep talking,” Berg said after the meeting. "
    "The minister added that Sweden would send aid to the region next month."
)


@pytest.mark.slow
def test_pipeline_records_round_trip(store_url: str) -> None:
    """What the real pipeline makes comes back unchanged."""
    from dateline.config import Settings
    from dateline.errors import DatelineError
    from dateline.model import Article
    from dateline.pipeline import Pipeline, resolve_stages

    settings = Settings()
    try:
        pipe = Pipeline(settings, resolve_stages(settings))
    except DatelineError as e:
        pytest.skip(f"pipeline not available: {e}")
    records = pipe.process([Article(id="p1", text=PIPELINE_TEXT, source="t"),
                            Article(id="p2", text=RAW, source="t")])
    with open_store(store_url) as store:
        for r in records:
            assert store.save(r).status == "stored"
        for r in records:
            assert store.load(r.id).to_dict() == r.to_dict()
