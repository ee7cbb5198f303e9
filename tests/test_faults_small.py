"""The smaller faults of issue 17 item 9: blank lines, unreadable and vanishing files,
invalid dates, LIKE wildcards, repeated standard input, a missing store folder."""

from __future__ import annotations

import gzip
import json
import os
import time
from datetime import date
from pathlib import Path

import pytest

from conftest_store import BACKENDS, make_store_url
from dateline.config import Settings
from dateline.model import Quote, Record
from dateline.pipeline import Stage, register_stage
from dateline.runner.local import run_ingest
from dateline.store import open_store
from dateline.store.query import ArticleFilter, QuoteFilter
from faults_helpers import cli

TEXT = ("Officials said on Monday that the harbour bridge was repaired after a long review "
        "by the council, and residents welcomed the news.")


def test_a_gzip_of_blank_lines_costs_nothing(tmp_path: Path) -> None:
    f = tmp_path / "blank.jsonl.gz"
    f.write_bytes(gzip.compress(b"\n" * 200_000_000 + b'{"id": "x", "text": "%s"}\n'
                                % TEXT.encode(), 9))
    assert f.stat().st_size < 300_000
    t0 = time.monotonic()
    s = run_ingest([str(f)], db=str(tmp_path / "b.db"), stages=[])
    assert time.monotonic() - t0 < 20
    assert (s.read, s.processed) == (1, 1)
    with open_store(str(tmp_path / "b.db")) as store:
        assert store.load("x").raw_text == TEXT


def _rows(db: Path) -> list[tuple[str, str]]:
    with open_store(str(db)) as store:
        return [(q["source"], q["reason"]) for q in store.quarantine_items()]


def test_unreadable_folders_are_quarantine_rows(tmp_path: Path) -> None:
    top = tmp_path / "in"
    (top / "locked").mkdir(parents=True)
    (top / "ok.txt").write_text(TEXT)
    (top / "locked" / "inside.txt").write_text(TEXT + " Again.")
    (top / "locked").chmod(0)
    db = tmp_path / "u.db"
    try:
        # a folder that cannot be listed, and a file named inside it
        r = cli("ingest", str(top), str(top / "locked" / "inside.txt"), "--db", str(db),
                "--stages", "clean", unprivileged=True)
    finally:
        (top / "locked").chmod(0o755)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    rows = _rows(db)
    assert (str(top / "locked"), "cannot read: Permission denied") in rows
    assert (str(top / "locked" / "inside.txt"), "cannot read: Permission denied") in rows
    assert len(rows) == 2


@register_stage
class _DeleteNext(Stage):
    """Deletes the file named in $DATELINE_TEST_DELETE the first time it runs."""

    name = "delete-next-test"

    def process(self, doc: object) -> None:
        victim = os.environ.pop("DATELINE_TEST_DELETE", None)
        if victim:
            Path(victim).unlink()


def test_a_file_deleted_during_the_run_is_a_quarantine_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "in"
    top.mkdir()
    (top / "a.txt").write_text(TEXT)
    (top / "b.txt").write_text(TEXT + " Later.")
    (top / "c.txt").write_text(TEXT + " Last.")
    monkeypatch.setenv("DATELINE_TEST_DELETE", str(top / "b.txt"))
    db = tmp_path / "d.db"
    s = run_ingest([str(top)], db=str(db), stages=["delete-next-test"], batch_size=1,
                   settings=Settings())
    assert (s.processed, s.quarantined) == (2, 1)
    [(source, reason)] = _rows(db)
    assert source == str(top / "b.txt") and "No such file" in reason


@pytest.mark.parametrize("bad", ["2024-13-45", "not a date", "2024-02-30", "45/13/2024"])
def test_invalid_dates_are_refused(tmp_path: Path, bad: str) -> None:
    f = tmp_path / "d.jsonl"
    f.write_text(json.dumps({"id": "bad", "text": TEXT, "published": bad}) + "\n"
                 + json.dumps({"id": "ok", "text": TEXT + " Yes.", "published": "2024-05-06"})
                 + "\n")
    db = str(tmp_path / "d.db")
    s = run_ingest([str(f)], db=db, stages=[])
    assert (s.processed, s.quarantined) == (1, 1)
    with open_store(db) as store:
        [q] = store.quarantine_items()
        assert q["position"] == "line 1" and q["reason"].startswith("bad date:")
        from dateline.store.query import articles_page

        page = articles_page(store, ArticleFilter(since=date(9999, 12, 31)))
        assert page.total == 0


def _quoted(rid: str, speaker: str, source: str) -> Record:
    text = f'"We will build it," {speaker} said.'
    return Record(id=rid, raw_text=text + f" ({rid})", text=text + f" ({rid})", source=source,
                  quotes=[Quote(kind="direct", text="We will build it,", start=1, end=18,
                                speaker=speaker)])


@pytest.mark.parametrize("backend", BACKENDS)
def test_percent_and_underscore_in_filters_are_literal(backend: str, tmp_path: Path) -> None:
    from dateline.store.query import articles_page, quotes_page, speakers_page

    url = make_store_url(backend, tmp_path)
    with open_store(url) as store:
        store.save(_quoted("r1", "Ann_Lee", "news_wire 100%"))
        store.save(_quoted("r2", "AnnXLee", "newsXwire 1000"))
        store.save(_quoted("r3", "Back\\slash", "a\\b"))
        assert [q["speaker"] for q in quotes_page(store, QuoteFilter(speaker="n_L")).items] \
            == ["Ann_Lee"]
        assert quotes_page(store, QuoteFilter(speaker="%")).total == 0
        assert [s["name"] for s in speakers_page(store, "_").items] == ["Ann_Lee"]
        assert [a["id"] for a in articles_page(store, ArticleFilter(source="100%")).items] \
            == ["r1"]
        assert articles_page(store, ArticleFilter(source="s_w")).total == 1
        assert [a["id"] for a in articles_page(store, ArticleFilter(source="a\\b")).items] \
            == ["r3"]


def test_each_stdin_run_keeps_its_own_quarantine_reasons(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    for bad in ("{broken", '{"no_text": 1}'):
        r = cli("ingest", "-", "--db", str(db), "--stages", "clean",
                input=json.dumps({"id": "a", "text": TEXT}) + "\n" + bad + "\n")
        assert r.returncode == 1, r.stderr
    reasons = sorted(reason.split(":")[0] for _, reason in _rows(db))
    assert reasons == ["broken JSON", "no text"]


def test_a_missing_store_folder_is_a_message_with_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "no-such-folder" / "x.db")
    for args in (["export", "--format", "jsonl"], ["stats"], ["quotes"]):
        r = cli(*args, "--db", db)
        assert r.returncode == 2, (args, r.stderr)
        assert "Traceback" not in r.stderr and "no store at" in r.stderr
