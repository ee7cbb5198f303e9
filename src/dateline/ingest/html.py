"""HTML pages to articles: body text via trafilatura, date via htmldate.

The body is trafilatura's precision-favouring extraction without comments; when
that keeps almost nothing of what the default extraction finds, the default one
is used. Page furniture that survives is the ``clean`` stage's to remove and
report; the reader drops only a few whole lines itself (``ingest.boilerplate``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dateline.ingest.boilerplate import drop_boilerplate_lines
from dateline.ingest.items import Quarantined
from dateline.model import Article

#: Below this share of the default extraction's length, the precise one is taken as lost.
FALLBACK_SHARE = 0.15
_BLANKS = re.compile(r"\n{3,}")
_META_URL = re.compile(
    r"<(?:link|meta)\b[^>]*(?:rel=[\"']canonical[\"']|property=[\"']og:url[\"'])[^>]*>",
    re.IGNORECASE,
)
_HREF = re.compile(r"(?:href|content)=[\"']([^\"']+)[\"']", re.IGNORECASE)


def extract_body(html: str) -> str:
    """The article body of an HTML page as plain text ("" when none is found)."""
    import trafilatura

    precise = trafilatura.extract(html, favor_precision=True, include_comments=False) or ""
    default = trafilatura.extract(html, include_comments=False) or ""
    body = default if len(precise) < FALLBACK_SHARE * len(default) else precise
    body = drop_boilerplate_lines(body)
    return _BLANKS.sub("\n\n", body).strip()


def _canonical_url(html: str) -> str | None:
    head = html[:200_000]
    for tag in _META_URL.findall(head):
        m = _HREF.search(tag)
        if m and m.group(1).startswith(("http://", "https://")):
            return m.group(1)
    return None


def _metadata(html: str) -> dict[str, Any]:
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # a metadata failure must not lose the body
        meta = None
    out: dict[str, Any] = {}
    if meta is not None:
        out = {"title": meta.title, "author": meta.author, "url": meta.url, "date": meta.date}
    if not out.get("date"):
        try:
            from htmldate import find_date

            out["date"] = find_date(html, extensive_search=False)
        except Exception:
            out["date"] = None
    return out


def html_to_article(
    html: str, source: str, article_id: str, position: str | None = None, url: str | None = None
) -> Article | Quarantined:
    """An ``Article`` from one HTML page, or ``Quarantined`` when it has no body text."""
    try:
        body = extract_body(html)
    except Exception as e:  # lxml/trafilatura errors on malformed markup
        return Quarantined(source, position, f"unparsable HTML: {type(e).__name__}: {e}")
    if not body.strip():
        return Quarantined(source, position, "no article text found in HTML")
    meta = _metadata(html)
    return Article(
        id=article_id,
        text=body,
        title=meta.get("title") or None,
        source=source,
        url=_canonical_url(html) or meta.get("url") or url,
        published=meta.get("date") or None,
        author=meta.get("author") or None,
    )


def html_id(path: str | Path) -> str:
    name = Path(path).name
    for ext in (".html.gz", ".htm.gz", ".html", ".htm"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return Path(path).stem
