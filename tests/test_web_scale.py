"""List pages at scale, facets and CSV twins (issue 15 item 12, issue 16 item 5).

Facet counts and kept totals are checked against counting the stored rows
directly, on both backends, after inserts, deletes and a migration of a store
made before the counts were kept. The query plans of the main list queries are
checked to read an index, not every row (a timing would be noise on a shared
machine).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest_store import BACKENDS, make_store_url
from dateline.export.cells import cell, spreadsheet_safe
from dateline.model import Quote, Record
from dateline.store import aggregates, open_store, query
from dateline.store.base import Store
from dateline.store.migrations import MIGRATIONS
from dateline.store.query import ArticleFilter, EventFilter, QuoteFilter
from dateline.store.query.counting import capped_count
from dateline.store.query.facets import FACET_SAMPLE
from dateline.web import create_app
from synth.records import demo_record, find_span, generate_records

TRICKY_TITLE = '=HYPERLINK("http://x"), "quoted", and\na new line'


def tricky_record() -> Record:
    """Text cells a CSV writer must quote, one a spreadsheet would run as a formula."""
    text = 'Officials met. "-2 and +3 are the sums," said @Ana Ruiz, laughing.\n'
    qs = find_span(text, "-2 and +3 are the sums,")
    return Record(
        id="tricky-cells",
        raw_text=text,
        text=text,
        title=TRICKY_TITLE,
        source="Wire, Ltd.",
        published="2025-03-04",
        quotes=[Quote("direct", qs.text, qs.start, qs.end, speaker="@Ana Ruiz")],
    )


def filled(url: str, n: int = 60) -> str:
    with open_store(url) as store:
        for i, rec in enumerate(generate_records([demo_record()], n)):
            # two outlets, so the outlet facet has something to tell apart
            store.save(replace(rec, source="North Wire" if i % 3 else "South Desk"))
        store.save(tricky_record())
    return url


@pytest.fixture(scope="module", params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    return filled(make_store_url(request.param, tmp_path_factory.mktemp("scale")))


@pytest.fixture(scope="module")
def client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url)) as c:
        yield c


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


# -- counts kept on write ------------------------------------------------------------------
def recount(store: Store) -> dict[tuple[str, str, str], int]:
    """What ``facet_counts`` should hold, counted from the rows themselves."""
    out: Counter[tuple[str, str, str]] = Counter()
    for f in aggregates.FACETS:
        where = f" WHERE {f.when.replace('{r}', 't').replace('{other}', '<')}" if f.when else ""
        value = f.value.replace("{r}", "t")
        for r in store.rows(
            f"SELECT {value} AS v, count(*) AS n FROM {f.table} t{where} GROUP BY 1"
        ):
            out[(f.table, f.name, str(r["v"]))] += int(r["n"])
    return dict(out)


def kept(store: Store) -> dict[tuple[str, str, str], int]:
    return {
        (r["subject"], r["facet"], r["value"]): int(r["n"])
        for r in store.rows("SELECT subject, facet, value, n FROM facet_counts")
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_kept_counts_follow_inserts_and_deletes(backend: str, tmp_path: Path) -> None:
    url = filled(make_store_url(backend, tmp_path), n=30)
    with open_store(url) as store:
        assert kept(store) == recount(store)
        assert store.count("quotes") == int(store.scalar("SELECT count(*) FROM quotes"))
        # deleting articles removes their quotes and events by cascade: counts follow
        store.execute(
            "DELETE FROM articles WHERE pk IN (SELECT pk FROM articles ORDER BY pk LIMIT 7)"
        )
        assert kept(store) == recount(store)
        for t in aggregates.COUNTED:
            assert store.count(t) == int(store.scalar(f"SELECT count(*) FROM {t}"))
        speakers = {
            r["name"]: (r["quotes"], r["articles"])
            for r in query.speakers_page(store, None, 100).items
        }
        direct = {
            r["speaker"]: (r["q"], r["a"])
            for r in store.rows(
                "SELECT speaker, count(*) AS q, count(DISTINCT article_pk) AS a FROM quotes"
                " WHERE speaker IS NOT NULL GROUP BY speaker"
            )
        }
        assert speakers == direct


def test_migration_fills_the_counts_of_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path, migrate=False) as store:
        store.execute(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        for m in MIGRATIONS[:2]:
            for stmt in m.sqlite:
                store.execute(stmt)
            store.execute("INSERT INTO schema_version VALUES (?, ?, 'then')", (m.version, m.name))
        # rows as the version-2 code wrote them: no sort_date, outlet or published columns
        recs = list(generate_records([demo_record()], 12))
        for rec in recs:
            cur = store.execute(
                "INSERT INTO articles (id, content_hash, source, title, published, raw_text, text,"
                " record, created) VALUES (?, ?, 'Old Wire', ?, ?, ?, ?, ?, 'then') RETURNING pk",
                (
                    rec.id,
                    rec.id,
                    rec.title,
                    rec.published,
                    rec.raw_text,
                    rec.raw_text,
                    rec.to_json(),
                ),
            )
            pk = cur.fetchone()[0]
            for i, e in enumerate(rec.events):
                store.execute(
                    "INSERT INTO events (article_pk, idx, cameo, plover, negated, source_country,"
                    " target_country, trigger_text, sentence, confidence)"
                    " VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0.5)",
                    (
                        pk,
                        i,
                        e.cameo,
                        e.plover,
                        e.source.country,
                        e.target.country if e.target else None,
                        e.trigger.text,
                        e.sentence.text,
                    ),
                )
            for i, q in enumerate(rec.quotes):
                store.execute(
                    "INSERT INTO quotes (article_pk, idx, kind, text, start_char,"
                    " end_char, speaker) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (pk, i, q.kind, q.text, q.start, q.end, q.speaker),
                )
    with open_store(path) as store:  # migrates
        assert store.schema_version() == MIGRATIONS[-1].version
        assert kept(store) == recount(store)
        assert store.count("events") == sum(len(r.events) for r in recs)
        days = {r["sort_date"] for r in store.rows("SELECT sort_date FROM events")}
        assert days == {r.published for r in recs if r.events}
        assert {r["outlet"] for r in store.rows("SELECT outlet FROM quotes")} == {"Old Wire"}
        store.save(replace(demo_record(), id="new-one", source="New Wire"))
        assert kept(store) == recount(store)


# -- capped totals -------------------------------------------------------------------------
def test_filtered_totals_are_exact_below_the_cap_and_capped_above(store: Store) -> None:
    every = store.count("events")
    page = query.events_page(store, EventFilter(plover="AGREE"), 10)
    assert not page.capped
    assert page.total == query.count_events(store, EventFilter(plover="AGREE")) < every
    n, more = capped_count(store, " FROM events e WHERE e.plover = ?", ["AGREE"], cap=5)
    assert (n, more) == (5, True)
    # never stops before the end of the page asked for
    n, more = capped_count(
        store, " FROM events e WHERE e.plover = ?", ["AGREE"], limit=10, offset=3, cap=5
    )
    assert (n, more) == (13, True)
    assert query.events_page(store, EventFilter(), 10).total == every


@pytest.mark.parametrize(
    ("page", "f", "count"),
    [
        (query.events_page, EventFilter(plover="agree"), query.count_events),
        (query.events_page, EventFilter(outlet="South Desk"), query.count_events),
        (query.quotes_page, QuoteFilter(speaker="VELLA"), query.count_quotes),
        (query.quotes_page, QuoteFilter(exact_speaker="Clara Vella"), query.count_quotes),
        (query.quotes_page, QuoteFilter(outlet="North Wire"), query.count_quotes),
        (query.articles_page, ArticleFilter(source="wire"), query.count_articles),
        (query.articles_page, ArticleFilter(outlet="South Desk"), query.count_articles),
    ],
)
def test_one_field_filters_take_their_total_from_the_kept_counts(
    store: Store, page: Any, f: Any, count: Any
) -> None:
    got = page(store, f, 5)
    assert not got.capped and got.total == count(store, f) > 0


# -- facets --------------------------------------------------------------------------------
def _counts(rows: list[dict[str, Any]], *cols: str) -> dict[str, int]:
    c: Counter[str] = Counter()
    for r in rows:
        for v in {r[k] for k in cols if r[k] is not None}:
            c[str(v)] += 1
    return dict(c)


def _shown(facet: list[dict[str, Any]]) -> dict[str, int]:
    return {v["value"]: v["n"] for v in facet}


@pytest.mark.parametrize(
    "f",
    [
        EventFilter(),
        EventFilter(plover="AGREE"),
        EventFilter(since=date(2025, 3, 1), until=date(2025, 8, 31)),
        EventFilter(outlet="South Desk"),
    ],
)
def test_event_facets_count_the_filtered_events(store: Store, f: EventFilter) -> None:
    rows = query.find_events(store, f, 100_000)
    got = query.event_facets(store, f)
    assert not got["sampled"] and len(rows) < FACET_SAMPLE
    assert _shown(got["facets"]["plover"]) == _counts(rows, "plover")
    assert _shown(got["facets"]["country"]) == _counts(rows, "source_country", "target_country")
    assert _shown(got["facets"]["outlet"]) == _counts(rows, "source")
    months = Counter(str(r["date"])[:7] for r in rows)
    assert _shown(got["facets"]["month"]) == dict(sorted(months.items(), reverse=True)[:10])


@pytest.mark.parametrize(
    "f",
    [
        QuoteFilter(),
        QuoteFilter(speaker="vella"),
        QuoteFilter(outlet="North Wire", since=date(2025, 6, 1)),
    ],
)
def test_quote_facets_count_the_filtered_quotes(store: Store, f: QuoteFilter) -> None:
    rows = query.find_quotes(store, f, 100_000)
    got = query.quote_facets(store, f)
    assert _shown(got["facets"]["speaker"]) == _counts(rows, "speaker")
    assert _shown(got["facets"]["outlet"]) == _counts(rows, "source")


def test_filtered_facets_past_the_sample_count_the_newest_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.store.query import facets

    monkeypatch.setattr(facets, "FACET_SAMPLE", 7)
    f = EventFilter(plover="AGREE")
    got = query.event_facets(store, f)
    newest = query.find_events(store, f, 7)
    assert got["sampled"] and got["sample"] == 7
    assert _shown(got["facets"]["outlet"]) == _counts(newest, "source")
    assert sum(v["n"] for v in got["facets"]["plover"]) == 7


def test_article_facets_and_their_filter_select_as_many(store: Store) -> None:
    got = query.article_facets(store, ArticleFilter())
    rows = query.find_articles(store, ArticleFilter(), 100_000)
    assert _shown(got["facets"]["outlet"]) == _counts(rows, "source")
    for v in got["facets"]["outlet"] + got["facets"]["month"]:
        f = replace(ArticleFilter(), **v["select"])
        assert query.count_articles(store, f) == v["n"]


def test_facet_links_narrow_the_page_to_the_count(client: TestClient) -> None:
    page = client.get("/events.json?since=2025-01-01").json()
    assert page["facets"]["plover"]
    for v in page["facets"]["plover"] + page["facets"]["country"]:
        assert v["query"]["since"] == "2025-01-01"
        narrowed = client.get("/events.json", params=v["query"]).json()
        assert narrowed["total"] == v["n"]
    html = client.get("/events?plover=AGREE").text
    assert 'class="facet-link" href="/events?plover=AGREE&amp;actor=' in html
    quotes = client.get("/quotes.json").json()
    clara = next(v for v in quotes["facets"]["speaker"] if v["value"] == "Clara Vella")
    assert clara["query"] == {"exact_speaker": "Clara Vella"}
    assert client.get("/quotes.json", params=clara["query"]).json()["total"] == clara["n"]


# -- CSV twins -----------------------------------------------------------------------------
def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "path",
    ["/events.csv", "/events", "/search.csv", "/quotes.csv", "/speakers.csv", "/problems.csv"],
)
def test_every_list_page_has_a_csv_twin(client: TestClient, path: str) -> None:
    url = path if path.endswith(".csv") else f"{path}?format=csv"
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.text.splitlines()[0]  # a header row, even with no rows


def test_csv_keeps_the_filters_of_the_page(client: TestClient) -> None:
    rows = _csv(client.get("/events.csv?plover=AGREE&limit=500").text)
    js = client.get("/events.json?plover=AGREE&limit=500").json()
    assert rows and {r["plover"] for r in rows} == {"AGREE"}
    assert [r["article_id"] for r in rows] == [e["article_id"] for e in js["items"]]
    assert [r["negated"] for r in rows][:1] == ["true" if js["items"][0]["negated"] else "false"]
    south = _csv(client.get("/quotes.csv?outlet=South+Desk&limit=500").text)
    assert south and {r["source"] for r in south} == {"South Desk"}
    page = client.get("/events?plover=AGREE").text
    assert 'class="csv-link" href="/events.csv?plover=AGREE"' in page


def test_csv_cells_are_quoted_and_never_formulas(client: TestClient) -> None:
    rows = _csv(client.get("/search.csv?outlet=Wire,+Ltd.").text)
    assert len(rows) == 1
    # commas, quotes and the new line survive; the leading "=" is neutralised
    assert rows[0]["title"] == "'" + TRICKY_TITLE
    assert rows[0]["source"] == "Wire, Ltd."
    quote = _csv(client.get("/quotes.csv?exact_speaker=%40Ana+Ruiz").text)[0]
    assert quote["speaker"] == "'@Ana Ruiz" and quote["text"] == "'-2 and +3 are the sums,"
    assert quote["start"].isdigit()  # numbers stay numbers


def test_cells() -> None:
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("a=1") == "a=1"
    assert spreadsheet_safe(-2) == -2 and cell(None) == "" and cell(True) == "true"
    assert cell(["a", "b"]) == "a; b" and cell(["=x"]) == "'=x"


# -- query plans (SQLite) ------------------------------------------------------------------
BIG = ("articles", "quotes", "events", "actors")


def _plans(store: Store, run: Any) -> list[tuple[str, list[str]]]:
    """Each SELECT ``run`` sends, with its EXPLAIN QUERY PLAN lines."""
    seen: list[tuple[str, tuple[Any, ...]]] = []
    raw = store._raw_execute

    def tracing(sql: str, params: Any = ()) -> Any:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append((sql, tuple(params)))
        return raw(sql, params)

    store._raw_execute = tracing  # type: ignore[method-assign]
    try:
        run()
    finally:
        store._raw_execute = raw  # type: ignore[method-assign]
    return [
        (sql, [str(r[3]) for r in raw("EXPLAIN QUERY PLAN " + sql, p).fetchall()])
        for sql, p in seen
    ]


ALIASES = {"a": "articles", "q": "quotes", "e": "events"}


def _full_scans(sql: str, plan: list[str]) -> list[str]:
    """Plan lines that read a big table from end to end (an index read end to end too), or
    sort all they found for the order.

    A scan is bounded only when the statement stops it with a LIMIT (an ordered read of
    the first rows, or a count up to a cap) and groups nothing.
    """
    bounded = "LIMIT" in sql.upper() and "GROUP BY" not in sql.upper()
    bad = []
    for line in plan:
        words = line.split()
        big = len(words) > 1 and ALIASES.get(words[1], words[1]) in BIG
        if words[:1] == ["SCAN"] and big and not bounded:
            bad.append(line)
        if "TEMP B-TREE FOR ORDER BY" in line:
            bad.append(line)
    return bad


LIST_QUERIES = {
    "events": lambda s: query.events_page(s, EventFilter(), 50),
    "events by type and month": lambda s: query.events_page(
        s, EventFilter(plover="AGREE", since=date(2025, 4, 1), until=date(2025, 4, 30)), 50
    ),
    "events of an outlet": lambda s: query.events_page(s, EventFilter(outlet="South Desk"), 50),
    "events by CAMEO, negated": lambda s: query.events_page(
        s, EventFilter(cameo="05", negated=False), 50
    ),
    "words": lambda s: query.articles_page(s, ArticleFilter(search="fishing accord"), 20),
    "events per day": lambda s: query.events_per_day(s, EventFilter()),
    "quotes": lambda s: query.quotes_page(s, QuoteFilter(), 50),
    "quotes since": lambda s: query.quotes_page(s, QuoteFilter(since=date(2025, 6, 1)), 50),
    "a speaker's quotes": lambda s: query.quotes_page(
        s, QuoteFilter(exact_speaker="Clara Vella"), 100, oldest_first=True
    ),
    "speaker summary": lambda s: query.speaker_summary(s, "Clara Vella"),
    "articles": lambda s: query.articles_page(s, ArticleFilter(), 20),
    "articles by day": lambda s: query.articles_page(
        s, ArticleFilter(since=date(2025, 3, 1), until=date(2025, 6, 30)), 20
    ),
    "speakers": lambda s: query.speakers_page(s, None, 50),
    "stats": lambda s: query.stats(s),
    "facets": lambda s: query.event_facets(s, EventFilter()),
    "facets by type": lambda s: query.event_facets(s, EventFilter(plover="AGREE")),
}


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_list_queries_read_an_index(tmp_path: Path, name: str) -> None:
    path = filled(str(tmp_path / "plan.db"), n=40)
    with open_store(path) as store:
        store.execute("ANALYZE")  # the planner's choice, with what it knows of the data
        plans = _plans(store, lambda: LIST_QUERIES[name](store))
    assert plans
    bad = {sql[:120]: _full_scans(sql, plan) for sql, plan in plans if _full_scans(sql, plan)}
    assert bad == {}
