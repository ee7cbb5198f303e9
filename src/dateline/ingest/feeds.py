"""RSS / Atom files: each entry becomes one article (content, else summary)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.ingest.fields import valid_date
from dateline.ingest.files import byte_limit
from dateline.ingest.items import Quarantined
from dateline.ingest.text import DEFAULT_MAX_CHARS, check_text
from dateline.model import Article

_BLOCK_TAGS = re.compile(
    r"<\s*(?:/?(?:p|div|li|h[1-6]|blockquote|tr|section|article)\b[^>]*|br\s*/?)>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")
_LOOKS_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block tags become paragraph breaks."""
    if not _LOOKS_HTML.search(fragment):
        return fragment.strip()
    import html as htmlmod

    text = _BLOCK_TAGS.sub("\n\n", fragment)
    text = htmlmod.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    except (TypeError, ValueError):
        return None


def _entry_text(entry: Any) -> str:
    for c in entry.get("content") or []:
        value = c.get("value") if isinstance(c, dict) else None
        if value and value.strip():
            return html_fragment_to_text(value)
    return html_fragment_to_text(entry.get("summary") or entry.get("description") or "")


def parse_feed(
    data: bytes, source: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Quarantined]:
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as e:
        yield Quarantined(source, None, f"unparsable feed: {type(e).__name__}: {e}")
        return
    entries = feed.get("entries") or []
    if not entries:
        why = feed.get("bozo_exception")
        yield Quarantined(source, None, f"no feed entries found{f': {why}' if why else ''}")
        return
    stem = Path(source).stem
    for i, entry in enumerate(entries, 1):
        pos = f"entry {i}"
        try:
            text = _entry_text(entry)
            reason = check_text(text, source, pos, max_chars)
            if reason:
                yield Quarantined(source, pos, reason)
                continue
            # dict.get: plain keys, without feedparser's deprecated updated->published mapping
            parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
            published = _iso(parsed)
            raw_date = dict.get(entry, "published") or dict.get(entry, "updated")
            if not published and raw_date and valid_date(str(raw_date)):
                published = str(raw_date)  # a date feedparser left unparsed, when it is one
            yield Article(
                id=str(entry.get("id") or entry.get("link") or f"{stem}-{i}"),
                text=text,
                title=entry.get("title") or None,
                source=source,
                url=entry.get("link") or None,
                published=published,
                author=entry.get("author") or None,
            )
        except Exception as e:  # one bad entry must not lose the others
            yield Quarantined(source, pos, f"bad feed entry: {type(e).__name__}: {e}")


def read_feed(
    path: str | Path, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Quarantined]:
    """Articles from an RSS or Atom file, one per entry."""
    source = str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(byte_limit(max_chars) * 4 + 1)
    except OSError as e:
        yield Quarantined(source, None, f"cannot read file: {e.strerror or e}")
        return
    if len(data) > byte_limit(max_chars) * 4:
        yield Quarantined(source, None, f"oversize: feed file larger than {max_chars * 16:,} bytes")
        return
    yield from parse_feed(data, source, max_chars)
