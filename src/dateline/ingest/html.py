"""HTML pages to articles: body text via trafilatura, date via htmldate.

The body is trafilatura's precision-favouring extraction without comments; when
that keeps almost nothing of what the default extraction finds, the default one
is used. Page furniture that survives is the ``clean`` stage's to remove and
report; the reader drops only a few whole lines itself (``ingest.boilerplate``).

Every page is bounded in size and time before and while it is parsed: a page of more
than ``MAX_HTML_CHARS`` characters of markup is refused unparsed (parsing costs grow
faster than the page: a 2 MB page of nested markup takes 20 s and 170 MB), extraction
that takes over ``HTML_SECONDS`` is stopped (in the main thread), and a body longer
than ``--max-chars`` is refused. Each refusal is a ``Quarantined`` item with its reason.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dateline.ingest.boilerplate import drop_boilerplate_lines
from dateline.ingest.items import Quarantined
from dateline.ingest.text import DEFAULT_MAX_CHARS, check_text
from dateline.model import Article

#: Pages with more markup than this (characters, or bytes before decoding) are not parsed.
MAX_HTML_CHARS = 2_000_000
#: Seconds one page's extraction may take (enforced in the main thread).
HTML_SECONDS = 60.0

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


class ExtractionTimeout(Exception):
    """A page's extraction ran past ``HTML_SECONDS``."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``ExtractionTimeout`` in the block after ``seconds`` (main thread, no timer set)."""
    usable = (
        threading.current_thread() is threading.main_thread()
        and hasattr(signal, "setitimer")
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def oversize_html(unit: str = "characters") -> str:
    return (
        f"oversize: HTML page of more than {MAX_HTML_CHARS:,} {unit} "
        "(pages this large are refused before parsing)"
    )


def html_to_article(
    html: str,
    source: str,
    article_id: str,
    position: str | None = None,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article | Quarantined:
    """An ``Article`` from one HTML page, or ``Quarantined`` when it has no body text, is too
    large to parse, takes too long, or its body is longer than ``max_chars``."""
    if len(html) > MAX_HTML_CHARS:
        return Quarantined(source, position, oversize_html())
    try:
        with time_limit(HTML_SECONDS):
            body = extract_body(html)
            meta = _metadata(html) if body.strip() else {}
    except ExtractionTimeout:
        return Quarantined(
            source, position, f"too slow: HTML extraction took over {HTML_SECONDS:g} s"
        )
    except Exception as e:  # lxml/trafilatura errors on malformed markup
        return Quarantined(source, position, f"unparsable HTML: {type(e).__name__}: {e}")
    if not body.strip():
        return Quarantined(source, position, "no article text found in HTML")
    reason = check_text(body, source, position, max_chars)
    if reason:
        return Quarantined(source, position, reason)
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
