"""Links in pages: a page's URL with changed parameters, and only safe article links."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode


def page_url(path: str, query: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``query`` updated by ``changes`` (``None`` drops a key)."""
    q = {k: v for k, v in {**query, **changes}.items() if v not in (None, "")}
    return f"{path}?{urlencode(q)}" if q else path


def safe_href(url: str | None) -> str:
    """Only http(s) links from article data: never ``javascript:`` and the like."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return ""


def path_part(value: object) -> str:
    """An id or name as one URL path segment: every reserved character escaped, ``/``
    too, so ids that are URLs (``https://…/a?b#c``), or hold ``%`` or spaces, open
    their page (the routes take the rest of the path)."""
    return quote(str(value), safe="")
