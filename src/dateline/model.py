"""Typed records of schema v1: plain data with a JSON round-trip.

Every span-like item carries ``start``/``end`` Python string offsets into the
article's input text as read (``Record.raw_text``), and ``raw_text[start:end]``
equals the item's ``text``. See docs/schema.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1

REMOVED_KINDS = ("duplicate_title", "promo", "teaser", "boilerplate", "caption")
QUOTE_KINDS = ("direct", "mixed", "indirect")


@dataclass(slots=True)
class Span:
    """A stretch of the input text: ``raw_text[start:end] == text``."""

    text: str
    start: int
    end: int

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(text=d["text"], start=int(d["start"]), end=int(d["end"]))


@dataclass(slots=True)
class Mention(Span):
    """A mention of an actor in the text."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(text=d["text"], start=int(d["start"]), end=int(d["end"]))


@dataclass(slots=True)
class Sentence(Span):
    """A sentence of the cleaned story, with offsets into the input."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(text=d["text"], start=int(d["start"]), end=int(d["end"]))


@dataclass(slots=True)
class Removed:
    """A block taken out of the story, and why."""

    kind: str
    text: str
    start: int
    end: int

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Removed:
        return cls(kind=d["kind"], text=d["text"], start=int(d["start"]), end=int(d["end"]))


@dataclass(slots=True)
class Dateline:
    """The dateline that opens a story: place, agency and date as written."""

    place: str | None
    country: str | None
    agency: str | None
    date_text: str | None
    date: str | None
    start: int
    end: int
    text: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Dateline:
        return cls(
            place=d.get("place"),
            country=d.get("country"),
            agency=d.get("agency"),
            date_text=d.get("date_text"),
            date=d.get("date"),
            start=int(d["start"]),
            end=int(d["end"]),
            text=d.get("text", ""),
        )


@dataclass(slots=True)
class Actor:
    """A person, organisation or country the article mentions."""

    id: str
    name: str
    kind: str  # person | organisation | country | group
    code: str | None = None
    country: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            code=d.get("code"),
            country=d.get("country"),
            role=d.get("role"),
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
        )


@dataclass(slots=True)
class Quote:
    """A quotation and who said it."""

    kind: str  # direct | mixed | indirect
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_code: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    #: What the speaker is: person | organisation | unknown (no speaker named); set
    #: by the actors stage, None before it.
    speaker_type: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        sm, cue = d.get("speaker_mention"), d.get("cue")
        return cls(
            kind=d["kind"],
            text=d["text"],
            start=int(d["start"]),
            end=int(d["end"]),
            speaker=d.get("speaker"),
            speaker_id=d.get("speaker_id"),
            speaker_code=d.get("speaker_code"),
            speaker_mention=Span.from_dict(sm) if sm else None,
            cue=Span.from_dict(cue) if isinstance(cue, dict) else None,
            speaker_type=d.get("speaker_type"),
        )


@dataclass(slots=True)
class EventActor:
    """One side of an event."""

    name: str | None
    code: str | None
    country: str | None
    actor_id: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventActor:
        return cls(
            name=d.get("name"),
            code=d.get("code"),
            country=d.get("country"),
            actor_id=d.get("actor_id"),
        )


@dataclass(slots=True)
class Event:
    """Who did what to whom, coded in CAMEO and PLOVER."""

    cameo: str
    plover: str | None
    mode: str | None
    negated: bool
    source: EventActor
    target: EventActor | None
    trigger: Span
    sentence: Span
    location: str | None = None
    date: str | None = None
    confidence: float = 0.0
    modality: str | None = None
    #: The date words the clause gives ("on Tuesday"), when it gives any.
    when: Span | None = None
    #: Background told as context: the event's own date is well before the story's.
    background: bool = False

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        tgt = d.get("target")
        return cls(
            cameo=str(d["cameo"]),
            plover=d.get("plover"),
            mode=d.get("mode"),
            negated=bool(d.get("negated", False)),
            source=EventActor.from_dict(d["source"]),
            target=EventActor.from_dict(tgt) if tgt else None,
            trigger=Span.from_dict(d["trigger"]),
            sentence=Span.from_dict(d["sentence"]),
            location=d.get("location"),
            date=d.get("date"),
            confidence=float(d.get("confidence", 0.0)),
            modality=d.get("modality"),
            when=Span.from_dict(d["when"]) if d.get("when") else None,
            background=bool(d.get("background", False)),
        )


@dataclass(slots=True)
class Article:
    """An article as a reader delivers it: text as read plus what is known of it."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    author: str | None = None


@dataclass(slots=True)
class Record:
    """What the pipeline makes of one article (schema v1)."""

    id: str
    raw_text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    author: str | None = None
    title_span: Span | None = None
    dateline: Dateline | None = None
    #: The story's date (ISO day) and where it came from: "dateline", "published",
    #: "option" (``--date``) or "run" (the day of the run); None when there is none.
    date: str | None = None
    date_source: str | None = None
    removed: list[Removed] = field(default_factory=list)
    text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    @classmethod
    def from_article(cls, article: Article) -> Record:
        return cls(
            id=article.id,
            raw_text=article.text,
            source=article.source,
            url=article.url,
            title=article.title,
            published=article.published,
            lang=article.lang,
            author=article.author,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"record has unknown fields: {sorted(unknown)}")
        ts, dl = d.get("title_span"), d.get("dateline")
        return cls(
            id=str(d["id"]),
            raw_text=d["raw_text"],
            source=d.get("source"),
            url=d.get("url"),
            title=d.get("title"),
            published=d.get("published"),
            lang=d.get("lang"),
            author=d.get("author"),
            title_span=Span.from_dict(ts) if ts else None,
            dateline=Dateline.from_dict(dl) if dl else None,
            date=d.get("date"),
            date_source=d.get("date_source"),
            removed=[Removed.from_dict(x) for x in d.get("removed", [])],
            text=d.get("text", ""),
            sentences=[Sentence.from_dict(x) for x in d.get("sentences", [])],
            actors=[Actor.from_dict(x) for x in d.get("actors", [])],
            quotes=[Quote.from_dict(x) for x in d.get("quotes", [])],
            events=[Event.from_dict(x) for x in d.get("events", [])],
            schema=int(d.get("schema", SCHEMA_VERSION)),
        )

    @classmethod
    def from_json(cls, s: str) -> Record:
        return cls.from_dict(json.loads(s))
