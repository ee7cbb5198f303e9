"""The JSON API: ``/api/...``, documented in the OpenAPI schema at ``/docs``.

Each route returns the ``data`` of the page view it shares with the HTML page
and its JSON twin (``views``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from dateline.web import views
from dateline.web.common import StoreDep, state
from dateline.web.params import (
    ArticleFilterDep,
    EventFilterDep,
    Limit,
    Name,
    Offset,
    ProblemFilterDep,
    QuoteFilterDep,
)

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/articles", summary="Articles: full-text search, source, dates, story cluster")
def api_articles(
    request: Request, store: StoreDep, f: ArticleFilterDep, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    return views.search(state(request), store, f, limit, offset).data


@router.get("/articles/{article_id:path}", summary="One article: the whole record, every span")
def api_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    return views.article(store, article_id).data


@router.get("/quotes", summary="Quotes: speaker, text search, dates")
def api_quotes(
    request: Request, store: StoreDep, f: QuoteFilterDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return views.quotes(state(request), store, f, limit, offset).data


@router.get("/speakers", summary="Quoted people with their counts and roles")
def api_speakers(
    request: Request, store: StoreDep, q: Name = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return views.speakers(state(request), store, q, limit, offset).data


@router.get("/events", summary="Events: PLOVER, CAMEO, actors, dates, negated/modal")
def api_events(
    request: Request, store: StoreDep, f: EventFilterDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return views.events(state(request), store, f, limit, offset).data


@router.get("/clusters", summary="Story clusters, newest first")
def api_clusters(store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return views.clusters(store, limit, offset).data


@router.get("/clusters/{cluster_id:path}", summary="The articles of one story cluster")
def api_cluster(store: StoreDep, cluster_id: str) -> dict[str, Any]:
    return views.cluster(store, cluster_id).data


@router.get("/problems", summary="Inputs quarantined or skipped by ingest, and why")
def api_problems(
    store: StoreDep, f: ProblemFilterDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return views.problems(store, f, limit, offset).data


@router.get("/stats", summary="Counts, date range, top speakers and event types")
def api_stats(store: StoreDep) -> dict[str, Any]:
    return views.stats(store).data


class ProcessIn(BaseModel):
    text: str = Field(min_length=1, description="The article text as read.")
    title: str | None = Field(None, max_length=500)
    source: str | None = Field(None, max_length=200)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", max_length=40)
    save: bool = Field(False, description="Store the record (refused when read-only).")


@router.post("/process", summary="Process a pasted article; store it only when save is true")
def api_process(request: Request, store: StoreDep, body: ProcessIn) -> dict[str, Any]:
    return views.process(state(request), store, body.text, body.title, body.source,
                         body.published, body.save)
