"""Quotes across articles: the same quotation reported by several outlets is one quote.

Two quotes are the same when they have the same speaker and near-identical
text. Speakers match on their surname (the last name key of the name, as
``dateline.actors.names.surname_key`` gives it: "Lavrov", "Sergey Lavrov" and
"Sergei Lavrov" match) and, when both names have a first name, on its initial.
Texts match when the similarity of their normalised word sequences
(difflib's ratio: 2 x matching words / total words) reaches ``threshold``
(0.85 by default: a changed word or two, other punctuation, typographic quotes
or dashes pass; a different sentence does not). Quotes without a speaker are never merged.

Matching is single-linkage within a speaker, so a chain of small variants is
one quote. Everything here is a pure function of the records given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from dateline.actors.names import same_surname_key, surname_key
from dateline.cluster.grouping import ArticleRef, UnionFind, seen_range, short_id
from dateline.cluster.minhash import words
from dateline.cluster.stories import published_key
from dateline.model import Record, Span


@dataclass(frozen=True, slots=True)
class QuoteSource(ArticleRef):
    """One report of a quotation: which article, and where in its input text."""

    kind: str
    speaker: str | None
    span: Span


@dataclass(slots=True)
class MergedQuote:
    """One quotation with every article that reported it."""

    id: str
    text: str
    kind: str
    speaker: str | None
    speaker_code: str | None
    num_sources: int
    num_articles: int
    first_seen: str | None
    last_seen: str | None
    sources: list[QuoteSource] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: (surname, first initial or "") of a speaker name; ``None`` when there is no name.
speaker_key = surname_key
#: Whether two speaker keys can be one person.
same_speaker = same_surname_key


def text_similarity(a: str, b: str) -> float:
    """Similarity of two quotations' normalised word sequences, 0..1."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


@dataclass(frozen=True, slots=True)
class _Item:
    source: QuoteSource
    speaker: tuple[str, str] | None
    speaker_code: str | None
    words: tuple[str, ...]


def _items(records: Iterable[Record], clusters: Mapping[str, str] | None) -> list[_Item]:
    out: list[_Item] = []
    for r in records:
        cid = (clusters or {}).get(r.id, r.id)
        for i, q in enumerate(r.quotes):
            src = QuoteSource(
                r.id, cid, r.source, r.published, i, q.kind, q.speaker, Span(q.text, q.start, q.end)
            )
            out.append(_Item(src, speaker_key(q.speaker), q.speaker_code, tuple(words(q.text))))
    return out


def _link(items: list[_Item], idx: list[int], uf: UnionFind, threshold: float) -> None:
    # Identical word sequences from the same speaker name first (cheap), then
    # pairwise among the rest, shortest first, stopping once lengths differ too
    # much to reach the threshold.
    by_text: dict[tuple[tuple[str, ...], tuple[str, str] | None], int] = {}
    for i in idx:
        k = (items[i].words, items[i].speaker)
        if k in by_text:
            uf.union(by_text[k], i)
        else:
            by_text[k] = i
    reps = sorted(((k[0], i) for k, i in by_text.items()), key=lambda kv: len(kv[0]))
    for a in range(len(reps)):
        wa, ia = reps[a]
        if not wa:
            continue
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(wa)
        for b in range(a + 1, len(reps)):
            wb, ib = reps[b]
            # ratio <= 2*min/(la+lb); lengths only grow from here.
            if 2 * len(wa) / (len(wa) + len(wb)) < threshold:
                break
            ka, kb = items[ia].speaker, items[ib].speaker
            if ka is None or kb is None or not same_speaker(ka, kb):
                continue
            matcher.set_seq1(wb)
            # quick_ratio (shared words, ignoring order) bounds ratio from above.
            if matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold:
                uf.union(ia, ib)


def _quote_id(first: QuoteSource) -> str:
    return short_id(f"{first.article_id}|{first.index}")


def _merge(group: list[_Item]) -> MergedQuote:
    ordered = sorted(
        group,
        key=lambda it: (published_key(it.source.published), it.source.article_id, it.source.index),
    )
    first = ordered[0].source
    first_seen, last_seen = seen_range(it.source.published for it in group)
    names = [it.source.speaker for it in group if it.source.speaker]
    codes = [it.speaker_code for it in ordered if it.speaker_code]
    return MergedQuote(
        id=_quote_id(first),
        text=first.span.text,
        kind=first.kind,
        speaker=max(names, key=len) if names else None,
        speaker_code=codes[0] if codes else None,
        num_sources=len({it.source.outlet for it in group if it.source.outlet}),
        num_articles=len({it.source.article_id for it in group}),
        first_seen=first_seen,
        last_seen=last_seen,
        sources=[it.source for it in ordered],
    )


def merge_quotes(
    records: Iterable[Record],
    clusters: Mapping[str, str] | None = None,
    threshold: float = 0.85,
) -> list[MergedQuote]:
    """One ``MergedQuote`` per distinct quotation of ``records``, most reported first.

    ``clusters`` (article id -> story cluster id) only labels the sources;
    quotes merge across clusters too, since outlets quote the same words in
    stories that are not reprints of each other.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    items = _items(records, clusters)
    uf = UnionFind(len(items))
    by_surname: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        if it.speaker is not None:
            by_surname.setdefault(it.speaker[0], []).append(i)
    for idx in by_surname.values():
        _link(items, idx, uf, threshold)
    groups: dict[int, list[_Item]] = {}
    for i, it in enumerate(items):
        groups.setdefault(uf.find(i), []).append(it)
    out = [_merge(g) for g in groups.values()]
    out.sort(key=lambda q: (-q.num_articles, q.first_seen or "9999", q.id))
    return out


__all__ = [
    "MergedQuote",
    "QuoteSource",
    "merge_quotes",
    "same_speaker",
    "speaker_key",
    "text_similarity",
]
