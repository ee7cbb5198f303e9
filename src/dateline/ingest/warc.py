"""WARC / WARC.gz crawls: each HTML response record becomes one article (via the HTML reader)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from dateline.ingest.decode import DecodeFailure, decode_bytes
from dateline.ingest.files import read_bounded
from dateline.ingest.html import MAX_HTML_CHARS, html_to_article, oversize_html
from dateline.ingest.items import Quarantined
from dateline.ingest.text import DEFAULT_MAX_CHARS
from dateline.model import Article

_CHARSET = re.compile(r"charset=([\w.-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _record_id(record: Any, source: str, offset: int) -> str:
    rid = record.rec_headers.get_header("WARC-Record-ID") or ""
    rid = rid.strip("<>").removeprefix("urn:uuid:")
    return rid or f"{Path(source).name}@{offset}"


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _missing(record: Any) -> int:
    """Bytes of ``record`` that its Content-Length promises but the file does not hold."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _truncated(missing: int) -> str:
    return f"truncated WARC record: the file ends {missing:,} bytes before the record does"


def read_warc_stream(
    stream: BinaryIO, source: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Quarantined]:
    from warcio.archiveiterator import ArchiveIterator

    limit = MAX_HTML_CHARS  # a payload is one HTML page: bounded before parsing
    it = ArchiveIterator(stream, arc2warc=True)
    offset = 0
    seen = 0
    yielded = 0
    try:
        for record in it:
            seen += 1
            if record.rec_type not in ("response", "resource"):
                offset = it.get_record_offset()  # reads the record to its end
                if _missing(record):
                    yielded += 1
                    yield Quarantined(source, f"offset {offset}", _truncated(_missing(record)))
                continue
            ctype = _content_type(record)
            wanted = ctype.lower().startswith(_HTML_TYPES)
            if wanted and record.http_headers is not None:
                status = record.http_headers.get_statuscode() or ""
                wanted = not status or status.startswith("2")
            if not wanted:
                offset = it.get_record_offset()
                if _missing(record):
                    yielded += 1
                    yield Quarantined(source, f"offset {offset}", _truncated(_missing(record)))
                continue
            # Read the payload before asking for the offset (that reads to the record's end).
            data, more = read_bounded(record.content_stream(), limit)
            offset = it.get_record_offset()
            pos = f"offset {offset}"
            if _missing(record):  # cut short: its text would be only part of the page
                yielded += 1
                yield Quarantined(source, pos, _truncated(_missing(record)))
                continue
            if more:
                yielded += 1
                yield Quarantined(source, pos, oversize_html("bytes"))
                continue
            m = _CHARSET.search(ctype)
            try:
                html = decode_bytes(data, m.group(1) if m else None)
            except DecodeFailure as e:
                yielded += 1
                yield Quarantined(source, pos, str(e))
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            yielded += 1
            yield html_to_article(
                html, source, _record_id(record, source, offset), pos, url=url,
                max_chars=max_chars,
            )
    except Exception as e:  # warcio raises several types on damaged archives
        where = f"record {seen} (after offset {offset})" if seen > 1 else "record 1"
        yield Quarantined(source, where, f"broken WARC record: {type(e).__name__}: {e}")
        return
    # warcio ends quietly when the file stops inside a record's headers: bytes after the
    # last whole record are a record cut short
    rest = it.fh.tell() - it.offset if seen else 0
    if rest > 0:
        yielded += 1
        yield Quarantined(
            source,
            f"offset {it.offset}",
            f"truncated WARC record: {rest:,} bytes after the last whole record are not one",
        )
    if seen == 0:
        yield Quarantined(source, "record 1", "broken WARC: no WARC record found")
    elif not yielded:
        yield Quarantined(source, None, f"no readable HTML response among {seen} WARC record(s)")


def read_warc(
    path: str | Path, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Quarantined]:
    """Articles from the HTML response records of a WARC (plain or gzipped), streaming."""
    source = str(path)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        yield Quarantined(source, None, f"cannot read file: {e.strerror or e}")
        return
    with f:
        yield from read_warc_stream(f, source, max_chars)
