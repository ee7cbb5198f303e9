"""The readers by kind, and the file-name endings each one takes.

A reader turns one open binary stream (and, when it has a better way, one file
path) into ``Article`` and ``Quarantined`` items. ``register_reader`` adds one
under a kind name with its endings; ``reader(kind)`` finds one, and
``kind_of(path)`` picks the kind from a file name (longest ending wins). An
unknown kind is a ``ConfigError`` that lists the registered ones.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dateline.errors import ConfigError
from dateline.ingest.decode import DecodeFailure, decode_bytes
from dateline.ingest.feeds import parse_feed, read_feed
from dateline.ingest.files import byte_limit, read_bounded
from dateline.ingest.html import MAX_HTML_CHARS, html_id, html_to_article, oversize_html
from dateline.ingest.items import Quarantined, ReadOptions
from dateline.ingest.jsonl import read_jsonl, read_jsonl_stream
from dateline.ingest.text import bytes_to_article, read_text_file
from dateline.ingest.warc import read_warc, read_warc_stream
from dateline.model import Article

#: The name standard input goes by.
STDIN = "-"

Items = Iterator[Article | Quarantined]
StreamReader = Callable[[BinaryIO, str, ReadOptions], Items]
FileReader = Callable[[str, ReadOptions], Items]


@dataclass(frozen=True, slots=True)
class Reader:
    """One kind of input: its endings, how to read a stream, and a file (optional)."""

    kind: str
    extensions: tuple[str, ...]
    stream: StreamReader
    file: FileReader | None = None

    def read_file(self, path: str, options: ReadOptions) -> Items:
        """The items of the file at ``path``; an unreadable file is ``Quarantined``."""
        if self.file is not None:
            yield from self.file(path, options)
            return
        try:
            with open(path, "rb") as f:
                yield from self.stream(f, path, options)
        except OSError as e:
            yield Quarantined(path, None, f"cannot read file: {e.strerror or e}")


READERS: dict[str, Reader] = {}


def register_reader(
    kind: str, extensions: tuple[str, ...], file: FileReader | None = None
) -> Callable[[StreamReader], StreamReader]:
    """Decorator: register a stream reader as ``kind`` for files with these endings."""

    def add(stream: StreamReader) -> StreamReader:
        READERS[kind] = Reader(kind, extensions, stream, file)
        return stream

    return add


def reader(kind: str) -> Reader:
    """The reader registered as ``kind``; ``ConfigError`` naming the registered ones."""
    found = READERS.get(kind)
    if found is None:
        raise ConfigError(f"no reader for {kind!r}; the readers are {', '.join(READERS)}")
    return found


def extensions() -> dict[str, str]:
    """Reader kind for each registered file-name ending."""
    return {ext: r.kind for r in READERS.values() for ext in r.extensions}


def kind_of(path: str | Path) -> str | None:
    """The reader kind for a file name, or ``None`` when the ending is unknown."""
    name = str(path).lower()
    best: tuple[str, str] | None = None
    for ext, kind in extensions().items():
        if name.endswith(ext) and (best is None or len(ext) > len(best[0])):
            best = (ext, kind)
    return best[1] if best else None


def _article_id(source: str) -> str:
    return "stdin" if source == STDIN else html_id(source)


@register_reader("text", (".txt", ".text"), lambda p, o: iter([read_text_file(p, o.max_chars)]))
def read_text(stream: BinaryIO, source: str, options: ReadOptions) -> Items:
    """The whole stream as one article."""
    data, more = read_bounded(stream, byte_limit(options.max_chars))
    yield bytes_to_article(data, source, _article_id(source), options.max_chars, truncated=more)


@register_reader("html", (".html", ".htm", ".xhtml", ".html.gz"))
def read_html(stream: BinaryIO, source: str, options: ReadOptions) -> Items:
    """One HTML page (gzipped or not) as one article: its body text.

    At most ``MAX_HTML_CHARS`` bytes are read (and decompressed): a larger page is
    refused before parsing, and a body longer than ``max_chars`` after it."""
    data, more = read_bounded(stream, MAX_HTML_CHARS)
    if more:
        yield Quarantined(source, None, oversize_html("bytes"))
        return
    if data[:2] == b"\x1f\x8b":
        try:
            data, more = read_bounded(gzip.GzipFile(fileobj=io.BytesIO(data)), MAX_HTML_CHARS)
        except (OSError, EOFError, zlib.error) as e:
            yield Quarantined(source, None, f"broken gzip: {e}")
            return
        if more:
            yield Quarantined(
                source, None, oversize_html("bytes once decompressed")
            )
            return
    try:
        html = decode_bytes(data)
    except DecodeFailure as e:
        yield Quarantined(source, None, str(e))
        return
    yield html_to_article(html, source, _article_id(source), max_chars=options.max_chars)


@register_reader(
    "jsonl",
    (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"),
    lambda p, o: read_jsonl(p, o.fields, o.max_chars),
)
def read_jsonl_items(stream: BinaryIO, source: str, options: ReadOptions) -> Items:
    """One article per JSON line (the stream gzipped or not)."""
    peek = getattr(stream, "peek", None)
    if peek is not None and peek(2)[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=stream) as gz:
            yield from read_jsonl_stream(gz, source, options.fields, options.max_chars)  # type: ignore[arg-type]
    else:
        yield from read_jsonl_stream(stream, source, options.fields, options.max_chars)


@register_reader(
    "warc",
    (".warc", ".warc.gz", ".arc", ".arc.gz"),
    lambda p, o: read_warc(p, o.max_chars),
)
def read_warc_items(stream: BinaryIO, source: str, options: ReadOptions) -> Items:
    """One article per HTML response record."""
    yield from read_warc_stream(stream, source, options.max_chars)


@register_reader("feed", (".rss", ".atom", ".xml"), lambda p, o: read_feed(p, o.max_chars))
def read_feed_items(stream: BinaryIO, source: str, options: ReadOptions) -> Items:
    """One article per RSS or Atom entry."""
    data, more = read_bounded(stream, byte_limit(options.max_chars))
    if more:
        yield Quarantined(source, None, "oversize: feed larger than the limit")
    else:
        yield from parse_feed(data, source, options.max_chars)


__all__ = [
    "READERS",
    "STDIN",
    "Reader",
    "extensions",
    "kind_of",
    "reader",
    "register_reader",
]
