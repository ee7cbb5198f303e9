"""De-duplicated events in the GDELT and PLOVER exports, using the store's story clusters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app
from dateline.export.dedup import dedup_export_events, write_gdelt_dedup
from dateline.ingest.items import JsonFields
from dateline.ingest.jsonl import read_jsonl
from dateline.model import Event, EventActor, Quote, Record, Sentence, Span
from dateline.store import open_store, story_clusters
from dateline.store.clusters import story_clusterer

STORY = (
    "Foreign ministers of the two neighbours met in the port city on Monday for talks "
    "on grain shipments across the inland sea. The meeting lasted four hours and ended "
    "with a promise to reopen the northern corridor before the harvest. Officials from "
    "both delegations said the inspectors would return to the docks within a fortnight, "
    "and that a joint commission would publish its first report in the autumn. "
    "Shipping companies welcomed the news but asked for written guarantees."
)
OTHER = (
    "In a separate account of the same day, a ministry spokeswoman described the encounter "
    "as businesslike and said the delegations consulted on a timetable for convoys. She gave "
    "no figures and declined to say when the next round would take place."
)
ACCUSE = (
    "The opposition party accused the transport minister of hiding the cost of the new "
    "railway bridge, in a statement read to reporters outside parliament on Monday evening."
)
RUS = EventActor("Russia", "RUSGOV", "RUS", "a1")
UKR = EventActor("Ukraine", "UKRGOV", "UKR", "a2")


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(needle, start, start + len(needle))


def record(
    rid: str, text: str, outlet: str, published: str, trigger: str, cameo: str = "036",
    plover: str = "CONSULT", date: str | None = "2025-05-12", negated: bool = False,
    quote: str | None = None,
) -> Record:
    first = text.find(". ") + 1 or len(text)
    sentence_text = next(s for s in text.split(". ") if trigger in s)
    sent = span(text, sentence_text)
    ev = Event(cameo, plover, "verbal", negated, RUS, UKR, span(text, trigger),
               sent, location="RUS", date=date, confidence=0.8)
    quotes = []
    if quote:
        q = span(text, quote)
        quotes.append(Quote("direct", q.text, q.start, q.end, speaker="Anna Petrova"))
    return Record(
        id=rid, raw_text=text, text=text, source=outlet, published=published,
        url=f"https://news.test/{rid}", title=f"Title {rid}",
        sentences=[Sentence(text[:first], 0, first)], events=[ev], quotes=quotes,
    )


def records() -> list[Record]:
    reprint = STORY.replace("four hours", "five hours").replace("Monday", "Monday night")
    extended = STORY + " A third round is planned for June."
    return [
        record("a1", STORY, "Harbour Post", "2025-05-12T08:00:00", "met"),
        # a reprint after midnight, no event date: one event only through its story cluster
        record("a2", "RIVER DAILY — " + reprint, "River Daily", "2025-05-13T01:00:00", "met",
               date=None),
        record("a3", extended, "Harbour Post", "2025-05-12T15:00:00", "met"),
        # another write-up the same day: merged across clusters
        record("b1", OTHER, "Coast Herald", "2025-05-12T12:00:00", "consulted"),
        record("c1", ACCUSE, "Coast Herald", "2025-05-12T19:00:00", "accused", cameo="112",
               plover="ACCUSE"),
        record("c2", ACCUSE + " It denied it.", "Coast Herald", "2025-05-12T20:00:00",
               "accused", cameo="112", plover="ACCUSE", negated=True),
    ]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = str(tmp_path / "ev.db")
    with open_store(url) as store:
        clusterer = story_clusterer(store)
        with store.transaction():
            for r in records():
                store.save(r)
                clusterer.add_record(r)
    return url


def test_store_clusters_the_reprints(db: str) -> None:
    with open_store(db) as store:
        labels = story_clusters(store)
    assert labels["a1"] == labels["a2"] == labels["a3"]
    assert len({labels["a1"], labels["b1"], labels["c1"]}) == 3


def test_dedup_counts_mentions_sources_articles(db: str) -> None:
    with open_store(db) as store:
        data = dedup_export_events(store.iter_records(), story_clusters(store))
        without = dedup_export_events(store.iter_records(), None)
        raw = {r.id: r.raw_text for r in store.iter_records()}
    consult = [d for d in data.events if d.cameo == "036"]
    assert len(consult) == 1
    d = consult[0]
    assert (d.num_mentions, d.num_articles, d.num_sources) == (4, 4, 3)
    assert (d.first_seen, d.last_seen) == ("2025-05-12T08:00:00", "2025-05-13T01:00:00")
    assert [e.article_id for e in d.evidence] == ["a1", "b1", "a3", "a2"]
    for e in d.evidence:  # offsets are the contract
        assert raw[e.article_id][e.sentence.start : e.sentence.end] == e.sentence.text
        assert raw[e.article_id][e.trigger.start : e.trigger.end] == e.trigger.text
    # Without the store's clusters the after-midnight reprint stays apart.
    assert sorted(x.num_mentions for x in without.events if x.cameo == "036") == [1, 3]


def _gdelt_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_export_gdelt_default_is_deduplicated(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "events.tsv"
    r = runner.invoke(app, ["export", "--format", "gdelt", "--header", "-o", str(out),
                            "--db", db])
    assert r.exit_code == 0, r.output
    rows = _gdelt_rows(out.read_text())
    assert len(rows) == 2  # the consultation once, the accusation once; the negation never
    by_code = {row["EventCode"]: row for row in rows}
    consult = by_code["036"]
    assert (consult["NumMentions"], consult["NumSources"], consult["NumArticles"]) == (
        "4", "3", "4")
    assert consult["SOURCEURL"] == "https://news.test/a1"  # the first report
    assert consult["SQLDATE"] == "20250512"
    assert by_code["112"]["NumMentions"] == "1"
    assert len({row["GLOBALEVENTID"] for row in rows}) == 2

    per = tmp_path / "per.tsv"
    r = runner.invoke(app, ["export", "--format", "gdelt", "--header", "--per-article",
                            "-o", str(per), "--db", db])
    assert r.exit_code == 0, r.output
    per_rows = _gdelt_rows(per.read_text())
    assert len(per_rows) == 5
    assert {row["NumMentions"] for row in per_rows} == {"1"}


def test_export_plover_default_is_deduplicated(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    r = CliRunner().invoke(app, ["export", "-f", "plover", "-o", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 2
    consult = next(x for x in lines if x["event"] == ["CONSULT"])
    assert (consult["num_mentions"], consult["num_sources"], consult["num_articles"]) == (4, 3, 4)
    assert consult["first_seen"] == "2025-05-12T08:00:00"
    assert consult["last_seen"] == "2025-05-13T01:00:00"
    assert {e["article_id"] for e in consult["evidence"]} == {"a1", "a2", "a3", "b1"}
    assert consult["cite_info"]["url"] == "https://news.test/a1"
    per = tmp_path / "per.jsonl"
    r = CliRunner().invoke(app, ["export", "-f", "plover", "--per-article", "-o", str(per),
                                 "--db", db])
    assert r.exit_code == 0, r.output
    assert len(per.read_text().splitlines()) == 5


def test_gdelt_dedup_writer_skips_negated_only_events() -> None:
    only_negated = [r for r in records() if r.id == "c2"]
    buf = io.StringIO()
    assert write_gdelt_dedup(dedup_export_events(only_negated), buf) == 0
    assert buf.getvalue() == ""


def test_quotes_merged_view(tmp_path: Path) -> None:
    said = "We will reopen the corridor before the harvest"
    rows = [
        record("q1", f'"{said}," Anna Petrova said on Monday. ' + STORY, "Harbour Post",
               "2025-05-12T08:00:00", "met", quote=said),
        record("q2", f'"{said}," Petrova told reporters. ' + OTHER, "River Daily",
               "2025-05-12T09:00:00", "consulted", quote=said),
        record("q3", f'"{said}!" said Anna Petrova. ' + ACCUSE, "Coast Herald",
               "2025-05-12T10:00:00", "accused", quote=said),
    ]
    db = str(tmp_path / "q.db")
    with open_store(db) as store:
        for r in rows:
            store.save(r)
    runner = CliRunner()
    r = runner.invoke(app, ["quotes", "--merged", "--json", "--db", db])
    assert r.exit_code == 0, r.output
    merged = json.loads(r.output)
    assert len(merged) == 1
    assert (merged[0]["num_sources"], merged[0]["num_articles"]) == (3, 3)
    assert {s["article_id"] for s in merged[0]["sources"]} == {"q1", "q2", "q3"}
    plain = json.loads(runner.invoke(app, ["quotes", "--json", "--db", db]).output)
    assert len(plain) == 3
    flat = runner.invoke(app, ["quotes", "--merged", "--csv", "--db", db, "--speaker", "petrova"])
    assert flat.exit_code == 0, flat.output
    (row,) = list(csv.DictReader(io.StringIO(flat.output)))
    assert row["num_sources"] == "3"
    assert row["outlets"] == "Coast Herald, Harbour Post, River Daily"
    table = runner.invoke(app, ["quotes", "--merged", "--db", db])
    assert table.exit_code == 0 and "1 rows" in table.output
    none = json.loads(runner.invoke(app, ["quotes", "--merged", "--json", "--db", db,
                                          "--speaker", "Nobody"]).output)
    assert none == []


def test_jsonl_source_field_is_the_outlet(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "o1", "text": STORY, "source": "Harbour Post"},
        {"id": "o2", "text": OTHER},
        {"id": "o3", "text": ACCUSE, "outlet": "Coast Herald"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    got = {a.id: a.source for a in read_jsonl(path)}
    assert got == {"o1": "Harbour Post", "o2": str(path), "o3": str(path)}
    mapped = {a.id: a.source for a in read_jsonl(path, JsonFields.parse("source=outlet"))}
    assert mapped == {"o1": str(path), "o2": str(path), "o3": "Coast Herald"}
    assert JsonFields().source == "source"


@pytest.mark.parametrize(("fmt", "at_least", "rows"), [
    ("plover", 0.5, 5), ("plover", 0.9, 0), ("gdelt", 0.9, 0), ("jsonl", 0.9, 0)])  # fmt: skip
def test_export_min_confidence_leaves_out_less_sure_events(
    db: str, tmp_path: Path, fmt: str, at_least: float, rows: int
) -> None:
    out = tmp_path / "out.txt"
    r = CliRunner().invoke(app, ["export", "-f", fmt, "--per-article", "-o", str(out),
                                 "--min-confidence", str(at_least), "--db", db])  # fmt: skip
    assert r.exit_code == 0, r.output
    lines = out.read_text().splitlines()
    if fmt == "jsonl":  # records stay, without the events under the bar
        assert lines and all(json.loads(x)["events"] == [] for x in lines)
    else:
        assert len(lines) == rows
    bad = CliRunner().invoke(app, ["export", "-f", fmt, "--min-confidence", "1.5", "--db", db])
    assert bad.exit_code == 2
