"""Tables and pages show what a person reads (issue 15, item 11): an article's title,
else its site and day, never a 64-character hash id; dates as ISO days."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from _cli import run_cli
from dateline.model import Quote, Record
from dateline.store import open_store
from dateline.store.query.labels import article_label, iso_day
from dateline.web import create_app

TEXT = 'The mayor said "the bridge will open in May," and left for Geneva.\n'
HASH_ID = hashlib.sha256(TEXT.encode()).hexdigest()


def untitled_record() -> Record:
    q = TEXT.index("the bridge")
    quote = "the bridge will open in May,"
    return Record(id=HASH_ID, raw_text=TEXT, text=TEXT, source="example.org",
                  published="Tue, 04 Mar 2025 10:00:00 GMT",
                  quotes=[Quote("direct", quote, q, q + len(quote), speaker="Mayor Lind")])


def test_iso_day_and_label() -> None:
    assert iso_day("2025-03-04T10:00:00+00:00") == "2025-03-04"
    assert iso_day("Tue, 04 Mar 2025 23:30:00 -0500") == "2025-03-04"
    assert iso_day(None) == "" and iso_day("spring") == "spring"
    assert article_label({"title": " A  title ", "id": "x"}) == "A title"
    assert article_label({"source": "example.org", "published": "2025-03-04T10:00",
                          "id": HASH_ID}) == "example.org · 2025-03-04"
    assert article_label({"article_id": "plain-id"}) == "plain-id"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    with open_store(str(path)) as store:
        store.save(untitled_record())
    return path


@pytest.mark.parametrize("command", [["quotes"], ["search", "bridge"]], ids=lambda c: c[0])
def test_tables_show_site_and_day_not_a_hash(command: list[str], db: Path) -> None:
    res = run_cli(*command, "--db", str(db), cwd=db.parent)
    assert res.returncode == 0, res.stderr
    assert "example.org · 2025-03-04" in res.stdout
    assert HASH_ID not in res.stdout and HASH_ID[:20] not in res.stdout
    assert "Mar 2025" not in res.stdout  # the published column is an ISO day too
    # JSON keeps the stored values: the id to look the article up by
    rows = json.loads(run_cli(*command, "--db", str(db), "--json", cwd=db.parent).stdout)
    assert HASH_ID in (rows[0].get("article_id"), rows[0].get("id"))


def test_pages_show_site_and_day(db: Path) -> None:
    with TestClient(create_app(str(db))) as client:
        for page in ("/", "/search?q=bridge", "/speakers/Mayor%20Lind"):
            text = client.get(page).text
            assert "example.org · 2025-03-04" in text, page
            assert f">{HASH_ID}<" not in text, page
