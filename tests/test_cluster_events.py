"""Event de-duplication across the articles of a cluster and across clusters."""

from __future__ import annotations

import pytest

from dateline.cluster.events import (
    ArticleEvent,
    article_events,
    dedup_events,
    dedup_record_events,
)
from dateline.model import Event, EventActor, Record, Span

RUS = EventActor(name="Russia", code="RUS", country="RUS")
AUT = EventActor(name="Austria", code="AUT", country="AUT")
RUSGOV = EventActor(name="Sergey Lavrov", code="RUSGOV", country="RUS")


def _span(text: str, part: str, after: int = 0) -> Span:
    i = text.index(part, after)
    return Span(part, i, i + len(part))


def _event(
    raw: str,
    sentence: str,
    trigger: str,
    cameo: str = "036",
    source: EventActor = RUS,
    target: EventActor | None = AUT,
    date: str | None = None,
    location: str | None = "Vienna",
    negated: bool = False,
    after: int = 0,
) -> Event:
    sent = _span(raw, sentence, after)
    return Event(
        cameo=cameo,
        plover="CONSULT",
        mode=None,
        negated=negated,
        source=source,
        target=target,
        trigger=_span(raw, trigger, sent.start),
        sentence=sent,
        location=location,
        date=date,
        confidence=0.7,
    )


def _record(rid: str, outlet: str, published: str, raw: str) -> Record:
    return Record(id=rid, raw_text=raw, text=raw, source=outlet, published=published)


MEET = "Russian and Austrian diplomats met in Vienna on Monday."
VISIT = "The minister will visit Salzburg next month."


def _corpus() -> tuple[list[Record], dict[str, str]]:
    a1 = _record("a1", "Wire One", "2026-03-02T08:00:00+00:00", f"VIENNA. {MEET} {VISIT}")
    a1.events = [
        _event(a1.raw_text, MEET, "met", date="2026-03-02"),
        _event(a1.raw_text, VISIT, "visit", cameo="042", source=RUSGOV, location="Salzburg"),
    ]
    a2 = _record("a2", "Daily Two", "2026-03-02T10:00:00+00:00", f"Updated. {MEET} More soon.")
    a2.events = [_event(a2.raw_text, MEET, "met", date="2026-03-02")]
    # A late reprint with no event date: the publication date (next day) stands in.
    a3 = _record("a3", "Wire One", "2026-03-03T01:00:00+00:00", f"{MEET} {MEET}")
    second = a3.raw_text.index(MEET, 1)
    a3.events = [
        _event(a3.raw_text, MEET, "met"),
        _event(a3.raw_text, MEET, "met", after=second),
    ]
    # Another write-up of the same meeting (another story cluster), same day.
    b_raw = "Diplomats from Russia and Austria held talks in Vienna on Monday, officials said."
    b1 = _record("b1", "Herald Three", "2026-03-02T15:00:00+00:00", b_raw)
    b1.events = [_event(b_raw, b_raw, "held talks", date="2026-03-02")]
    # A different cluster reporting a similar meeting two days on: not the same event.
    c_raw = "Russia and Austria met again in Vienna on Wednesday."
    c1 = _record("c1", "Herald Three", "2026-03-04T12:00:00+00:00", c_raw)
    c1.events = [_event(c_raw, c_raw, "met", date="2026-03-04")]
    # Same actors and day but a denial, and one in another city: other events.
    d_raw = "Russia denied meeting Austria in Vienna. Russia and Austria met in Graz."
    d1 = _record("d1", "Post Four", "2026-03-02T18:00:00+00:00", d_raw)
    d1.events = [
        _event(d_raw, "Russia denied meeting Austria in Vienna.", "meeting", date="2026-03-02",
               negated=True),
        _event(d_raw, "Russia and Austria met in Graz.", "met", date="2026-03-02",
               location="Graz"),
    ]
    clusters = {"a1": "a1", "a2": "a1", "a3": "a1", "b1": "b1", "c1": "c1", "d1": "d1"}
    return [a1, a2, a3, b1, c1, d1], clusters


def _by_articles(events: list) -> dict[tuple[str, ...], object]:
    return {tuple(sorted({e.article_id for e in ev.evidence})): ev for ev in events}


def _vienna_meetings(events: list) -> list:
    return [ev for ev in events if ev.cameo == "036" and not ev.negated and ev.location == "Vienna"]


