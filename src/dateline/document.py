"""The working state of one article while it passes through the stages.

``Document`` holds the output ``Record`` under construction plus what stages
share but do not publish: the normalised clean text with its map back to the
input, where the story starts after its dateline, spaCy parses of the sentences
that needed one, the entities stage's actor table, and the actors stage's
phrase index and home country. Each is a typed field that one stage adds and
declares (see ``dateline.contract``); there is no untyped side channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.model import Article, Record, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.actors.table import ActorTable
    from dateline.events.index import ActorIndex


@dataclass(slots=True)
class CleanText:
    """Normalised story text and, for each of its characters, the input offset.

    ``offsets`` has ``len(text) + 1`` entries; the last is the input offset just
    after the story. Characters map one to one, except runs of whitespace that
    became one space and characters that were dropped (zero-width marks).
    """

    text: str
    offsets: list[int]

    def raw_start(self, i: int) -> int:
        """Input offset of clean character ``i``."""
        return self.offsets[i]

    def raw_end(self, j: int) -> int:
        """Input offset just after clean character ``j - 1`` (an exclusive end)."""
        if j <= 0:
            return self.offsets[0]
        return self.offsets[j - 1] + 1

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.raw_start(start), self.raw_end(end)


@dataclass(slots=True)
class Parse:
    """A spaCy parse of one sentence; ``base`` is the sentence's clean offset."""

    sentence_index: int
    base: int
    doc: Doc


@dataclass
class Document:
    """One article in flight: the record being built and the shared working data."""

    article: Article
    record: Record
    clean: CleanText | None = None
    parses: dict[int, Parse] = field(default_factory=dict)
    # Clean-text offsets of each record sentence (parallel to record.sentences).
    sentence_bounds: list[tuple[int, int]] = field(default_factory=list)
    done: set[str] = field(default_factory=set)
    #: Clean offset where the story starts after its dateline (stage ``dateline``).
    story_start: int = 0
    #: People and organisations with their clean-text mentions (stage ``entities``,
    #: grown by ``quotes`` with the speakers it finds).
    actor_table: ActorTable | None = None
    #: Where each actor phrase of the parses is (stage ``actors``, read by ``events``).
    actor_index: ActorIndex | None = None
    #: The story's home country, where its unplaced roles belong, or None for an
    #: international story (stage ``actors``, read by ``events``).
    home_country: str | None = None

    @classmethod
    def from_article(cls, article: Article) -> Document:
        return cls(article=article, record=Record.from_article(article))

    @property
    def raw(self) -> str:
        return self.record.raw_text

    def raw_span(self, start: int, end: int) -> Span:
        """A ``Span`` of the input text for clean offsets ``start:end``."""
        if self.clean is None:
            return Span(self.raw[start:end], start, end)
        rs, re_ = self.clean.to_raw(start, end)
        return Span(self.raw[rs:re_], rs, re_)

    def input_span(self, start: int, end: int) -> Span:
        """A ``Span`` of the input text for input offsets ``start:end``."""
        return Span(self.raw[start:end], start, end)
