"""Request hygiene before any route runs: body size, Host and Origin, HEAD.

- ``LimitBody``: a body over ``MAX_BODY_BYTES`` is a 413, whether it declares its
  length or comes chunked: the limit is enforced while the stream is read, so a
  large upload is never held in memory.
- ``SameOrigin``: a Host header the server does not answer to is a 400 (DNS
  rebinding), and a write (POST, PUT, PATCH, DELETE) sent by a page of another
  origin is a 403 (cross-site request forgery). Browsers name the page that sends a
  request in ``Origin`` (else ``Referer``) and say in ``Sec-Fetch-Site`` whether it is
  this site's own; a request naming none (curl, scripts) is not a browser's
  cross-site request and is let through.
- ``HeadAsGet``: ``HEAD`` is answered as ``GET`` without the body.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline.web.middleware import HttpMiddleware

#: Request bodies larger than this are refused (before or while they are read).
MAX_BODY_BYTES = 2_000_000
#: Names a server answers to besides the address it binds (``dateline serve --allow-host``).
ALLOWED_HOSTS_ENV = "DATELINE_ALLOWED_HOSTS"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _too_large() -> str:
    return f"the request is larger than {MAX_BODY_BYTES:,} bytes; paste or upload a single article"


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, _too_large())


class LimitBody(HttpMiddleware):
    """ASGI middleware: a 413 with a message for bodies over ``MAX_BODY_BYTES``."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
            await JSONResponse({"message": _too_large()}, status_code=413)(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > MAX_BODY_BYTES:  # stop reading: the route gets a 413
                    raise BodyTooLarge()
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:  # read outside a route's error handling
            if started:
                raise
            await JSONResponse({"message": _too_large()}, status_code=413)(scope, receive, send)


def _host_name(netloc: str) -> str:
    """``host`` of ``host:port`` / ``[v6]:port``, lower-cased."""
    netloc = netloc.strip().lower()
    if netloc.startswith("["):
        return netloc[1 : netloc.find("]")] if "]" in netloc else netloc
    return netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> list[str]:
    """The Host names a server bound to ``bind`` answers to: the loopback names, ``bind``
    itself (unless it is a wildcard address), ``extra`` and ``$DATELINE_ALLOWED_HOSTS``."""
    names = list(LOOPBACK_NAMES)
    if bind and bind not in ("0.0.0.0", "::", ""):
        names.append(bind)
    names += [h for h in extra if h]
    names += [h.strip() for h in os.environ.get(ALLOWED_HOSTS_ENV, "").split(",") if h.strip()]
    return sorted({_host_name(h) if not h.startswith("*") else h.lower() for h in names})


def _host_ok(host: str, allowed: list[str]) -> bool:
    name = _host_name(host)
    return any(a == "*" or a == name or (a.startswith("*.") and name.endswith(a[1:]))
               for a in allowed)


class SameOrigin(HttpMiddleware):
    """ASGI middleware: unknown Host headers get a 400, cross-origin writes a 403.

    ``hosts``: the Host names to answer (``allowed_hosts``); ``None`` answers any
    (for an app that is not served on a network, e.g. under a test client).
    """

    def __init__(self, app: ASGIApp, hosts: list[str] | None = None) -> None:
        super().__init__(app)
        self.hosts = hosts

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers") or []}
        host = headers.get("host", "")
        if self.hosts is not None and not _host_ok(host, self.hosts):
            message = (f"this server does not answer to the host {host!r}; start it with"
                       f" --allow-host {_host_name(host) or 'NAME'} to allow it")
            await JSONResponse({"message": message}, status_code=400)(scope, receive, send)
            return
        if scope.get("method", "GET").upper() in UNSAFE_METHODS:
            why = self._cross_origin(headers, host)
            if why:
                message = f"refused: a write sent from another site ({why})"
                await JSONResponse({"message": message}, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _cross_origin(headers: dict[str, str], host: str) -> str | None:
        """Why the request comes from another origin, or ``None``."""
        site = headers.get("sec-fetch-site", "")
        if site in ("cross-site", "same-site"):  # same-site: another port or subdomain
            return f"Sec-Fetch-Site: {site}"
        origin = headers.get("origin")
        if origin == "null":
            # what a browser sends for this site's own forms too, under the pages'
            # Referrer-Policy: no-referrer; Sec-Fetch-Site tells them apart
            return None if site in ("same-origin", "none") else "Origin: null"
        if origin is not None:
            if urlsplit(origin).netloc.lower() != host.lower():
                return f"Origin: {origin}"
            return None
        referer = headers.get("referer")
        if referer and urlsplit(referer).netloc.lower() != host.lower():
            return f"Referer from {urlsplit(referer).netloc}"
        return None


class HeadAsGet:
    """ASGI middleware: ``HEAD`` is routed as ``GET`` and its body is not sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Any) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


__all__ = [
    "ALLOWED_HOSTS_ENV",
    "MAX_BODY_BYTES",
    "HeadAsGet",
    "LimitBody",
    "SameOrigin",
    "allowed_hosts",
    "is_loopback",
]
