"""One function per page: it gathers what the page, its JSON twin and its ``/api`` route show.

Each returns a ``common.View``; the routes in ``pages`` and ``api`` only read
their parameters and hand the view to ``common.respond`` (or return its
``data``). The questions themselves are ``dateline.store.query``'s, which the
CLI asks too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import HTTPException

from dateline.errors import StoreError
from dateline.ingest.decode import DecodeFailure, decode_bytes
from dateline.model import Article, Record
from dateline.store import query
from dateline.store.base import Store
from dateline.store.query import ArticleFilter, EventFilter, ProblemFilter, QuoteFilter
from dateline.web.charts import events_chart
from dateline.web.common import View
from dateline.web.highlight import highlight
from dateline.web.links import path_part
from dateline.web.params import link_query
from dateline.web.process import MAX_PASTE_CHARS, article_id_for
from dateline.web.state import WebState

#: The search page's default number of results (not echoed in its links).
SEARCH_LIMIT = 20

# The columns of each list page's CSV twin (the keys of its items, in this order).
ARTICLE_CSV = ("id", "title", "source", "url", "published", "lang", "cluster_id", "n_quotes",
               "n_events", "snippet")
EVENT_CSV = ("article_id", "title", "source", "url", "published", "idx", "date", "cameo",
             "plover", "mode", "negated", "source_name", "source_code", "source_country",
             "target_name", "target_code", "target_country", "trigger", "sentence", "location",
             "confidence")
QUOTE_CSV = ("article_id", "title", "source", "url", "published", "idx", "kind", "speaker",
             "speaker_id", "speaker_code", "text", "start", "end", "cue")
SPEAKER_CSV = ("name", "quotes", "articles", "roles", "codes", "countries")
PROBLEM_CSV = ("kind", "source", "position", "reason", "article_id", "lang", "run_id", "created")

ARTICLE_PARAMS: dict[str, str | None] = {"search": "q"}
QUOTE_PARAMS: dict[str, str | None] = {"search": "q"}


def facet_links(
    facets: dict[str, Any], echo: dict[str, str], rename: dict[str, str | None]
) -> dict[str, Any]:
    """The twin's ``facets`` (name -> values) and ``facet_sample`` (``None``: the counts are
    of every match) from ``query.*_facets``, each value's ``select`` made URL parameters:
    the page's query (``echo``) narrowed to that value, from the first page."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, values in facets["facets"].items():
        out[name] = []
        for v in values:
            params = {rename.get(k, k) or k: str(x) for k, x in v["select"].items()}
            out[name].append({"value": v["value"], "n": v["n"],
                              "selected": all(echo.get(k) == x for k, x in params.items()),
                              "query": {**echo, **params}})
    return {"facets": out, "facet_sample": facets["sample"]}


def home(web: WebState, store: Store) -> View:
    data = web.cache.get(store, ("home",), lambda: query.home(store))
    # not cached: quarantined and skipped inputs change no article
    return View({**data, "problems": query.count_problems(store)}, "home.html")


def search(
    web: WebState, store: Store, f: ArticleFilter, limit: int, offset: int, partial: bool = False
) -> View:
    """Articles (``/search``, ``/api/articles``); ``partial``: only the results fragment."""
    page = query.articles_page(store, f, limit, offset)
    echo = link_query(f, ARTICLE_PARAMS)
    if limit != SEARCH_LIMIT:
        echo["limit"] = str(limit)

    @cache
    def facets() -> dict[str, Any]:
        found = web.cache.get(store, ("facets", f), lambda: query.article_facets(store, f))
        return facet_links(found, link_query(f, ARTICLE_PARAMS), ARTICLE_PARAMS)

    return View(
        page.to_dict(),
        "_results.html" if partial else "search.html",
        twin=lambda: {"query": echo, **facets()},
        context=lambda: {
            "sources": [] if partial else web.cache.get(
                store, ("sources",), lambda: query.sources(store)),
        },
        csv_columns=ARTICLE_CSV,
        csv_name="articles",
    )


def load_record(store: Store, article_id: str) -> Record:
    """The stored record; a 404 when there is none."""
    if not query.article_exists(store, article_id):
        raise HTTPException(404, f"no article with id {article_id!r}")
    try:
        return store.load(article_id)
    except StoreError as e:
        raise HTTPException(404, f"no article with id {article_id!r}") from e


def article(store: Store, article_id: str) -> View:
    """One article: the whole record, every span, and its story cluster."""
    record = load_record(store, article_id)
    data = {"record": record.to_dict(), "cluster_id": query.article_cluster(store, record.id)}
    return View(data, "article.html",
                context=lambda: {"r": record, "hl": highlight(record), "saved": True})


def quotes(web: WebState, store: Store, f: QuoteFilter, limit: int, offset: int) -> View:
    """Quotes (``/quotes``, ``/api/quotes``; people's pages show theirs with ``speaker``)."""
    echo = link_query(f, QUOTE_PARAMS)

    @cache
    def facets() -> dict[str, Any]:
        found = web.cache.get(store, ("facets", f), lambda: query.quote_facets(store, f))
        return facet_links(found, echo, QUOTE_PARAMS)

    return View(query.quotes_page(store, f, limit, offset).to_dict(), "quotes.html",
                twin=lambda: {"query": echo, **facets()},
                csv_columns=QUOTE_CSV, csv_name="quotes")


