"""Query parameters shared by the API and the pages, validated by FastAPI.

A bad value gives a 422 with a message naming the parameter; nothing
unvalidated reaches SQL (and all SQL takes parameters, never pasted text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from dateline.store.query import ArticleFilter, EventFilter, ProblemFilter, QuoteFilter

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
    Query(
        min_length=1,
        max_length=200,
        description='Full-text search: stemmed words (all must be there), "quoted phrases", '
        "OR, NOT word or -word, prefix*. A search that cannot mean anything (an unclosed "
        "quote, a lone OR, only excluded words) is a 400.",
    ),
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
Outlet = Annotated[
    str | None,
    Query(min_length=1, max_length=200, description="The outlet (source), its whole name."),
]
Partial = Annotated[
    bool, Query(description="HTML pages: only the results fragment (for in-place updates).")
]


def link_query(
    f: ArticleFilter | EventFilter | QuoteFilter | ProblemFilter,
    rename: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """The set fields of the filter ``f`` as URL parameters, for links and forms.

    ``rename`` maps a field to its parameter name (``{"search": "q"}``), or to
    ``None`` to leave it out; booleans are ``true``/``false``, dates ISO days.
    """
    names = rename or {}
    out: dict[str, str] = {}
    for fld in fields(f):
        value = getattr(f, fld.name)
        key = names.get(fld.name, fld.name)
        if value is None or key is None:
            continue
        out[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return out


def event_filter(
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
    min_confidence: Annotated[
        float | None,
        Query(ge=0.0, le=1.0,
              description="Only events at least this sure (0-1): the share of such events "
              "found right on real news."),
    ] = None,
    outlet: Outlet = None,
) -> EventFilter:
    return EventFilter(plover, cameo, source, target, actor, since, until, negated, modal, mode,
                       min_confidence, outlet)


def article_filter(
    q: Text = None,
    source: Name = None,
    since: Since = None,
    until: Until = None,
    cluster: Name = None,
    outlet: Outlet = None,
) -> ArticleFilter:
    return ArticleFilter(search=q, source=source, since=since, until=until, cluster=cluster,
                         outlet=outlet)


def quote_filter(
    speaker: Name = None,
    q: Text = None,
    since: Since = None,
    until: Until = None,
    exact_speaker: Annotated[
        str | None, Query(min_length=1, max_length=200, description="The whole name.")
    ] = None,
    outlet: Outlet = None,
) -> QuoteFilter:
    return QuoteFilter(speaker=speaker, exact_speaker=exact_speaker, search=q, since=since,
                       until=until, outlet=outlet)


def problem_filter(
    kind: Annotated[
        str | None,
        Query(pattern=r"^(quarantined|skipped)$",
              description="quarantined (could not be read) or skipped (left out)."),
    ] = None,
    reason: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Part of the reason.")
    ] = None,
    source: Name = None,
) -> ProblemFilter:
    return ProblemFilter(kind=kind, reason=reason, source=source)


ArticleFilterDep = Annotated[ArticleFilter, Depends(article_filter)]
EventFilterDep = Annotated[EventFilter, Depends(event_filter)]
QuoteFilterDep = Annotated[QuoteFilter, Depends(quote_filter)]
ProblemFilterDep = Annotated[ProblemFilter, Depends(problem_filter)]
