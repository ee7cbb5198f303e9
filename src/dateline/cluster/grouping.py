"""Helpers the cross-article mergers (``events``, ``quotes``) share.

Where an item was reported (``ArticleRef``), single-linkage grouping (a
union-find over item positions), the first/last publication times of a group,
and the short stable ids of merged items.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.cluster.stories import UNKNOWN_PUBLISHED, published_key


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article reported an item, and the item's position among its kind there.

    The article's id, story cluster, outlet and publication time; ``index`` is
    the item's position in that article's events or quotes.
    """

    article_id: str
    cluster_id: str
    outlet: str | None
    published: str | None
    index: int


class UnionFind:
    """Disjoint sets over ``0..n-1``; a set's root is its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def seen_range(published: Iterable[str | None]) -> tuple[str | None, str | None]:
    """(first, last) known publication time (UTC keys) of ``published``; ``None`` when unknown."""
    seen = sorted(k for k in (published_key(p) for p in published) if k != UNKNOWN_PUBLISHED)
    return (seen[0], seen[-1]) if seen else (None, None)


def short_id(text: str) -> str:
    """A 16-hex-digit id derived from ``text`` (sha1)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


__all__ = ["ArticleRef", "UnionFind", "seen_range", "short_id"]
