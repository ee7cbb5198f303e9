"""Undated stories (issue 15, item 3): the story date falls back to ``--date``, then to
the run's day, and says where it came from; GDELT never writes an empty SQLDATE."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from _cli import run_cli
from dateline.config import Settings
from dateline.export import write_gdelt
from dateline.export.dedup import dedup_export_events, write_gdelt_dedup
from dateline.model import Article, Record
from dateline.pipeline import Pipeline
from dateline.store import open_store

#: No published date; its dateline has a place and an agency but no date.
UNDATED = (
    "BEIRUT (AP) — Israel struck Lebanon, officials said.\n\n"
    "Israel launched air strikes on Lebanon, the army said.\n"
)


@pytest.fixture()
def undated_file(tmp_path: Path) -> Path:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    return path


def _record(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


def test_extract_gives_an_undated_story_the_date_option(undated_file: Path) -> None:
    done = run_cli("extract", str(undated_file), "--date", "2024-05-06", cwd=undated_file.parent)
    assert done.returncode == 0, done.stderr
    rec = _record(done.stdout)
    assert rec["published"] is None and rec["dateline"]["date"] is None
    assert (rec["date"], rec["date_source"]) == ("2024-05-06", "option")
    assert rec["events"], "the sample should code at least one event"
    assert {e["date"] for e in rec["events"]} == {"2024-05-06"}


def test_extract_without_date_gives_the_run_day(undated_file: Path) -> None:
    before = dt.datetime.now(dt.UTC).date().isoformat()
    done = run_cli("extract", str(undated_file), cwd=undated_file.parent)
    after = dt.datetime.now(dt.UTC).date().isoformat()
    assert done.returncode == 0, done.stderr
    rec = _record(done.stdout)
    assert rec["date_source"] == "run"
    assert rec["date"] in {before, after}
    assert rec["events"] and {e["date"] for e in rec["events"]} == {rec["date"]}


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "20240506", "2024-5-6"])
def test_a_bad_date_is_a_usage_error(undated_file: Path, bad: str) -> None:
    for cmd in (["extract", str(undated_file)], ["ingest", str(undated_file), "--db", "x.db"]):
        done = run_cli(*cmd, "--date", bad, cwd=undated_file.parent)
        assert done.returncode == 2, (cmd, done.stderr)
        assert "--date must be a date as YYYY-MM-DD" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (undated_file.parent / "x.db").exists()


def test_ingest_stores_the_date_option(undated_file: Path) -> None:
    cwd = undated_file.parent
    done = run_cli("ingest", str(undated_file), "--db", "s.db", "--date", "2024-05-06", cwd=cwd)
    assert done.returncode == 0, done.stderr
    with open_store(str(cwd / "s.db")) as store:
        (rec,) = list(store.iter_records())
    assert (rec.date, rec.date_source) == ("2024-05-06", "option")


def test_date_source_says_which_date_the_story_got() -> None:
    pipe = Pipeline(
        replace(Settings(), date="2024-05-06", run_date="2026-01-01"),
        stages=["clean", "dateline"],
    )

    def story(text: str, published: str | None = None) -> tuple[str | None, str | None]:
        (rec,) = pipe.process([Article(id="a", text=text, published=published)])
        return rec.date, rec.date_source

    assert story(UNDATED) == ("2024-05-06", "option")
    assert story(UNDATED, "2023-02-01") == ("2023-02-01", "published")
    # a dateline without a year takes the published year, else --date's, else the run's
    assert story("BEIRUT, March 3 (AP) — Israel struck Lebanon.", "2023-02-01")[1] == "dateline"
    assert story("BEIRUT, March 3 (AP) — Israel struck Lebanon.") == ("2024-03-03", "dateline")
    run_only = Pipeline(replace(Settings(), run_date="2026-01-01"), stages=["clean", "dateline"])
    (rec,) = run_only.process([Article(id="a", text=UNDATED)])
    assert (rec.date, rec.date_source) == ("2026-01-01", "run")
    # library use without a run day: no date, as before
    (rec,) = Pipeline(Settings(), stages=["clean", "dateline"]).process(
        [Article(id="a", text=UNDATED)]
    )
    assert (rec.date, rec.date_source) == (None, None)


def test_date_fields_round_trip() -> None:
    rec = Record(id="a", raw_text="x", date="2024-05-06", date_source="option")
    assert Record.from_json(rec.to_json()) == rec


def _undated_record() -> Record:
    import test_export

    rec = test_export.make_record("u1")
    rec.published = None
    rec.events = [replace(e, date=None) for e in rec.events]
    return rec


def test_gdelt_leaves_out_events_without_a_date() -> None:
    import test_export

    buf = io.StringIO()
    n = write_gdelt([_undated_record(), test_export.make_record("d1")], buf)
    rows = [line.split("\t") for line in buf.getvalue().splitlines()]
    assert n == len(rows) == 1 and n.undated == 1
    assert all(row[1] for row in rows)  # SQLDATE is never empty

    buf = io.StringIO()
    n = write_gdelt_dedup(dedup_export_events([_undated_record()], {}), buf)
    assert (n, n.undated, buf.getvalue()) == (0, 1, "")


def test_gdelt_export_summary_counts_the_undated(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    with open_store(str(db)) as store:
        store.save(_undated_record())
    for extra in ([], ["--per-article"]):
        out = tmp_path / "e.tsv"
        done = run_cli("export", "--format", "gdelt", "-o", str(out), "--db", str(db), *extra,
                       cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert out.read_text() == ""
        assert "0 events written; 1 events without a date left out" in done.stderr
