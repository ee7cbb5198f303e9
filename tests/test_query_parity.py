"""The CLI and the web ask one query layer: the same filters give the same rows.

``dateline quotes/events/search/stats --json`` against ``/api/quotes``,
``/api/events``, ``/api/articles`` and ``/api/stats`` on one store, on SQLite
and (when the server binaries are there) PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest_store import BACKENDS, make_store_url
from dateline.cli.main import app as cli
from dateline.web import create_app
from test_web_api import DEMO_ID, fill

LIMIT = 200


@pytest.fixture(scope="module", params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = make_store_url(request.param, tmp_path_factory.mktemp("parity"))
    fill(url)
    return url


@pytest.fixture(scope="module")
def client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, read_only=True)) as c:
        yield c


def run_cli(store_url: str, *args: str) -> Any:
    r = CliRunner().invoke(cli, [*args, "--json", "--db", store_url])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def web_items(client: TestClient, path: str, params: dict[str, str]) -> list[dict[str, Any]]:
    r = client.get(path, params={**params, "limit": str(LIMIT)})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["total"] == len(data["items"]) < LIMIT  # every row, on both sides
    return data["items"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("options", "params"),
    [
        ((), {}),
        (("--speaker", "vella"), {"speaker": "vella"}),
        (("--search", "empty-handed"), {"q": "empty-handed"}),
        (("--since", "2025-05-01", "--until", "2025-05-31"),
         {"since": "2025-05-01", "until": "2025-05-31"}),
        (("--speaker", "vella", "--until", "2025-01-01"),
         {"speaker": "vella", "until": "2025-01-01"}),
    ],
)
def test_quotes_cli_and_web_agree(
    store_url: str, client: TestClient, options: tuple[str, ...], params: dict[str, str]
) -> None:
    rows = run_cli(store_url, "quotes", *options, "--limit", str(LIMIT))
    assert rows == web_items(client, "/api/quotes", params)
    if params.get("speaker") == "vella" and "until" not in params:
        assert len(rows) == 2 and {q["speaker"] for q in rows} == {"Clara Vella"}


@pytest.mark.parametrize(
    ("options", "params"),
    [
        ((), {}),
        (("--plover", "agree"), {"plover": "agree"}),
        (("--cameo", "05"), {"cameo": "05"}),
        (("--source", "MLT"), {"source": "MLT"}),
        (("--target", "tun"), {"target": "tun"}),
        (("--source", "MLT", "--since", "2025-05-12", "--until", "2025-05-12"),
         {"source": "MLT", "since": "2025-05-12", "until": "2025-05-12"}),
        (("--min-confidence", "0.5"), {"min_confidence": "0.5"}),
    ],
)
def test_events_cli_and_web_agree(
    store_url: str, client: TestClient, options: tuple[str, ...], params: dict[str, str]
) -> None:
    rows = run_cli(store_url, "events", *options, "--limit", str(LIMIT))
    assert rows == web_items(client, "/api/events", params)
    assert all(isinstance(e["negated"], bool) for e in rows)
    if params.get("since"):
        demo = sorted(e["cameo"] for e in rows if e["article_id"] == DEMO_ID)
        assert demo == ["0312", "057", "062"]


@pytest.mark.parametrize("words", ["fishing quarrel", "accord", "minister", "zzzunknownword"])
def test_search_cli_and_web_agree(store_url: str, client: TestClient, words: str) -> None:
    rows = run_cli(store_url, "search", words, "--limit", str(LIMIT))
    assert rows == web_items(client, "/api/articles", {"q": words})
    if words == "fishing quarrel":
        assert [a["id"] for a in rows] == [DEMO_ID]


def test_stats_cli_and_web_agree(store_url: str, client: TestClient) -> None:
    cli_stats = run_cli(store_url, "stats")
    assert cli_stats.pop("db") == store_url
    assert cli_stats == client.get("/api/stats").json()
