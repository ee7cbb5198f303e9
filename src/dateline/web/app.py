"""The FastAPI application: JSON API under ``/api``, HTML pages with JSON twins.

``create_app(store_url, read_only)`` builds it. Each worker thread gets its own
store connection (``StorePool``). Errors never leak SQL: validation problems
are 422 with a message, store failures 400/500 with a short message, and HTML
requests get an HTML error page.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from dateline.config import Settings, load_settings
from dateline.errors import DatelineError, StoreError
from dateline.store import open_store
from dateline.store.base import Store
from dateline.store.migrations import LATEST
from dateline.web.process import WebPipeline, build_pipeline

log = logging.getLogger(__name__)
T = TypeVar("T")

WEB_DIR = Path(str(files("dateline.web")))


class StorePool:
    """One store connection per thread, all closed together."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.url = url
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        # Migrate once, up front; a read-only server never writes, not even the schema.
        first = open_store(url, migrate=not read_only)
        version = first.schema_version()
        if read_only and version < LATEST:
            first.close()
            raise StoreError(
                f"{url} has schema version {version}, this dateline needs {LATEST}: serve it"
                " once without --read-only (or run an ingest) to migrate it"
            )
        self._local.store = first
        self._all.append(first)

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url, migrate=False)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # closing is best effort
                    log.debug("closing a store failed", exc_info=True)
            self._all.clear()


class DropEmptyParams:
    """ASGI middleware: ``?since=&q=x`` becomes ``?q=x`` (empty form fields mean "any")."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip() != ""]
            if len(kept) != len(pairs):
                scope = dict(scope)
                scope["query_string"] = urlencode(kept).encode("latin-1")
        await self.app(scope, receive, send)


#: Request bodies larger than this are refused before they are read.
MAX_BODY_BYTES = 2_000_000


#: Defence in depth beside escaping: only this server's own scripts may run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self';"
    " frame-ancestors 'none'"
)


class SecurityHeaders:
    """ASGI middleware: a Content-Security-Policy and ``nosniff`` on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-security-policy", CSP.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class LimitBody:
    """ASGI middleware: a 413 with a message for bodies over ``MAX_BODY_BYTES``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers") or []).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
                response = JSONResponse(
                    {"message": f"the request is larger than {MAX_BODY_BYTES:,} bytes;"
                     " paste or upload a single article"},
                    status_code=413,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def page_url(path: str, query: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``query`` updated by ``changes`` (``None`` drops a key)."""
    q = {k: v for k, v in {**query, **changes}.items() if v not in (None, "")}
    return f"{path}?{urlencode(q)}" if q else path


def safe_href(url: str | None) -> str:
    """Only http(s) links from article data: never ``javascript:`` and the like."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return ""


def wants_json(request: Request) -> bool:
    """The JSON twin: a ``.json`` path, or an Accept header that asks for JSON over HTML."""
    if request.url.path.endswith(".json") or request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


class AggregateCache:
    """Results of costly aggregate queries, kept while the store's articles stay the same.

    The key includes the store's version (number of articles and highest row
    key), so a save, by this app or by an ingest running beside it, makes the
    next request recompute. Each thread's store gives the same version.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._data: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    @staticmethod
    def version(store: Store) -> tuple[Any, ...]:
        row = store.rows("SELECT count(*) AS n, max(pk) AS m FROM articles")[0]
        return (row["n"], row["m"])

    def get(self, store: Store, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        full = (self.version(store), *key)
        with self._lock:
            if full in self._data:
                return self._data[full]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if len(self._data) >= self.size:
                self._data.clear()
            self._data[full] = value
        return value


class WebState:
    """What the routes share: the stores, templates, settings and the paste pipeline."""

    def __init__(self, store_url: str, read_only: bool, settings: Settings) -> None:
        # first: a configuration no command accepts stops the app before anything opens
        self._pipeline = build_pipeline(settings)
        self.settings = settings
        self.store_url = store_url
        self.read_only = read_only
        self.stores = StorePool(store_url, read_only)
        self.templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
        self.templates.env.globals["read_only"] = read_only
        self.templates.env.globals["page_url"] = page_url
        self.templates.env.filters["safe_href"] = safe_href
        self.cache = AggregateCache()

    def pipeline(self) -> WebPipeline:
        return self._pipeline


def state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def get_store(request: Request) -> Store:
    return state(request).stores.get()


def render(
    request: Request, template: str, data: dict[str, Any], status_code: int = 200,
    context: dict[str, Any] | None = None,
) -> Response:
    """``data`` as JSON for the JSON twin, else ``template`` with data (and ``context``)."""
    if wants_json(request):
        return JSONResponse(data, status_code=status_code)
    ctx = {**data, **(context or {})}
    return state(request).templates.TemplateResponse(
        request, template, ctx, status_code=status_code
    )


def _error(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if wants_json(request):
        body: dict[str, Any] = {"message": message}
        body["detail"] = detail if detail is not None else message
        return JSONResponse(body, status_code=status)
    return state(request).templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "problems": detail or []},
        status_code=status,
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
            problems.append({"parameter": where, "problem": err.get("msg", "invalid")})
        message = "; ".join(f"{p['parameter']}: {p['problem']}" for p in problems)
        return _error(request, 422, f"invalid parameters — {message}", problems)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(StoreError)
    async def on_store(request: Request, exc: StoreError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return _error(request, 400, "the database could not answer this query;"
                      " check the search words and filters")

    @app.exception_handler(DatelineError)
    async def on_dateline(request: Request, exc: DatelineError) -> Response:
        return _error(request, 400, exc.message)


def create_app(
    store_url: str, read_only: bool = False, settings: Settings | None = None
) -> FastAPI:
    """The web app over the store at ``store_url`` (SQLite path or PostgreSQL URL).

    ``settings``: default, ``load_settings()`` (``./dateline.toml`` and ``DATELINE_*``).
    Raises ``DatelineError`` when they are bad, e.g. a ``PipelineError`` for stages that
    cannot run in the configured order, as ``extract`` and ``ingest`` do.
    """
    from dateline.web import api, pages

    web = WebState(store_url, read_only, settings or load_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        web.stores.close()

    app = FastAPI(
        title="dateline",
        summary="Quotes and political events extracted from news, with their evidence.",
        description=(
            "Read-only JSON API over a dateline store (plus `POST /api/process`). Lists are"
            " paginated with `limit`/`offset` and return `{total, limit, offset, items}`."
            " Every HTML page has a JSON twin: the same URL with `.json`, or"
            " `Accept: application/json`."
        ),
        version="1",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc load their scripts from a CDN; pages.api_docs
        # renders the same OpenAPI schema here, offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = web
    app.add_middleware(DropEmptyParams)
    app.add_middleware(LimitBody)
    app.add_middleware(SecurityHeaders)
    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
