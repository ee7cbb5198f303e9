"""One search language, the same answers on SQLite (FTS5, Porter) and PostgreSQL (tsquery).

A table of searches runs on both stores and must give the articles (and
quotes) named beside it; a bad search is exit 2 in the CLI and a 400 on the
web pages and the API, never a 500. The words were chosen where Porter and
PostgreSQL's English Snowball stemmer agree (see the README's search section).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest_store import BACKENDS, make_store_url
from dateline.cli.main import app as cli
from dateline.model import Quote, Record
from dateline.store import base, open_store
from dateline.store.migrations import MIGRATIONS
from dateline.store.query import (
    ArticleFilter,
    QuoteFilter,
    find_articles,
    find_quotes,
    merged_quotes,
)
from dateline.web import create_app

#: id: (title, text, a quotation in the text or None); published days increase with the id.
STORIES: dict[str, tuple[str, str, str | None]] = {
    "s1": (
        "Court approves extradition of former minister",
        "The court in Valletta approved the extradition of the former minister on "
        "Monday. Lawyers said he would appeal.",
        None,
    ),
    "s2": (
        "Fugitive banker sent to Italy",
        "The banker was extradited to Italy after talks between the two governments. "
        "“We will appeal the ruling,” his lawyer said. He left the hearing empty-handed.",
        "We will appeal the ruling,",
    ),
    "s3": (
        "Fishing talks resume",
        "Negotiators resumed fishing talks in Brussels. “The fishermen want their "
        "quotas raised,” a spokesman said.",
        "The fishermen want their quotas raised,",
    ),
    "s4": (
        "Ceasefire holds",
        "A ceasefire agreed last week held overnight. Negotiations on the exchange of "
        "prisoners continue in Geneva.",
        None,
    ),
    "s5": (
        "Harvest festival",
        "Farmers celebrated a generous harvest. Prices fell at the market, traders said.",
        None,
    ),
}

#: (search, the articles it finds)
ARTICLE_SEARCHES: list[tuple[str, set[str]]] = [
    ("extradition", {"s1", "s2"}),  # stemmed: "extradited" too
    ("extradited", {"s1", "s2"}),
    ("negotiations", {"s3", "s4"}),  # negotiators too: one stem
    ("negotiate*", {"s3", "s4"}),  # a prefix is stemmed like a word ...
    ("negotiat*", set()),  # ... so it must reach the stem ("negoti")
    ("fish*", {"s3"}),
    ("Valletta court", {"s1"}),
    ("court AND banker", set()),
    ('"fishing talks"', {"s3"}),
    ('"talks fishing"', set()),  # a phrase keeps its order
    ('"former minis"*', {"s1"}),
    ("talks OR ceasefire", {"s2", "s3", "s4"}),
    ("talks -fishing", {"s2"}),
    ("talks NOT fishing", {"s2"}),
    ('talks -"fishing talks"', {"s2"}),
    ("ceasefire OR harvest -market", {"s4"}),
    ("banker ceasefire OR farmers", {"s5"}),  # OR binds loosest: (banker ceasefire) OR farmers
    ("empty-handed", {"s2"}),
    ('"left the hearing empty-handed"', {"s2"}),
    ("appeal", {"s1", "s2"}),
    ("prisoner", {"s4"}),
    ("zzzunknown", set()),
]

#: (search, the articles whose quotations it finds): only the quotation's words count.
QUOTE_SEARCHES: list[tuple[str, set[str]]] = [
    ("appealing", {"s2"}),
    ("fishermen OR ruling", {"s2", "s3"}),
    ("quota* -fishermen", set()),
    ('"want their quotas"', {"s3"}),
    ("spokesman", set()),  # in the article, not in the quotation
]

BAD_SEARCHES = ['"unclosed', "OR", "talks OR", "OR OR", "-talks", "NOT", "talks NOT", "*", "))--"]


def _records() -> Iterator[Record]:
    for n, (sid, (title, text, quote)) in enumerate(STORIES.items(), start=1):
        rec = Record(
            id=sid, raw_text=text, text=text, title=title, published=f"2025-03-{n:02d}T09:00:00"
        )
        if quote:
            start = text.index(quote)
            rec.quotes = [Quote("direct", quote, start, start + len(quote), "Someone")]
        yield rec


def _fill(url: str) -> None:
    with open_store(url) as store, store.transaction():
        for rec in _records():
            store.save(rec)


@pytest.fixture(scope="module", params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = make_store_url(request.param, tmp_path_factory.mktemp("search"))
    _fill(url)
    return url


@pytest.mark.parametrize(("search", "expected"), ARTICLE_SEARCHES)
def test_article_searches_find_the_same_articles(
    store_url: str, search: str, expected: set[str]
) -> None:
    with open_store(store_url) as store:
        found = find_articles(store, ArticleFilter(search=search), limit=50)
    assert {a["id"] for a in found} == expected
    assert all(a["snippet"] for a in found)


@pytest.mark.parametrize(("search", "expected"), QUOTE_SEARCHES)
def test_quote_searches_find_the_same_quotes(
    store_url: str, search: str, expected: set[str]
) -> None:
    with open_store(store_url) as store:
        found = find_quotes(store, QuoteFilter(search=search))
    assert {q["article_id"] for q in found} == expected


@pytest.mark.parametrize(("search", "expected"), QUOTE_SEARCHES)
def test_merged_quotes_search_in_the_same_language(
    store_url: str, search: str, expected: set[str]
) -> None:
    with open_store(store_url) as store:
        found = merged_quotes(store, QuoteFilter(search=search))
    assert {r["article_id"] for q in found for r in q["sources"]} == expected


def test_the_cli_searches_in_the_same_language(store_url: str) -> None:
    r = CliRunner().invoke(cli, ["search", "talks -fishing", "--json", "--db", store_url])
    assert r.exit_code == 0, r.output
    assert [a["id"] for a in json.loads(r.stdout)] == ["s2"]
    r = CliRunner().invoke(
        cli, ["quotes", "--search", '"want their quotas"', "--json", "--db", store_url]
    )
    assert r.exit_code == 0, r.output
    assert [q["article_id"] for q in json.loads(r.stdout)] == ["s3"]


@pytest.mark.parametrize("search", BAD_SEARCHES)
def test_a_bad_search_is_exit_2_in_the_cli(store_url: str, search: str) -> None:
    for args in (
        ["search", "--db", store_url, "--", search],
        ["quotes", "--db", store_url, f"--search={search}"],
        ["quotes", "--merged", "--db", store_url, f"--search={search}"],
    ):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 2, r.output
        assert "dateline: error:" in r.stderr and "Traceback" not in r.output


@pytest.fixture(scope="module")
def client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, read_only=True)) as c:
        yield c


@pytest.mark.parametrize("search", BAD_SEARCHES)
def test_a_bad_search_is_a_400_on_the_web(client: TestClient, search: str) -> None:
    for path in ("/api/articles", "/api/quotes", "/search.json"):
        r = client.get(path, params={"q": search})
        assert r.status_code == 400, (path, r.text)
        assert "E021" not in r.json()["message"] and r.json()["message"]
    page = client.get("/search", params={"q": search})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")


def test_the_web_search_finds_the_table_answers(client: TestClient) -> None:
    for search, expected in ARTICLE_SEARCHES[:8]:
        data = client.get("/api/articles", params={"q": search}).json()
        assert {a["id"] for a in data["items"]} == expected, search


def test_both_stores_give_the_same_answers(tmp_path: Path) -> None:
    """The table once more, both stores side by side (skipped without PostgreSQL)."""
    urls = [make_store_url(b, tmp_path) for b in BACKENDS]
    for url in urls:
        _fill(url)
    answers = []
    for url in urls:
        with open_store(url) as store:
            answers.append(
                [
                    sorted(a["id"] for a in find_articles(store, ArticleFilter(search=s), limit=50))
                    for s, _ in ARTICLE_SEARCHES
                ]
            )
    assert answers[0] == answers[1]


def test_an_old_sqlite_store_is_migrated_to_stemmed_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(tmp_path / "old.db")
    with monkeypatch.context() as m:  # a store written before the stemmed FTS5 tables
        m.setattr(base, "MIGRATIONS", MIGRATIONS[:3])
        _fill(url)
        with open_store(url) as old:
            assert old.schema_version() == 3
            assert find_articles(old, ArticleFilter(search="extradited")) != []
            found = find_articles(old, ArticleFilter(search="extradition"))
            assert [a["id"] for a in found] == ["s1"]  # unstemmed: only the same word
    with open_store(url) as store:
        found = find_articles(store, ArticleFilter(search="extradition"))
        assert {a["id"] for a in found} == {"s1", "s2"}
        assert {q["article_id"] for q in find_quotes(store, QuoteFilter(search="appealing"))} == {
            "s2"
        }
