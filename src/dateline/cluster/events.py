"""Event de-duplication across articles: one event, many mentions.

Per-article events that agree on source actor, target actor, CAMEO code,
negation and location are one event when their dates are close:

- within one story cluster, dates at most ``window_days`` apart (default 1:
  a reprint published after midnight still reports yesterday's meeting);
- across story clusters (different write-ups of the same happening), dates
  at most ``cross_cluster_days`` apart (default 0: the same day).

Linking is single-linkage along the date axis, so a chain of close dates is
one event. Events without a date (neither their own nor the article's
publication date) merge only within a cluster.

The merged event carries GDELT-style counts: ``num_mentions`` (per-article
events merged), ``num_sources`` (distinct outlets, ``Record.source``),
``num_articles``, ``first_seen``/``last_seen`` (publication times, UTC) and
the evidence: article id plus sentence and trigger spans into that article's
input text. Everything here is a pure function of the records given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from dateline.cluster.grouping import ArticleRef, UnionFind, seen_range, short_id
from dateline.cluster.stories import published_key
from dateline.model import Event, EventActor, Record, Span


@dataclass(frozen=True, slots=True)
class ArticleEvent(ArticleRef):
    """A per-article event with the article facts de-duplication needs."""

    event: Event


@dataclass(frozen=True, slots=True)
class Evidence(ArticleRef):
    """Where one mention of a de-duplicated event is: spans into that article's input."""

    sentence: Span
    trigger: Span


@dataclass(slots=True)
class DedupEvent:
    """One event reported by one or more articles."""

    id: str
    cameo: str
    plover: str | None
    mode: str | None
    negated: bool
    source: EventActor
    target: EventActor | None
    date: str | None
    location: str | None
    confidence: float
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: str | None
    last_seen: str | None
    cluster_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    #: The representative mention's modality ("would", "will", …; None when plain).
    modality: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def article_events(
    records: Iterable[Record], clusters: Mapping[str, str] | None = None
) -> list[ArticleEvent]:
    """The events of ``records``, each tagged with its article's story cluster.

    An article missing from ``clusters`` (or every article, when it is
    ``None``) is its own cluster.
    """
    out: list[ArticleEvent] = []
    for r in records:
        cid = (clusters or {}).get(r.id, r.id)
        for i, ev in enumerate(r.events):
            out.append(ArticleEvent(r.id, cid, r.source, r.published, i, ev))
    return out


def _actor_key(actor: EventActor | None) -> str:
    if actor is None:
        return ""
    if actor.code:
        return actor.code.upper()
    if actor.name:
        return "name:" + " ".join(actor.name.casefold().split())
    return ""


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def event_day(item: ArticleEvent) -> date | None:
    """The event's own date, else the article's publication date."""
    return _day(item.event.date) or _day(item.published)


def event_key(item: ArticleEvent) -> tuple[str, str, str, bool, str]:
    """What two mentions must share to be one event (besides close dates)."""
    ev = item.event
    location = " ".join((ev.location or "").casefold().split())
    return (_actor_key(ev.source), _actor_key(ev.target), ev.cameo, ev.negated, location)


def _link_group(
    items: list[ArticleEvent], idx: list[int], uf: UnionFind, window: int, cross: int
) -> None:
    dated = [(event_day(items[i]), i) for i in idx]
    undated_by_cluster: dict[str, int] = {}
    timeline: list[tuple[int, int]] = []
    for d, i in dated:
        if d is None:
            cid = items[i].cluster_id
            if cid in undated_by_cluster:
                uf.union(undated_by_cluster[cid], i)
            else:
                undated_by_cluster[cid] = i
        else:
            timeline.append((d.toordinal(), i))
    timeline.sort()
    last_in_cluster: dict[str, tuple[int, int]] = {}
    prev: tuple[int, int] | None = None
    for day, i in timeline:
        # Any cluster: consecutive mentions within ``cross`` days (single linkage in 1-D).
        if prev is not None and day - prev[0] <= cross:
            uf.union(prev[1], i)
        cid = items[i].cluster_id
        last = last_in_cluster.get(cid)
        if last is not None and day - last[0] <= window:
            uf.union(last[1], i)
        last_in_cluster[cid] = (day, i)
        prev = (day, i)


def _event_id(key: tuple[str, str, str, bool, str], first: Evidence) -> str:
    text = "|".join([*map(str, key), first.article_id, str(first.index)])
    return short_id(text)


def _merge(items: list[ArticleEvent]) -> DedupEvent:
    def rank(it: ArticleEvent) -> tuple[float, str, str, int]:
        return (-it.event.confidence, published_key(it.published), it.article_id, it.index)

    best = min(items, key=rank)
    ordered = sorted(items, key=lambda it: (published_key(it.published), it.article_id, it.index))
    evidence = [
        Evidence(
            it.article_id,
            it.cluster_id,
            it.outlet,
            it.published,
            it.index,
            it.event.sentence,
            it.event.trigger,
        )
        for it in ordered
    ]
    first_seen, last_seen = seen_range(it.published for it in items)
    days = sorted(d for d in (event_day(it) for it in items) if d is not None)
    ev = best.event
    return DedupEvent(
        id=_event_id(event_key(best), evidence[0]),
        cameo=ev.cameo,
        plover=ev.plover,
        mode=ev.mode,
        negated=ev.negated,
        modality=ev.modality,
        source=ev.source,
        target=ev.target,
        date=days[0].isoformat() if days else None,
        location=ev.location,
        confidence=ev.confidence,
        num_mentions=len(items),
        num_sources=len({it.outlet for it in items if it.outlet}),
        num_articles=len({it.article_id for it in items}),
        first_seen=first_seen,
        last_seen=last_seen,
        cluster_ids=sorted({it.cluster_id for it in items}),
        evidence=evidence,
    )


def dedup_events(
    items: Iterable[ArticleEvent], window_days: int = 1, cross_cluster_days: int = 0
) -> list[DedupEvent]:
    """Merge per-article events into de-duplicated events (sorted by date, then id)."""
    if window_days < 0 or cross_cluster_days < 0:
        raise ValueError("date windows cannot be negative")
    all_items = list(items)
    groups: dict[tuple[str, str, str, bool, str], list[int]] = {}
    for i, it in enumerate(all_items):
        groups.setdefault(event_key(it), []).append(i)
    uf = UnionFind(len(all_items))
    for idx in groups.values():
        _link_group(all_items, idx, uf, window_days, cross_cluster_days)
    merged: dict[int, list[ArticleEvent]] = {}
    for i, it in enumerate(all_items):
        merged.setdefault(uf.find(i), []).append(it)
    out = [_merge(v) for v in merged.values()]
    out.sort(key=lambda e: (e.date or "9999", e.cameo, e.id))
    return out


def dedup_record_events(
    records: Iterable[Record],
    clusters: Mapping[str, str] | None = None,
    window_days: int = 1,
    cross_cluster_days: int = 0,
) -> list[DedupEvent]:
    """``dedup_events`` over the events of ``records`` (clusters: article id -> cluster id)."""
    return dedup_events(article_events(records, clusters), window_days, cross_cluster_days)


__all__ = [
    "ArticleEvent",
    "DedupEvent",
    "Evidence",
    "article_events",
    "dedup_events",
    "dedup_record_events",
    "event_day",
    "event_key",
]
