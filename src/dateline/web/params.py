"""Query parameters shared by the API and the pages, validated by FastAPI.

A bad value gives a 422 with a message naming the parameter; nothing
unvalidated reaches SQL (and all SQL takes parameters, never pasted text).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query

MAX_LIMIT = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many results (1-500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="How many results to skip.")]
Since = Annotated[
    date | None, Query(description="On or after this day (YYYY-MM-DD, inclusive).")
]
Until = Annotated[
    date | None, Query(description="On or before this day (YYYY-MM-DD, inclusive).")
]
Text = Annotated[
    str | None,
    Query(min_length=1, max_length=200, description="Words to search for (full-text)."),
]
Name = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Part of a name.")
]
Plover = Annotated[
    str | None,
    Query(pattern=r"^[A-Za-z_]{2,24}$", description="PLOVER event type, e.g. ACCUSE."),
]
Cameo = Annotated[
    str | None,
    Query(pattern=r"^[0-9]{2,4}$", description="CAMEO code or prefix: '04' matches 040-046."),
]
ActorCode = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z][A-Za-z0-9]{1,23}$",
        description="Country code (ISO alpha-3, e.g. RUS) or CAMEO actor code (e.g. RUSGOV).",
    ),
]
Mode = Annotated[
    str | None, Query(pattern=r"^[A-Za-z_ -]{1,24}$", description="PLOVER mode.")
]
Partial = Annotated[
    bool, Query(description="HTML pages: only the results fragment (for in-place updates).")
]


@dataclass(slots=True)
class EventFilters:
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

    def as_kwargs(self) -> dict[str, Any]:
        return asdict(self)

    def as_query(self) -> dict[str, str]:
        """The filters that are set, as strings for links and forms."""
        out = {}
        for k, v in asdict(self).items():
            if v is None:
                continue
            out[k] = ("true" if v else "false") if isinstance(v, bool) else str(v)
        return out


def event_filters(
    plover: Plover = None,
    cameo: Cameo = None,
    source: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z][A-Za-z0-9]{1,23}$",
              description="Source side: country code or CAMEO actor code."),
    ] = None,
    target: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z][A-Za-z0-9]{1,23}$",
              description="Target side: country code or CAMEO actor code."),
    ] = None,
    actor: ActorCode = None,
    since: Since = None,
    until: Until = None,
    negated: Annotated[
        bool | None, Query(description="Only negated (true) or only affirmed (false) events.")
    ] = None,
    modal: Annotated[
        bool | None,
        Query(description="Only events with a modality such as 'will' (true) or without."),
    ] = None,
    mode: Mode = None,
) -> EventFilters:
    return EventFilters(plover, cameo, source, target, actor, since, until, negated, modal, mode)
