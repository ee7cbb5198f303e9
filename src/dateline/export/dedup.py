"""GDELT and PLOVER exports of de-duplicated events (one row per event, not per mention).

``dedup_export_events`` streams the records once, keeping only their events and
a few facts per article (no texts), and merges the events across articles with
``cluster.events.dedup_events`` using the story clusters kept in the store.
Each merged event is written in the layout of ``write_gdelt`` / ``write_plover``
from its earliest mention (its article's URL, sentence and trigger), with the
counts filled in: GDELT's NumMentions, NumSources and NumArticles; in PLOVER,
``num_mentions``, ``num_sources``, ``num_articles``, ``first_seen``,
``last_seen``, ``cluster_ids`` and the ``evidence`` (article, URL and spans into
that article's input text for every mention).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TextIO

from dateline.cluster.events import DedupEvent, Evidence, article_events, dedup_events
from dateline.events.factuality import is_asserted
from dateline.export.gdelt import GdeltRowWriter, Written, gdelt_row
from dateline.export.plover import plover_record
from dateline.model import Event, Record


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What an exported row needs of an article besides its events."""

    id: str
    url: str | None
    title: str | None
    source: str | None
    lang: str | None
    published: str | None
    lead_end: int

    def stub(self) -> Record:
        """A text-less record carrying these facts (for the per-event row builders)."""
        return Record(
            id=self.id,
            raw_text="",
            source=self.source,
            url=self.url,
            title=self.title,
            published=self.published,
            lang=self.lang,
        )


@dataclass(slots=True)
class DedupExport:
    """De-duplicated events plus what writing them needs."""

    events: list[DedupEvent]
    articles: dict[str, ArticleFacts] = field(default_factory=dict)
    mentions: dict[tuple[str, int], Event] = field(default_factory=dict)

    def representative(self, d: DedupEvent) -> tuple[ArticleFacts, int, Event]:
        """The earliest mention's article, event index and an ``Event`` with merged fields."""
        first: Evidence = d.evidence[0]
        facts = self.articles[first.article_id]
        original = self.mentions.get((first.article_id, first.index))
        event = Event(
            cameo=d.cameo,
            plover=d.plover,
            mode=d.mode,
            negated=d.negated,
            source=d.source,
            target=d.target,
            trigger=first.trigger,
            sentence=first.sentence,
            location=d.location,
            date=d.date,
            confidence=d.confidence,
            modality=original.modality if original else None,
        )
        return facts, first.index, event


def dedup_export_events(
    records: Iterable[Record],
    clusters: Mapping[str, str] | None = None,
    window_days: int = 1,
    cross_cluster_days: int = 0,
) -> DedupExport:
    """Merge the events of ``records`` (clusters: article id -> story cluster id)."""
    out = DedupExport(events=[])
    items = []
    for r in records:
        if not r.events:
            continue
        lead_end = r.sentences[0].end if r.sentences else 0
        out.articles[r.id] = ArticleFacts(
            r.id, r.url, r.title, r.source, r.lang, r.published, lead_end
        )
        for i, ev in enumerate(r.events):
            out.mentions[(r.id, i)] = ev
        # ArticleEvent keeps the events only: the record's texts are not held.
        items.extend(article_events([r], clusters))
    out.events = dedup_events(items, window_days, cross_cluster_days)
    return out


def numeric_id(d: DedupEvent) -> int:
    """A stable numeric id for a merged event (GDELT's GLOBALEVENTID)."""
    return int(d.id[:13], 16)


def write_gdelt_dedup(
    data: DedupExport, fh: TextIO, date_added: str | None = None, header: bool = False
) -> int:
    """One GDELT 2.0 Event row per de-duplicated, non-negated, dated event; return how
    many (with ``undated``, how many were left out because they have no date)."""
    out = GdeltRowWriter(fh, date_added, header)
    n = undated = 0
    for d in data.events:
        if not is_asserted(d.modality, d.negated) or not d.evidence:
            continue
        facts, index, event = data.representative(d)
        row = gdelt_row(facts.stub(), index, event, out.stamp, facts.lead_end)
        if not row["SQLDATE"]:
            undated += 1
            continue
        row.update(
            GLOBALEVENTID=str(numeric_id(d)),
            NumMentions=str(d.num_mentions),
            NumSources=str(max(1, d.num_sources)),
            NumArticles=str(d.num_articles),
        )
        out.write(row)
        n += 1
    return Written(n, undated)


def _evidence(data: DedupExport, e: Evidence) -> dict[str, Any]:
    facts = data.articles.get(e.article_id)
    return {
        "article_id": e.article_id,
        "cluster_id": e.cluster_id,
        "url": facts.url if facts else None,
        "publication": e.outlet,
        "published": e.published,
        "sentence": {"text": e.sentence.text, "start": e.sentence.start, "end": e.sentence.end},
        "trigger": {"text": e.trigger.text, "start": e.trigger.start, "end": e.trigger.end},
    }


def write_plover_dedup(data: DedupExport, fh: TextIO, coded_date: str | None = None) -> int:
    """One PLOVER JSON line per de-duplicated event with a PLOVER type; return how many."""
    day = coded_date or datetime.now(UTC).date().isoformat()
    n = 0
    for d in data.events:
        if not is_asserted(d.modality, d.negated) or not d.plover or not d.evidence:
            continue
        facts, index, event = data.representative(d)
        obj = plover_record(facts.stub(), index, event, day)
        obj.update(
            id=d.id,
            global_event_id=numeric_id(d),
            num_mentions=d.num_mentions,
            num_sources=d.num_sources,
            num_articles=d.num_articles,
            first_seen=d.first_seen,
            last_seen=d.last_seen,
            cluster_ids=d.cluster_ids,
            evidence=[_evidence(data, e) for e in d.evidence],
        )
        fh.write(json.dumps(obj, ensure_ascii=False))
        fh.write("\n")
        n += 1
    return n


__all__ = [
    "ArticleFacts",
    "DedupExport",
    "dedup_export_events",
    "numeric_id",
    "write_gdelt_dedup",
    "write_plover_dedup",
]
