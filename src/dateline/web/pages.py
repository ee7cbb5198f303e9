"""HTML pages. Each has a JSON twin: the same URL with ``.json`` or ``Accept: application/json``;
each list page a CSV twin too: ``.csv`` or ``?format=csv``, with the same filters.

The routes read their parameters and answer with the page's view (``views``),
which the ``/api`` route of the same data shares.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from dateline.store.query import QuoteFilter
from dateline.web import docs, views
from dateline.web.common import StoreDep, render_json, respond, respond_by_path, state, wants_json
from dateline.web.links import path_part
from dateline.web.params import (
    ArticleFilterDep,
    EventFilterDep,
    Limit,
    Name,
    Offset,
    Partial,
    ProblemFilterDep,
    QuoteFilterDep,
    Since,
    Text,
    Until,
)
from dateline.web.process import MAX_PASTE_CHARS

router = APIRouter(tags=["pages (JSON twins)"])


@router.get("/", include_in_schema=False)
@router.get("/index.json", summary="Home: counts, latest stories, top speakers, event types")
def home(request: Request, store: StoreDep) -> Response:
    return respond(request, views.home(state(request), store))


@router.get("/search", include_in_schema=False)
@router.get("/search.json", summary="Article search (same filters as /api/articles)")
@router.get("/search.csv", summary="Article search as CSV")
def search(
    request: Request,
    store: StoreDep,
    f: ArticleFilterDep,
    limit: Limit = 20,
    offset: Offset = 0,
    partial: Partial = False,
) -> Response:
    return respond(request, views.search(state(request), store, f, limit, offset, partial))


@router.get("/articles/{article_id:path}", include_in_schema=False)
def article(request: Request, store: StoreDep, article_id: str) -> Response:
    return respond_by_path(request, article_id, lambda i: views.article(store, i))


@router.get("/speakers", include_in_schema=False)
@router.get("/speakers.json", summary="Quoted people")
@router.get("/speakers.csv", summary="Quoted people as CSV")
def speakers(
    request: Request, store: StoreDep, q: Name = None, limit: Limit = 50, offset: Offset = 0
) -> Response:
    return respond(request, views.speakers(state(request), store, q, limit, offset))


@router.get("/quotes", include_in_schema=False)
@router.get("/quotes.json", summary="Quotes with their facets (same filters as /api/quotes)")
@router.get("/quotes.csv", summary="Quotes as CSV")
def quotes(
    request: Request, store: StoreDep, f: QuoteFilterDep, limit: Limit = 50, offset: Offset = 0
) -> Response:
    return respond(request, views.quotes(state(request), store, f, limit, offset))


@router.get("/speakers/{name:path}", include_in_schema=False)
def speaker(
    request: Request,
    store: StoreDep,
    name: str,
    q: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    f = QuoteFilter(search=q, since=since, until=until)
    return respond_by_path(request, name, lambda n: views.speaker(store, n, f, limit, offset))


@router.get("/events", include_in_schema=False)
@router.get("/events.json", summary="Events with the per-day counts the chart shows")
@router.get("/events.csv", summary="Events as CSV")
def events(
    request: Request,
    store: StoreDep,
    f: EventFilterDep,
    limit: Limit = 50,
    offset: Offset = 0,
    partial: Partial = False,
) -> Response:
    return respond(request, views.events(state(request), store, f, limit, offset, partial))


@router.get("/clusters", include_in_schema=False)
@router.get("/clusters.json", summary="Story clusters")
def clusters(
    request: Request, store: StoreDep, limit: Limit = 20, offset: Offset = 0
) -> Response:
    return respond(request, views.clusters(store, limit, offset))


@router.get("/clusters/{cluster_id:path}", include_in_schema=False)
def cluster(request: Request, store: StoreDep, cluster_id: str) -> Response:
    return respond_by_path(request, cluster_id, lambda c: views.cluster(store, c))


@router.get("/problems", include_in_schema=False)
@router.get("/problems.json", summary="Inputs quarantined or skipped by ingest, and why")
@router.get("/problems.csv", summary="Quarantined and skipped inputs as CSV")
def problems(
    request: Request, store: StoreDep, f: ProblemFilterDep, limit: Limit = 50, offset: Offset = 0
) -> Response:
    return respond(request, views.problems(store, f, limit, offset))


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The OpenAPI schema as a page (the schema itself is at /openapi.json)."""
    return respond(request, docs.api_docs(request.app.openapi()))


@router.get("/paste", include_in_schema=False)
@router.get("/paste.json", summary="What the paste form accepts (POST /api/process to use it)")
def paste_form(request: Request) -> Response:
    return respond(request, views.paste_form(state(request)))


@router.post("/paste", include_in_schema=False)
def paste(
    request: Request,
    store: StoreDep,
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    source: Annotated[str, Form(max_length=200)] = "",
    published: Annotated[str, Form(pattern=r"^(\d{4}-\d{2}-\d{2}.*)?$", max_length=40)] = "",
    action: Annotated[str, Form(pattern=r"^(preview|save)$")] = "preview",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    if file is not None and file.filename:
        text = views.read_upload(file.filename, file.file.read(MAX_PASTE_CHARS * 4 + 1))
        title = title or file.filename
    text = text.replace("\r\n", "\n")
    web = state(request)
    out = views.process(web, store, text, title or None, source or None,
                        published[:10] or None, action == "save")
    if wants_json(request):
        return render_json(out)
    if out["saved"]:
        return RedirectResponse(f"/articles/{path_part(out['article_id'])}",
                                status_code=303)
    form = {"text": text, "title": title, "source": source, "published": published}
    return respond(request, views.pasted(web, out, form))
