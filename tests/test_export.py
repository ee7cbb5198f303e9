"""Writers: JSON Lines, CSV, Parquet, GDELT 2.0 Events, PLOVER."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.codes import gdelt_columns
from dateline.export import write_csv, write_gdelt, write_jsonl, write_parquet, write_plover
from dateline.export.gdelt import GDELT_COLUMN_COUNT
from dateline.model import Actor, Event, EventActor, Mention, Quote, Record, Sentence, Span

TEXT = (
    "OSLO, 3 March. Norway's foreign minister Kari Lund said on Monday that Norway "
    "had invited Sweden to talks. \u201cWe are ready,\u201d she said. Sweden did not attack Norway."
)


def _span(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span(needle, i, i + len(needle))


def make_record(rid: str = "r1") -> Record:
    t = TEXT
    s1 = _span(t, "Norway's foreign minister Kari Lund said on Monday that Norway had invited "
               "Sweden to talks.")
    s3 = _span(t, "Sweden did not attack Norway.")
    nor = Actor("A1", "Norway", "country", "NOR", "NOR", None,
                [Mention("Norway", s1.start, s1.start + 6)])
    swe = Actor("A2", "Sweden", "country", "SWE", "SWE", None,
                [Mention("Sweden", s3.start, s3.start + 6)])
    lund = Actor("A3", "Kari Lund", "person", "NORGOV", "NOR", "foreign minister",
                 [Mention("Kari Lund", t.index("Kari"), t.index("Kari") + 9)])
    q = _span(t, "We are ready,")
    quote = Quote("direct", q.text, q.start, q.end, "Kari Lund", "A3", "NORGOV",
                  _span(t, "she"), _span(t, "said", q.end))
    inv = _span(t, "invited")
    atk = _span(t, "attack")
    events = [
        Event("040", "CONSULT", None, False, EventActor("Norway", "NOR", "NOR", "A1"),
              EventActor("Sweden", "SWE", "SWE", "A2"), inv, s1, "NOR", "2025-03-03", 0.8),
        Event("190", "ASSAULT", None, True, EventActor("Sweden", "SWE", "SWE", "A2"),
              EventActor("Norway", "NOR", "NOR", "A1"), atk, s3, None, "2025-03-03", 0.7),
    ]
    return Record(id=rid, raw_text=t, url="https://example.org/a", title="Talks",
                  published="2025-03-03",
                  sentences=[Sentence(s.text, s.start, s.end) for s in (s1, s3)],
                  actors=[nor, swe, lund],
                  quotes=[quote], events=events)


def gen(n: int) -> Iterator[Record]:
    """A one-pass iterator: writers must stream, not need a list."""
    for i in range(n):
        yield make_record(f"r{i}")


def test_fixture_offsets_hold() -> None:
    r = make_record()
    for e in r.events:
        assert r.raw_text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert r.raw_text[e.sentence.start : e.sentence.end] == e.sentence.text
    for q in r.quotes:
        assert r.raw_text[q.start : q.end] == q.text


def test_jsonl_round_trips() -> None:
    buf = io.StringIO()
    assert write_jsonl(gen(2), buf) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    back = Record.from_json(lines[1])
    assert back == make_record("r1")


def test_csv_three_tables(tmp_path: Path) -> None:
    counts = write_csv(gen(3), tmp_path)
    assert counts == {"events": 6, "quotes": 3, "actors": 9}
    with open(tmp_path / "events.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6
    assert rows[0]["cameo"] == "040"  # leading zero kept
    assert rows[0]["source_code"] == "NOR" and rows[0]["target_country"] == "SWE"
    assert rows[1]["negated"] == "True"
    with open(tmp_path / "quotes.csv", encoding="utf-8", newline="") as fh:
        q = next(csv.DictReader(fh))
    r = make_record()
    assert r.raw_text[int(q["start"]) : int(q["end"])] == q["text"]
    assert q["speaker_code"] == "NORGOV"
    with open(tmp_path / "actors.csv", encoding="utf-8", newline="") as fh:
        actors = list(csv.DictReader(fh))
    assert {a["code"] for a in actors} == {"NOR", "SWE", "NORGOV"}
    assert json.loads(actors[2]["mentions"])[0]["text"] == "Kari Lund"


def test_parquet_three_tables(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    counts = write_parquet(gen(2), tmp_path, batch_rows=1)
    assert counts == {"events": 4, "quotes": 2, "actors": 6}
    ev = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert [e["cameo"] for e in ev] == ["040", "190", "040", "190"]
    assert ev[1]["negated"] is True and isinstance(ev[0]["trigger_start"], int)
    assert pq.read_table(tmp_path / "quotes.parquet").num_rows == 2
    assert pq.read_table(tmp_path / "actors.parquet").column_names[:3] == [
        "record_id", "actor_id", "name"
    ]


def test_parquet_empty_input_writes_empty_tables(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    assert write_parquet(iter(()), tmp_path) == {"events": 0, "quotes": 0, "actors": 0}
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 0


def test_gdelt_columns_are_the_61_in_order() -> None:
    cols = gdelt_columns()
    assert len(cols) == GDELT_COLUMN_COUNT == 61
    assert cols[0] == "GLOBALEVENTID" and cols[1] == "SQLDATE"
    assert cols[-1] == "SOURCEURL" and cols[-2] == "DATEADDED"
    assert cols.index("EventCode") == 26


def test_gdelt_rows() -> None:
    buf = io.StringIO()
    n = write_gdelt(gen(2), buf, date_added="20250303120000")
    assert n == 2  # the negated event is not written
    rows = [line.split("\t") for line in buf.getvalue().splitlines()]
    cols = gdelt_columns()
    assert all(len(r) == len(cols) for r in rows)
    row = dict(zip(cols, rows[0], strict=True))
    assert row["SQLDATE"] == "20250303" and row["MonthYear"] == "202503" and row["Year"] == "2025"
    assert row["Actor1Code"] == "NOR" and row["Actor1CountryCode"] == "NOR"
    assert row["Actor2Code"] == "SWE" and row["Actor2CountryCode"] == "SWE"
    assert row["EventCode"] == "040" and row["EventBaseCode"] == "040"
    assert row["EventRootCode"] == "04"
    assert row["QuadClass"] == "1"
    assert float(row["GoldsteinScale"]) > 0
    assert row["IsRootEvent"] == "1"
    assert row["NumMentions"] == row["NumSources"] == row["NumArticles"] == "1"
    assert row["ActionGeo_Type"] == "1" and row["ActionGeo_FullName"] == "Norway"
    assert row["ActionGeo_CountryCode"] == "NO"  # FIPS 10-4, as GDELT uses
    assert row["Actor1Geo_Type"] == "" and row["AvgTone"] == ""
    assert row["DATEADDED"] == "20250303120000"
    assert row["SOURCEURL"] == "https://example.org/a"
    ids = {r[0] for r in rows}
    assert len(ids) == 2 and all(i.isdigit() for i in ids)


def test_gdelt_sector_codes_split_into_types() -> None:
    r = make_record()
    r.events[0].source = EventActor("Kari Lund", "NORGOVMIL", "NOR", "A3")
    buf = io.StringIO()
    write_gdelt([r], buf, date_added="20250303120000", header=True)
    lines = buf.getvalue().splitlines()
    cols = lines[0].split("\t")
    row = dict(zip(cols, lines[1].split("\t"), strict=True))
    assert row["Actor1Type1Code"] == "GOV" and row["Actor1Type2Code"] == "MIL"
    assert row["Actor1Name"] == "KARI LUND"


def test_plover_fields() -> None:
    buf = io.StringIO()
    assert write_plover(gen(1), buf, coded_date="2025-03-04") == 1
    obj = json.loads(buf.getvalue())
    assert obj["id"] == "r0-000"
    assert obj["date"] == "2025-03-03"
    assert obj["event"] == ["CONSULT"]
    assert obj["source"] == [
        {"code": "NOR", "actor_text": "Norway", "identifier_id": "A1", "identifier_text": "Norway"}
    ]
    assert obj["recipient"][0]["code"] == "SWE"
    assert obj["quad_code"] == 1
    assert obj["event_loc"] == {"cc3": "NOR"}
    assert obj["cite_info"]["url"] == "https://example.org/a"
    assert obj["coded_date"] == "2025-03-04"
    r = make_record()
    ti = obj["text_info"]
    assert r.raw_text[ti["start"] : ti["end"]] == obj["text"]


def test_plover_sector_split() -> None:
    r = make_record()
    r.events[0].source = EventActor("Kari Lund", "NORGOV", "NOR", "A3")
    buf = io.StringIO()
    write_plover([r], buf)
    src = json.loads(buf.getvalue())["source"][0]
    assert src["code"] == "NOR" and src["sector"] == "GOV"


def test_role_only_actor_codes() -> None:
    r = make_record()
    r.events[0].source = EventActor("the government", "---GOV", None, "A9")
    buf = io.StringIO()
    write_gdelt([r], buf, date_added="20250303120000", header=True)
    lines = buf.getvalue().splitlines()
    row = dict(zip(lines[0].split("\t"), lines[1].split("\t"), strict=True))
    assert row["Actor1Code"] == "GOV" and row["Actor1Type1Code"] == "GOV"
    assert row["Actor1CountryCode"] == ""
    buf = io.StringIO()
    write_plover([r], buf)
    assert json.loads(buf.getvalue())["source"][0] == {
        "sector": "GOV", "actor_text": "the government", "identifier_id": "A9",
        "identifier_text": "the government",
    }


def test_igo_actor_in_gdelt() -> None:
    r = make_record()
    r.events[0].source = EventActor("NATO", "NAT", "NATO", "A8")
    buf = io.StringIO()
    write_gdelt([r], buf, date_added="20250303120000", header=True)
    lines = buf.getvalue().splitlines()
    row = dict(zip(lines[0].split("\t"), lines[1].split("\t"), strict=True))
    assert row["Actor1Code"] == "NAT" and row["Actor1KnownGroupCode"] == "NAT"
    assert row["Actor1CountryCode"] == ""


@pytest.mark.parametrize(("modality", "exported"),
                         [(None, True), ("will", True), ("could", False), ("would", False),
                          ("hope", False)])  # fmt: skip
def test_event_exports_leave_out_what_is_only_possible(modality: str | None,
                                                       exported: bool) -> None:  # fmt: skip
    from dataclasses import replace

    rec = make_record()
    rec.events = [replace(rec.events[0], modality=modality)]  # the asserted, non-negated one
    assert not rec.events[0].negated
    gdelt, plover = io.StringIO(), io.StringIO()
    assert write_gdelt([rec], gdelt) == int(exported)
    assert write_plover([rec], plover) == int(exported)
    # the record keeps the event with its modality either way
    lines = io.StringIO()
    write_jsonl([rec], lines)
    assert json.loads(lines.getvalue())["events"][0]["modality"] == modality


def test_background_without_a_day_is_left_out_of_event_exports() -> None:
    from dataclasses import replace

    r = make_record()
    consult = r.events[0]
    year_only = replace(consult, date=None, background=True)
    own_day = replace(consult, date="2019-03-05", background=True)
    r.events = [year_only, own_day]
    buf = io.StringIO()
    assert write_gdelt([r], buf, date_added="20250303120000") == 1
    assert buf.getvalue().split("\t")[1] == "20190305"  # SQLDATE: its own day
    buf = io.StringIO()
    assert write_plover([r], buf) == 1
    # the record keeps both, with the flag, through JSON
    back = Record.from_dict(json.loads(r.to_json()))
    assert [e.background for e in back.events] == [True, True]
