"""The document's actor table: people, organisations and groups with their mentions.

Built by the ``entities`` stage from named entities, grown by the ``quotes``
stage as speakers are resolved, and published as ``record.actors``. Offsets
here are clean-text offsets; ``to_records`` maps them to the input. When two
names are one person or one body is decided in ``dateline.actors.names``,
which the ``actors`` stage uses too.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from dateline.actors.names import find_body, find_person, fuller_name, name_tokens
from dateline.document import Document
from dateline.model import Actor, Mention


class Kinded(Protocol):
    """An actor as span lookups see it: its kind (``ActorInfo``, ``model.Actor``)."""

    @property
    def kind(self) -> str: ...


#: Longest mention the overlap lookup expects (a long role description).
_MAX_MENTION = 300


K = TypeVar("K", bound=Kinded)


def overlapping_actor(mentions: Iterable[tuple[int, int, K]], start: int, end: int) -> K | None:
    """The actor one of whose ``mentions`` (start, end, actor) overlaps ``start:end``:
    persons first, then the longest mention, then the first given. The actor table and
    the ``actors`` stage both take a span's actor this way."""
    best: tuple[int, int, K] | None = None
    for s, e, a in mentions:
        if min(e, end) - max(s, start) > 0:
            rank = (1 if a.kind == "person" else 0, e - s)
            if best is None or rank > (best[0], best[1]):
                best = (rank[0], rank[1], a)
    return best[2] if best else None


@dataclass
class ActorInfo:
    """One actor while the document is processed."""

    id: str
    name: str
    kind: str  # person | organisation | group
    role: str | None = None
    country: str | None = None
    gender: str | None = None
    #: Role nouns the text gives this actor ("minister", "foreign minister").
    roles: set[str] = field(default_factory=set)
    #: Organisation head nouns in the actor's names ("ministry", "kremlin").
    heads: set[str] = field(default_factory=set)
    #: Clean-text (start, end) of each mention.
    mentions: list[tuple[int, int]] = field(default_factory=list)
    _keys: tuple[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _table: ActorTable | None = field(default=None, repr=False, compare=False)

    @property
    def keys(self) -> list[str]:
        """Comparison keys of the name's words (cached until the name changes)."""
        if self._keys is None or self._keys[0] != self.name:
            self._keys = (self.name, name_tokens(self.name))
        return self._keys[1]

    def add_mention(self, start: int, end: int) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
            if self._table is not None:
                self._table._insert(start, end, self)


@dataclass
class ActorTable:
    """All actors of one document, with lookup by name and by position."""

    actors: list[ActorInfo] = field(default_factory=list)
    #: Mentions (clean start, end) that are grammatical subjects or speakers: the
    #: preferred antecedents of a pronoun.
    subjects: set[tuple[int, int]] = field(default_factory=set)
    _index: tuple[int, list[tuple[int, int, ActorInfo]], list[int]] | None = field(
        default=None, repr=False
    )

    def _mentions(self) -> tuple[list[tuple[int, int, ActorInfo]], list[int]]:
        """All mentions ordered by start, kept up to date by ``_insert``."""
        if self._index is None:
            for a in self.actors:
                a._table = self
            ms = sorted(
                ((s, e, a) for a in self.actors for s, e in a.mentions), key=lambda m: (m[0], m[1])
            )
            self._index = (0, ms, [m[0] for m in ms])
        return self._index[1], self._index[2]

    def _insert(self, start: int, end: int, actor: ActorInfo) -> None:
        if self._index is None:
            return
        _, ms, starts = self._index
        i = bisect.bisect_right(starts, start)
        ms.insert(i, (start, end, actor))
        starts.insert(i, start)

    def _append(self, actor: ActorInfo) -> ActorInfo:
        actor._table = self
        self.actors.append(actor)
        return actor

    def _new_id(self) -> str:
        return f"a{len(self.actors) + 1}"

    def find_person(self, name: str) -> ActorInfo | None:
        """The person this name refers to: same name, or a surname/short form of one."""
        return find_person(name, [a for a in self.actors if a.kind == "person"])

    def add_person(self, name: str, start: int, end: int) -> ActorInfo:
        actor = self.find_person(name)
        if actor is None:
            actor = self._append(ActorInfo(id=self._new_id(), name=name, kind="person"))
        elif fuller_name(name, actor.name):
            actor.name = name
        actor.add_mention(start, end)
        return actor

    def find_organisation(self, name: str) -> ActorInfo | None:
        return find_body(name, [a for a in self.actors if a.kind != "person"])

    def add_organisation(
        self, name: str, start: int, end: int, heads: set[str], kind: str = "organisation"
    ) -> ActorInfo:
        actor = self.find_organisation(name)
        if actor is None:
            actor = self._append(ActorInfo(id=self._new_id(), name=name, kind=kind))
        actor.heads |= heads
        actor.add_mention(start, end)
        return actor

    def get(self, actor_id: str) -> ActorInfo | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def mentions_before(self, pos: int) -> list[tuple[int, int, ActorInfo]]:
        """Every mention that ends at or before ``pos``, latest first."""
        ms, starts = self._mentions()
        i = bisect.bisect_left(starts, pos)
        return [m for m in reversed(ms[:i]) if m[1] <= pos]

    def actor_at(self, start: int, end: int) -> ActorInfo | None:
        """An actor with a mention overlapping ``start:end``, persons first, longest first."""
        ms, starts = self._mentions()
        # mentions are short: those overlapping start within a bounded window before it
        i = bisect.bisect_left(starts, start - _MAX_MENTION)
        j = bisect.bisect_left(starts, end)
        return overlapping_actor(ms[i:j], start, end)

    def to_records(self, doc: Document) -> list[Actor]:
        out: list[Actor] = []
        for a in self.actors:
            mentions = []
            spans = sorted(a.mentions)
            spans = [
                (s, e) for s, e in spans
                if not any(x <= s and e <= y and (x, y) != (s, e) for x, y in spans)
            ]
            for s, e in spans:
                sp = doc.raw_span(s, e)
                mentions.append(Mention(sp.text, sp.start, sp.end))
            out.append(
                Actor(
                    id=a.id,
                    name=a.name,
                    kind=a.kind,
                    country=a.country,
                    role=a.role,
                    mentions=mentions,
                )
            )
        return out


def table_of(doc: Document) -> ActorTable:
    """The document's actor table (made empty when the entities stage did not run)."""
    if doc.actor_table is None:
        doc.actor_table = ActorTable()
    return doc.actor_table