def test_spans_in_fixtures_are_valid() -> None:
    records, _ = _corpus()
    for r in records:
        for ev in r.events:
            for sp in (ev.sentence, ev.trigger):
                assert r.raw_text[sp.start : sp.end] == sp.text


def test_dedup_counts_and_evidence() -> None:
    records, clusters = _corpus()
    events = dedup_record_events(records, clusters)
    by = _by_articles(events)
    assert set(by) == {("a1", "a2", "a3", "b1"), ("a1",), ("c1",), ("d1",)}
    meeting = by[("a1", "a2", "a3", "b1")]
    assert meeting.cameo == "036" and meeting.source.code == "RUS" and meeting.target.code == "AUT"
    assert meeting.num_mentions == 5  # a3 reports it twice
    assert meeting.num_articles == 4
    assert meeting.num_sources == 3  # Wire One, Daily Two, Herald Three
    assert meeting.first_seen == "2026-03-02T08:00:00"
    assert meeting.last_seen == "2026-03-03T01:00:00"
    assert meeting.date == "2026-03-02"
    assert meeting.cluster_ids == ["a1", "b1"]
    # Evidence points into each article's own input text.
    raw = {r.id: r.raw_text for r in records}
    for e in meeting.evidence:
        assert raw[e.article_id][e.sentence.start : e.sentence.end] == e.sentence.text
        assert raw[e.article_id][e.trigger.start : e.trigger.end] == e.trigger.text
    assert [e.article_id for e in meeting.evidence] == ["a1", "a2", "b1", "a3", "a3"]
    # Negated and other-place events on the same day stay apart; so does the visit.
    d_events = [ev for ev in events if ev.evidence[0].article_id == "d1"]
    assert len(d_events) == 2 and {ev.negated for ev in d_events} == {True, False}
    assert len(events) == 5
    visit = next(ev for ev in events if ev.cameo == "042")
    assert visit.num_mentions == 1 and visit.source.code == "RUSGOV"


def test_date_windows_are_options() -> None:
    records, clusters = _corpus()
    strict = dedup_record_events(records, clusters, window_days=0)
    meeting = _vienna_meetings(strict)
    # Without the one-day window the late reprint (a3) is its own event.
    assert sorted(ev.num_articles for ev in meeting) == [1, 1, 3]
    loose = dedup_record_events(records, clusters, cross_cluster_days=1)
    meeting = _vienna_meetings(loose)
    # With a one-day window across clusters, Wednesday's report (one day after
    # the late reprint's Tuesday) joins by single linkage.
    assert [ev.num_articles for ev in meeting] == [5]
    with pytest.raises(ValueError):
        dedup_record_events(records, clusters, window_days=-1)


def test_without_clusters_only_same_day_merges() -> None:
    records, _ = _corpus()
    events = dedup_record_events(records)
    meeting = _vienna_meetings(events)
    # a3 (next day, no cluster to vouch for it) stays apart.
    assert sorted(ev.num_articles for ev in meeting) == [1, 1, 3]


def test_undated_events_merge_only_within_a_cluster() -> None:
    raw = "Russia and Austria met in Vienna."
    recs = []
    for rid in ("u1", "u2", "u3"):
        r = Record(id=rid, raw_text=raw, text=raw, source=rid)
        r.events = [_event(raw, raw, "met")]
        recs.append(r)
    items = article_events(recs, {"u1": "k", "u2": "k", "u3": "other"})
    assert all(isinstance(i, ArticleEvent) for i in items)
    out = dedup_events(items)
    assert sorted(ev.num_articles for ev in out) == [1, 2]
    assert all(ev.date is None and ev.first_seen is None for ev in out)


def test_actor_names_stand_in_for_missing_codes() -> None:
    raw = "The rebels attacked the convoy."
    recs = []
    for rid, name in (("n1", "The Rebels"), ("n2", "the  rebels"), ("n3", "Militia")):
        r = Record(id=rid, raw_text=raw, text=raw, source=rid, published="2026-01-05")
        src = EventActor(name=name, code=None, country=None)
        r.events = [_event(raw, raw, "attacked", cameo="190", source=src, target=None)]
        recs.append(r)
    out = dedup_record_events(recs)
    assert sorted(ev.num_articles for ev in out) == [1, 2]
    assert all(ev.to_dict()["evidence"] for ev in out)
