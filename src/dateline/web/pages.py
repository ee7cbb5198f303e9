"""HTML pages. Each has a JSON twin: the same URL with ``.json`` or ``Accept: application/json``."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from dateline.ingest.decode import DecodeFailure, decode_bytes
from dateline.store import query
from dateline.store.query import QuoteFilter
from dateline.web.api import article_payload, load_record, process_article
from dateline.web.charts import events_chart
from dateline.web.common import StoreDep, render, render_json, state, strip_json, wants_json
from dateline.web.highlight import highlight
from dateline.web.links import page_url
from dateline.web.params import (
    ArticleFilterDep,
    EventFilterDep,
    Limit,
    Name,
    Offset,
    Partial,
    Since,
    Text,
    Until,
    link_query,
)
from dateline.web.process import MAX_PASTE_CHARS

router = APIRouter(tags=["pages (JSON twins)"])

def _query(**kw: Any) -> dict[str, str]:
    return {k: str(v) for k, v in kw.items() if v is not None}


# -- home ---------------------------------------------------------------------------
@router.get("/", include_in_schema=False)
@router.get("/index.json", summary="Home: counts, latest stories, top speakers, event types")
def home(request: Request, store: StoreDep) -> Response:
    data = state(request).cache.get(store, ("home",), lambda: query.home(store))
    return render(request, "home.html", data)


# -- search -------------------------------------------------------------------------
@router.get("/search", include_in_schema=False)
@router.get("/search.json", summary="Article search (same filters as /api/articles)")
def search(
    request: Request,
    store: StoreDep,
    f: ArticleFilterDep,
    limit: Limit = 20,
    offset: Offset = 0,
    partial: Partial = False,
) -> Response:
    page = query.articles_page(store, f, limit, offset)
    link = {**link_query(f, {"search": "q"}), **_query(limit=limit if limit != 20 else None)}
    data = {"query": link, **page.to_dict()}
    template = "_results.html" if partial else "search.html"
    return render(request, template, data, context={
        "page_url": page_url, "sources": [] if partial else state(request).cache.get(
            store, ("sources",), lambda: query.sources(store)),
    })


# -- article ------------------------------------------------------------------------
@router.get("/articles/{article_id}", include_in_schema=False)
def article(request: Request, store: StoreDep, article_id: str) -> Response:
    if not query.article_exists(store, article_id):
        article_id, as_json = strip_json(article_id)
    else:
        as_json = False
    record = load_record(store, article_id)
    data = article_payload(store, record)
    if as_json or wants_json(request):
        return render_json(data)
    return render(request, "article.html", data, context={
        "r": record, "hl": highlight(record), "saved": True,
    })


# -- speakers -----------------------------------------------------------------------
@router.get("/speakers", include_in_schema=False)
@router.get("/speakers.json", summary="Quoted people")
def speakers(
    request: Request, store: StoreDep, q: Name = None, limit: Limit = 50, offset: Offset = 0
) -> Response:
    page = state(request).cache.get(
        store, ("speakers", q, limit, offset),
        lambda: query.speakers_page(store, q, limit, offset),
    )
    data = {"query": _query(q=q), **page.to_dict()}
    return render(request, "speakers.html", data, context={"page_url": page_url})


@router.get("/speakers/{name}", include_in_schema=False)
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
    summary = query.speaker_summary(store, name)
    as_json = False
    if summary is None:
        name, as_json = strip_json(name)
        summary = query.speaker_summary(store, name) if as_json else None
    if summary is None:
        raise HTTPException(404, f"nobody called {name!r} is quoted in this database")
    f = QuoteFilter(exact_speaker=name, search=q, since=since, until=until)
    page = query.quotes_page(store, f, limit, offset, oldest_first=True)
    data = {"speaker": summary, "query": _query(q=q, since=since, until=until),
            **page.to_dict()}
    if as_json:
        return render_json(data)
    return render(request, "speaker.html", data, context={
        "page_url": page_url, "path": f"/speakers/{quote(name, safe='')}",
    })


# -- events -------------------------------------------------------------------------
@router.get("/events", include_in_schema=False)
@router.get("/events.json", summary="Events with the per-day counts the chart shows")
def events(
    request: Request,
    store: StoreDep,
    f: EventFilterDep,
    limit: Limit = 50,
    offset: Offset = 0,
    partial: Partial = False,
) -> Response:
    page = query.events_page(store, f, limit, offset)
    cache = state(request).cache
    per_day = cache.get(store, ("per_day", f), lambda: query.events_per_day(store, f))
    data = {"query": link_query(f), "per_day": per_day, **page.to_dict()}
    if wants_json(request):
        return render_json(data)
    return render(request, "_events_results.html" if partial else "events.html", data,
                  context={"page_url": page_url, "chart": events_chart(per_day),
                           "plover_types": [] if partial else cache.get(
                               store, ("plover",), lambda: query.plover_types(store))})


# -- clusters -----------------------------------------------------------------------
@router.get("/clusters", include_in_schema=False)
@router.get("/clusters.json", summary="Story clusters")
def clusters(
    request: Request, store: StoreDep, limit: Limit = 20, offset: Offset = 0
) -> Response:
    data = {"query": {}, **query.clusters_page(store, limit, offset).to_dict()}
    return render(request, "clusters.html", data, context={"page_url": page_url})


@router.get("/clusters/{cluster_id}", include_in_schema=False)
def cluster(request: Request, store: StoreDep, cluster_id: str) -> Response:
    arts = query.cluster_articles(store, cluster_id)
    as_json = False
    if not arts:
        cluster_id, as_json = strip_json(cluster_id)
        arts = query.cluster_articles(store, cluster_id) if as_json else []
    if not arts:
        raise HTTPException(404, f"no story cluster with id {cluster_id!r}")
    data = {"cluster_id": cluster_id, "articles": arts,
            "clustered": query.has_clusters(store)}
    if as_json:
        return render_json(data)
    return render(request, "cluster.html", data)


# -- API documentation ----------------------------------------------------------------
@router.get("/docs", include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The OpenAPI schema as a page (the schema itself is at /openapi.json)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False),
                 "description": p.get("description") or p.get("schema", {}).get("description")
                 or "", "schema": _schema_text(p.get("schema", {}))}
                for p in op.get("parameters", [])
            ]
            body = "requestBody" in op
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tags": op.get("tags", []), "params": params, "body": body})
    ops.sort(key=lambda o: (not o["path"].startswith("/api"), o["path"], o["method"]))
    return render(request, "api_docs.html", {"info": schema.get("info", {}), "ops": ops})


def _schema_text(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null")
    out = schema.get("type", "") + (f" ({schema['format']})" if "format" in schema else "")
    limits = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "minLength", "maxLength",
                                           "pattern") if k in schema]
    return out + (f" — {', '.join(limits)}" if limits else "")


# -- paste / upload -----------------------------------------------------------------
@router.get("/paste", include_in_schema=False)
@router.get("/paste.json", summary="What the paste form accepts (POST /api/process to use it)")
def paste_form(request: Request) -> Response:
    return render(request, "paste.html", {
        "max_chars": MAX_PASTE_CHARS, "can_save": not state(request).read_only,
        "process_url": "/api/process",
    })


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
        data = file.file.read(MAX_PASTE_CHARS * 4 + 1)
        if len(data) > MAX_PASTE_CHARS * 4:
            raise HTTPException(413, f"the file is larger than {MAX_PASTE_CHARS * 4:,} bytes;"
                                f" the limit is {MAX_PASTE_CHARS:,} characters of text")
        try:
            text = decode_bytes(data)
        except DecodeFailure as e:
            raise HTTPException(422, f"the file {file.filename!r} is not text: {e}") from e
        if file.filename.lower().endswith((".html", ".htm")):
            from dateline.ingest.html import extract_body

            text = extract_body(text) or text
        title = title or file.filename
    text = text.replace("\r\n", "\n")
    out = process_article(request, store, text, title or None, source or None,
                          published[:10] or None, action == "save")
    if wants_json(request):
        return render_json(out)
    if out["saved"]:
        return RedirectResponse(f"/articles/{quote(out['article_id'], safe='')}",
                                status_code=303)
    from dateline.model import Record

    record = Record.from_dict(out["record"])
    return render(request, "paste.html", {"max_chars": MAX_PASTE_CHARS}, context={
        "r": record, "hl": highlight(record), "text": text, "title": title, "source": source,
        "published": published, "stages": out["stages"], "skipped": out["skipped_stages"],
        "read_only": state(request).read_only,
    })
