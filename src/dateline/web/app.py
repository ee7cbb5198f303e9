"""The FastAPI application: JSON API under ``/api``, HTML pages with JSON twins.

``create_app(store_url, read_only)`` builds it from the routers of ``api`` and
``pages`` (which share ``common``, never this module). Each worker thread gets
its own store connection (``state.StorePool``). Errors never leak SQL:
validation problems are 422 with a message, store failures 400/500 with a short
message, and HTML requests get an HTML error page.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from dateline.config import Settings, load_settings
from dateline.errors import DatelineError, StoreError
from dateline.web import api, pages
from dateline.web.common import error_response
from dateline.web.middleware import HttpMiddleware
from dateline.web.security import HeadAsGet, LimitBody, SameOrigin
from dateline.web.state import WEB_DIR, WebState

log = logging.getLogger(__name__)


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


#: Defence in depth beside escaping: only this server's own scripts may run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self';"
    " frame-ancestors 'none'"
)


class SecurityHeaders(HttpMiddleware):
    """ASGI middleware: a Content-Security-Policy and ``nosniff`` on every response."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-security-policy", CSP.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
            problems.append({"parameter": where, "problem": err.get("msg", "invalid")})
        message = "; ".join(f"{p['parameter']}: {p['problem']}" for p in problems)
        return error_response(request, 422, f"invalid parameters — {message}", problems)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(StoreError)
    async def on_store(request: Request, exc: StoreError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return error_response(request, 400, "the database could not answer this query;"
                      " check the search words and filters")

    @app.exception_handler(DatelineError)
    async def on_dateline(request: Request, exc: DatelineError) -> Response:
        return error_response(request, 400, exc.message)


def create_app(
    store_url: str,
    read_only: bool = False,
    settings: Settings | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The web app over the store at ``store_url`` (SQLite path or PostgreSQL URL).

    ``allowed_hosts``: the Host names it answers (``web.security.allowed_hosts``; ``None``:
    any, for a test client). Writes from pages of another origin are refused either way.

    ``settings``: default, ``load_settings()`` (``./dateline.toml`` and ``DATELINE_*``).
    Raises ``DatelineError`` when they are bad, e.g. a ``PipelineError`` for stages that
    cannot run in the configured order, as ``extract`` and ``ingest`` do.
    """
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
            " paginated with `limit`/`offset` and return `{total, limit, offset, items}`;"
            " a filtered list is counted up to 10,000 matches (or the end of the page asked"
            " for), and `total_capped: true` says there are more."
            " Every HTML page has a JSON twin: the same URL with `.json`, or"
            " `Accept: application/json`; list pages a CSV twin with `.csv` or `?format=csv`."
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
    app.add_middleware(SameOrigin, hosts=allowed_hosts)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
