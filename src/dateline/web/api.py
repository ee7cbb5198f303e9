"""The JSON API: ``/api/...``, documented in the OpenAPI schema at ``/docs``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from dateline.errors import StoreError
from dateline.model import Article, Record
from dateline.store import query
from dateline.store.base import Store
from dateline.web.common import StoreDep, state
from dateline.web.params import (
    ArticleFilterDep,
    EventFilterDep,
    Limit,
    Name,
    Offset,
    QuoteFilterDep,
)
from dateline.web.process import MAX_PASTE_CHARS, article_id_for

router = APIRouter(prefix="/api", tags=["api"])

def load_record(store: Store, article_id: str) -> Record:
    if not query.article_exists(store, article_id):
        raise HTTPException(404, f"no article with id {article_id!r}")
    try:
        return store.load(article_id)
    except StoreError as e:
        raise HTTPException(404, f"no article with id {article_id!r}") from e


def article_payload(store: Store, record: Record) -> dict[str, Any]:
    return {
        "record": record.to_dict(),
        "cluster_id": query.article_cluster(store, record.id),
    }


@router.get("/articles", summary="Articles: full-text search, source, dates, story cluster")
def api_articles(
    store: StoreDep, f: ArticleFilterDep, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    return query.articles_page(store, f, limit, offset).to_dict()


@router.get("/articles/{article_id}", summary="One article: the whole record, every span")
def api_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    return article_payload(store, load_record(store, article_id))


@router.get("/quotes", summary="Quotes: speaker, text search, dates")
def api_quotes(
    store: StoreDep, f: QuoteFilterDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return query.quotes_page(store, f, limit, offset).to_dict()


@router.get("/speakers", summary="Quoted people with their counts and roles")
def api_speakers(
    request: Request, store: StoreDep, q: Name = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return state(request).cache.get(
        store, ("speakers", q, limit, offset),
        lambda: query.speakers_page(store, q, limit, offset),
    ).to_dict()


@router.get("/events", summary="Events: PLOVER, CAMEO, actors, dates, negated/modal")
def api_events(
    store: StoreDep,
    f: EventFilterDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return query.events_page(store, f, limit, offset).to_dict()


@router.get("/clusters", summary="Story clusters, newest first")
def api_clusters(store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return query.clusters_page(store, limit, offset).to_dict()


@router.get("/clusters/{cluster_id}", summary="The articles of one story cluster")
def api_cluster(store: StoreDep, cluster_id: str) -> dict[str, Any]:
    arts = query.cluster_articles(store, cluster_id)
    if not arts:
        raise HTTPException(404, f"no story cluster with id {cluster_id!r}")
    return {"cluster_id": cluster_id, "articles": arts}


@router.get("/stats", summary="Counts, date range, top speakers and event types")
def api_stats(store: StoreDep) -> dict[str, Any]:
    out = query.stats(store)
    out.pop("db", None)  # the database location is the server's business
    return out


class ProcessIn(BaseModel):
    text: str = Field(min_length=1, description="The article text as read.")
    title: str | None = Field(None, max_length=500)
    source: str | None = Field(None, max_length=200)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", max_length=40)
    save: bool = Field(False, description="Store the record (refused when read-only).")


def process_article(
    request: Request, store: Store, text: str, title: str | None, source: str | None,
    published: str | None, save: bool,
) -> dict[str, Any]:
    """Run the pipeline on one pasted article; store it only when ``save``."""
    web = state(request)
    if save and web.read_only:
        raise HTTPException(403, "this server is read-only: articles cannot be saved")
    if len(text) > MAX_PASTE_CHARS:
        raise HTTPException(
            413,
            f"the article is {len(text):,} characters long; the limit is {MAX_PASTE_CHARS:,}."
            " Shorten it, or ingest it with `dateline ingest`.",
        )
    if not text.strip():
        raise HTTPException(422, "the article is empty: paste some text or choose a file")
    pipe = web.pipeline()
    art = Article(id=article_id_for(text), text=text, title=title or None,
                  source=source or "pasted", published=published or None)
    record = pipe.process(art)
    out: dict[str, Any] = {"record": record.to_dict(), "saved": False,
                           "stages": pipe.stages, "skipped_stages": pipe.skipped_stages}
    if save:
        result = store.save(record)
        out["saved"] = True
        out["status"] = result.status
        out["article_id"] = result.article_id
    return out


@router.post("/process", summary="Process a pasted article; store it only when save is true")
def api_process(request: Request, store: StoreDep, body: ProcessIn) -> dict[str, Any]:
    return process_article(request, store, body.text, body.title, body.source, body.published,
                           body.save)
