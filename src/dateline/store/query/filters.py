"""What a question to the store asks for: one frozen filter per kind of row, and a page.

The CLI builds these from its options and the web app from its validated
query parameters; the query functions of ``dateline.store.query`` take them.
An unset field (``None``) means "any". Dates are days and inclusive: they
compare with the first ten characters (``YYYY-MM-DD``) of the stored date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes.

    ``speaker``: part of the speaker's name (case-insensitive); ``exact_speaker``:
    the whole name, as stored; ``search``: words in the quotation (full-text);
    ``since``/``until``: the article's publication day; ``outlet``: the article's
    source, the whole name as stored.
    """

    speaker: str | None = None
    exact_speaker: str | None = None
    search: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events.

    ``plover``: PLOVER type (case-insensitive); ``cameo``: CAMEO code prefix
    (``"04"`` matches 040-046); ``source``/``target``: country code or CAMEO actor
    code of that side, ``actor`` of either side (case-insensitive);
    ``since``/``until``: the event's day, else the article's; ``negated``: only
    negated (true) or only affirmed (false) events; ``modal``: only events with a
    modality such as "will" (true) or only those without (false); ``mode``: the
    PLOVER mode (case-insensitive); ``min_confidence``: only events whose
    ``confidence`` is at least this (0 to 1); ``outlet``: the article's source, the
    whole name as stored.
    """

    plover: str | None = None
    cameo: str | None = None
    source: str | None = None
    target: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    negated: bool | None = None
    modal: bool | None = None
    mode: str | None = None
    min_confidence: float | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles.

    ``search``: words in the title or text (full-text); ``source``: part of the
    source name (case-insensitive); ``since``/``until``: the publication day;
    ``cluster``: the story cluster's id; ``outlet``: the source, the whole name as
    stored.
    """

    search: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    cluster: str | None = None
    outlet: str | None = None


#: The kinds of input problem: refused as unreadable, or left out on purpose.
PROBLEM_KINDS = ("quarantined", "skipped")


@dataclass(frozen=True, slots=True)
class ProblemFilter:
    """Which problems: inputs ``ingest`` quarantined (unreadable, too long, no text)
    or skipped (another language).

    ``kind``: ``"quarantined"`` or ``"skipped"``; ``reason``: part of the reason,
    ``source``: part of the input's name (both case-insensitive).
    """

    kind: str | None = None
    reason: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Page:
    """One page of results and how many there are in all.

    ``capped``: counting stopped at ``total`` (there are at least that many; see
    ``counting.capped_count``), which is never before the end of this page.
    """

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    notes: list[str] = field(default_factory=list)
    capped: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": self.items,
        }
        if self.capped:
            out["total_capped"] = True
        if self.notes:
            out["notes"] = self.notes
        return out


def day(value: date | str | None) -> date | None:
    """A day from a ``date`` or from the first ten characters of an ISO string."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10]) if value else None