def speakers(web: WebState, store: Store, name: str | None, limit: int, offset: int) -> View:
    page = web.cache.get(store, ("speakers", name, limit, offset),
                         lambda: query.speakers_page(store, name, limit, offset))
    echo = {"q": name} if name is not None else {}
    return View(page.to_dict(), "speakers.html", twin=lambda: {"query": echo},
                csv_columns=SPEAKER_CSV, csv_name="speakers")


def speaker(store: Store, name: str, f: QuoteFilter, limit: int, offset: int) -> View:
    """One person: their counts and roles, and their quotes (``f``) oldest first."""
    summary = query.speaker_summary(store, name)
    if summary is None:
        raise HTTPException(404, f"nobody called {name!r} is quoted in this database")
    mine = QuoteFilter(exact_speaker=name, search=f.search, since=f.since, until=f.until)
    page = query.quotes_page(store, mine, limit, offset, oldest_first=True)
    data = {"speaker": summary, "query": link_query(mine, {"search": "q", "exact_speaker": None}),
            **page.to_dict()}
    return View(data, "speaker.html",
                context=lambda: {"path": f"/speakers/{path_part(name)}"},
                csv_columns=QUOTE_CSV, csv_name="quotes")


def events(
    web: WebState, store: Store, f: EventFilter, limit: int, offset: int, partial: bool = False
) -> View:
    """Events (``/events``, ``/api/events``); the page adds their counts per day and type."""

    @cache
    def per_day() -> list[dict[str, Any]]:
        return web.cache.get(store, ("per_day", f), lambda: query.events_per_day(store, f))

    @cache
    def facets() -> dict[str, Any]:
        found = web.cache.get(store, ("facets", f), lambda: query.event_facets(store, f))
        return facet_links(found, link_query(f), {})

    def context() -> dict[str, Any]:
        chart = web.cache.get(store, ("chart", f), lambda: events_chart(per_day()))
        return {"chart": chart, "plover_types": [] if partial else
                web.cache.get(store, ("plover",), lambda: query.plover_types(store))}

    return View(
        query.events_page(store, f, limit, offset).to_dict(),
        "_events_results.html" if partial else "events.html",
        twin=lambda: {"query": link_query(f), "per_day": per_day(), **facets()},
        context=context,
        csv_columns=EVENT_CSV,
        csv_name="events",
    )


def clusters(store: Store, limit: int, offset: int) -> View:
    return View(query.clusters_page(store, limit, offset).to_dict(), "clusters.html",
                twin=lambda: {"query": {}})


def cluster(store: Store, cluster_id: str) -> View:
    """The articles of one story cluster, for a side-by-side view."""
    arts = query.cluster_articles(store, cluster_id)
    if not arts:
        raise HTTPException(404, f"no story cluster with id {cluster_id!r}")
    return View({"cluster_id": cluster_id, "articles": arts}, "cluster.html",
                twin=lambda: {"clustered": query.has_clusters(store)})


def problems(store: Store, f: ProblemFilter, limit: int, offset: int) -> View:
    """Inputs that gave no article (``/problems``, ``/api/problems``), the newest first."""
    return View(query.problems_page(store, f, limit, offset).to_dict(), "problems.html",
                twin=lambda: {"query": link_query(f)}, csv_columns=PROBLEM_CSV,
                csv_name="problems")


def stats(store: Store) -> View:
    out = query.stats(store)
    out.pop("db", None)  # the database location is the server's business
    return View(out)


def paste_form(web: WebState) -> View:
    return View({"max_chars": MAX_PASTE_CHARS, "can_save": not web.read_only,
                 "process_url": "/api/process"}, "paste.html")


def process(
    web: WebState, store: Store, text: str, title: str | None = None, source: str | None = None,
    published: str | None = None, save: bool = False,
) -> dict[str, Any]:
    """Run the pipeline on one pasted article (``/paste``, ``/api/process``); store it only
    when ``save``."""
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
                           "stages": pipe.stages}
    if save:
        result = store.save(record)
        out["saved"] = True
        out["status"] = result.status
        out["article_id"] = result.article_id
    return out


def read_upload(filename: str, data: bytes) -> str:
    """The text of an uploaded file (at most ``4 * MAX_PASTE_CHARS`` bytes were read, plus one).

    HTML files give their body text.
    """
    if len(data) > MAX_PASTE_CHARS * 4:
        raise HTTPException(413, f"the file is larger than {MAX_PASTE_CHARS * 4:,} bytes;"
                            f" the limit is {MAX_PASTE_CHARS:,} characters of text")
    try:
        text = decode_bytes(data)
    except DecodeFailure as e:
        raise HTTPException(422, f"the file {filename!r} is not text: {e}") from e
    if filename.lower().endswith((".html", ".htm")):
        from dateline.ingest.html import extract_body

        text = extract_body(text) or text
    return text


def pasted(web: WebState, out: dict[str, Any], form: dict[str, str]) -> View:
    """The paste page showing a processed (unsaved) article; ``form`` refills the form."""
    record = Record.from_dict(out["record"])
    return View(out, "paste.html", context=lambda: {
        "max_chars": MAX_PASTE_CHARS, "r": record, "hl": highlight(record), **form,
        "stages": out["stages"], "read_only": web.read_only,
    })
