"""Bad input never stops a batch (issue 17 item 1, issue 15 item 14).

A JSON line with a lone surrogate, a control character or a tab in a field is
quarantined with its reason, the lines after it are stored, and the store, every
export and the web pages still work; unreadable files are quarantined too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest_store import BACKENDS, make_store_url
from dateline.runner.local import run_ingest
from dateline.store import open_store
from dateline.web import create_app
from faults_helpers import cli

FIELDS = ("title", "id", "url", "source", "author", "text")


def story(i: int) -> str:
    return (
        f"Officials said on Monday that bridge number {i} was repaired after a long review. "
        f"Residents of district {i} told reporters the change had been expected for months."
    )


def hostile_lines() -> tuple[list[str], set[str]]:
    """JSON lines: good ones around one bad line per field and kind; the bad lines' ids."""
    lines: list[str] = []
    bad: set[str] = set()
    n = 0
    for field in FIELDS:
        for kind, ch in (("surrogate", "\\ud800"), ("tab", "\\t"), ("control", "\\u0007")):
            if field == "text" and kind == "tab":
                continue  # a tab in the text is layout, and kept
            row = {"id": f"g{n}", "text": story(n), "url": f"https://e.test/{n}"}
            lines.append(json.dumps(row))
            n += 1
            row = {"id": f"b-{field}-{kind}", "text": story(1000 + n), "title": "A title"}
            line = json.dumps(row)
            value = json.dumps(f"x{ch}y")[1:-1].replace("\\\\", "\\")
            if field in row:
                line = line.replace(json.dumps(row[field]), f'"{value}"' if field != "text"
                                    else f'"{value} {story(2000 + n)}"')
            else:
                line = line[:-1] + f', "{field}": "{value}"}}'
            lines.append(line)
            bad.add(f"line {len(lines)}")
    lines.append(json.dumps({"id": "last", "text": story(9999) + "\tWith a tab."}))
    return lines, bad


@pytest.mark.parametrize("backend", BACKENDS)
def test_bad_characters_are_quarantined_and_the_rest_stored(backend: str, tmp_path: Path) -> None:
    lines, bad = hostile_lines()
    src = tmp_path / "hostile.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    url = make_store_url(backend, tmp_path)
    s = run_ingest([str(src)], db=url, stages=[])
    assert s.quarantined == len(bad) and s.processed == len(lines) - len(bad)
    with open_store(url) as store:
        rows = store.quarantine_items()
        assert {r["position"] for r in rows} == bad
        assert all(r["reason"].startswith("bad characters: field '") for r in rows)
        assert store.has_id("last") and "\tWith a tab." in store.load("last").raw_text
    # every export and page still works afterwards
    for fmt in ("jsonl", "gdelt", "plover"):
        out = tmp_path / f"out.{fmt}"
        r = cli("export", "--format", fmt, "-o", str(out), "--db", url)
        assert r.returncode == 0, r.stderr
    r = cli("export", "--format", "csv", "-o", str(tmp_path / "csv"), "--db", url)
    assert r.returncode == 0, r.stderr
    exported = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(exported) == s.processed
    with TestClient(create_app(url)) as client:
        for path in ("/", "/search?q=bridge", "/articles/last", "/speakers", "/events",
                     "/clusters", "/index.json"):
            assert client.get(path).status_code == 200, path


def test_cli_exits_1_and_never_prints_sql(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    good = [json.dumps({"id": f"a{i}", "text": story(i)}) for i in range(4)]
    bad = '{"id": "x", "title": "\\ud800", "text": ' + json.dumps(story(77)) + "}"
    src.write_text("\n".join([*good[:2], bad, *good[2:]]) + "\n")
    db = tmp_path / "s.db"
    r = cli("ingest", str(src), "--db", str(db), "--stages", "clean")
    assert r.returncode == 1, r.stderr
    assert "SQL" not in r.stderr + r.stdout and "INSERT" not in r.stderr + r.stdout
    with open_store(str(db)) as store:
        assert store.count("articles") == 4 and store.count("quarantine") == 1
    again = cli("ingest", str(src), "--db", str(db), "--stages", "clean")
    assert again.returncode == 1 and "SQL" not in again.stderr


def test_a_store_error_message_has_no_sql(tmp_path: Path) -> None:
    from dateline.errors import StoreError

    with open_store(str(tmp_path / "e.db")) as store, pytest.raises(StoreError) as e:
        store.execute("SELECT * FROM no_such_table")
    assert "SELECT" not in str(e.value) and e.value.sql


def test_unreadable_files_are_quarantined(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(story(1))
    locked = tmp_path / "locked.txt"
    locked.write_text(story(2))
    locked.chmod(0)
    db = tmp_path / "u.db"
    r = cli("ingest", str(tmp_path / "ok.txt"), str(locked), "--db", str(db),
            "--stages", "clean", unprivileged=True)
    assert r.returncode == 1, r.stderr
    with open_store(str(db)) as store:
        assert store.count("articles") == 1
        [q] = store.quarantine_items()
        assert q["source"] == str(locked) and "Permission denied" in q["reason"]
