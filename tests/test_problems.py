"""Quarantined and skipped inputs in view (issue 15, item 6): ``dateline problems``
(table, JSON, CSV; filters by kind, reason and source), the /problems page, its JSON
twin and /api/problems, and the home page's link with their count, on both stores."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from _cli import run_cli
from conftest_store import BACKENDS, make_store_url
from dateline.store import open_store
from dateline.store.query import ProblemFilter, count_problems, find_problems
from dateline.web import create_app

FRENCH = (
    "PARIS (Agence) - Les ministres des affaires étrangères se sont réunis lundi à Paris "
    "pour discuter du cessez-le-feu. Ils ont déclaré que les négociations continueraient "
    "la semaine prochaine, malgré les désaccords sur le calendrier du retrait des troupes.\n"
)


def seed(url: str) -> None:
    with open_store(url) as store:
        store.add_quarantine("feeds/a.jsonl", "line 3", "broken JSON: Expecting value")
        store.add_quarantine("html/[odd].html", "", "invalid UTF-8 at byte 12")
        store.add_skipped("feeds/a.jsonl", "line 4", "language fr, not en", "fr-1", "fr")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = make_store_url(request.param, tmp_path)
    seed(url)
    return url


def test_find_problems_filters(store_url: str) -> None:
    with open_store(store_url) as store:
        every = find_problems(store, ProblemFilter())
        assert {(p["kind"], p["source"], p["position"]) for p in every} == {
            ("quarantined", "feeds/a.jsonl", "line 3"), ("quarantined", "html/[odd].html", ""),
            ("skipped", "feeds/a.jsonl", "line 4"),
        }
        assert count_problems(store) == 3
        assert [p["kind"] for p in find_problems(store, ProblemFilter(kind="skipped"))] == [
            "skipped"]
        assert [p["position"] for p in find_problems(store, ProblemFilter(reason="json"))] == [
            "line 3"]
        assert count_problems(store, ProblemFilter(source="a.jsonl")) == 2
        assert count_problems(store, ProblemFilter(source="A.JSONL", kind="quarantined")) == 1
        # LIKE's wildcards are literal: "_" matches an underscore, not any character
        assert count_problems(store, ProblemFilter(source="a_jsonl")) == 0
        assert count_problems(store, ProblemFilter(source="%")) == 0
        skipped = find_problems(store, ProblemFilter(kind="skipped"))[0]
        assert skipped["article_id"] == "fr-1" and skipped["lang"] == "fr"


@pytest.fixture
def ingested(tmp_path: Path) -> Path:
    """A store made by ingest from a broken JSON line, an empty file and a French article."""
    (tmp_path / "good.txt").write_text("ROME (Wire) - Ministers met on Monday.\n", "utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "ok", "text": "ROME (Wire) - Envoys met on Tuesday."}) + "\n"
        + "{not json\n" + json.dumps({"id": "fr", "text": FRENCH}) + "\n", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    res = run_cli("ingest", "good.txt", "feed.jsonl", "empty.txt", "--db", "s.db",
                  "--stages", "clean,dateline,sentences", cwd=tmp_path)
    assert res.returncode == 1, res.stderr  # some inputs quarantined
    return tmp_path


@pytest.mark.slow  # an ingest and four CLI runs in subprocesses
def test_problems_command(ingested: Path) -> None:
    table = run_cli("problems", "--db", "s.db", cwd=ingested)
    assert table.returncode == 0, table.stderr
    assert "feed.jsonl" in table.stdout and "empty.txt" in table.stdout
    assert "skipped" in table.stdout and "quarantined" in table.stdout
    rows = json.loads(run_cli("problems", "--db", "s.db", "--json", cwd=ingested).stdout)
    assert {(r["kind"], r["source"]) for r in rows} == {
        ("quarantined", "feed.jsonl"), ("quarantined", "empty.txt"), ("skipped", "feed.jsonl")}
    out = run_cli("problems", "--db", "s.db", "--csv", "--source", "feed", cwd=ingested).stdout
    got = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["kind"] for r in got) == ["quarantined", "skipped"]
    assert {"kind", "source", "position", "reason"} <= set(got[0])
    only = json.loads(run_cli("problems", "--db", "s.db", "--format", "json", "--reason",
                              "json", cwd=ingested).stdout)
    assert [(r["source"], r["position"]) for r in only] == [("feed.jsonl", "line 2")]
    kind = json.loads(run_cli("problems", "--db", "s.db", "--json", "--kind", "skipped",
                              cwd=ingested).stdout)
    assert [r["kind"] for r in kind] == ["skipped"]
    bad = run_cli("problems", "--db", "s.db", "--kind", "broken", cwd=ingested)
    assert bad.returncode == 2 and "--kind" in bad.stderr


def test_problems_command_on_a_missing_store(tmp_path: Path) -> None:
    res = run_cli("problems", "--db", "none.db", cwd=tmp_path)
    assert res.returncode == 2 and "no store at none.db" in res.stderr


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url)) as c:
        yield c


def test_problems_page_twin_and_api(client: TestClient) -> None:
    page = client.get("/problems")
    assert page.status_code == 200
    assert page.text.count('<tr class="problem">') == 3
    assert "html/[odd].html" in page.text and "broken JSON: Expecting value" in page.text
    twin = client.get("/problems.json").json()
    assert twin["total"] == 3 and len(twin["items"]) == 3
    assert client.get("/problems", headers={"Accept": "application/json"}).json() == twin
    api = client.get("/api/problems", params={"kind": "quarantined", "reason": "utf-8"}).json()
    assert [p["source"] for p in api["items"]] == ["html/[odd].html"]
    filtered = client.get("/problems", params={"source": "a.jsonl"}).text
    assert filtered.count('<tr class="problem">') == 2
    assert 'href="/problems.json?source=a.jsonl"' in filtered
    assert client.get("/api/problems", params={"kind": "other"}).status_code == 422


def test_home_links_to_the_problems_with_their_count(client: TestClient) -> None:
    home = client.get("/").text
    assert '<a href="/problems"><span class="n">3</span>' in home
    assert client.get("/index.json").json()["problems"] == 3
