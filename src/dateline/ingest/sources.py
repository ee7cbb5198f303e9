"""Every input the user names, as one stream of articles, skips and quarantines.

``read_sources`` takes files, directories (recursive, by extension), glob
patterns and ``-`` (standard input), picks the reader (``ingest.readers``) by
extension or by sniffing the first bytes, detects the language, and never
raises for bad input: what cannot be read is yielded as ``Quarantined``.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from dateline.errors import InputError
from dateline.ingest.fields import article_problem
from dateline.ingest.items import Quarantined, ReadItem, ReadOptions, Skipped
from dateline.ingest.lang import detect_language
from dateline.ingest.readers import STDIN, kind_of, reader
from dateline.model import Article

_GLOB_CHARS = set("*?[")


def sniff(head: bytes) -> str:
    """The reader kind from a file's first bytes."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(512)
        except (OSError, EOFError):
            return "text"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "html"
    if start.startswith(b"<?xml"):
        return "feed" if b"<rss" in head.lower() or b"<feed" in head.lower() else "html"
    return "text"


def _walk(root: Path) -> Iterator[tuple[str, str]]:
    """(path, kind) of the files with a known ending under ``root``, and (dir, "unreadable")
    for each folder that cannot be listed; hidden entries are passed over. Listed whole
    before anything is read, so a file deleted later is reported, not silently missed."""
    found: list[tuple[Path, str]] = []

    def unreadable(e: OSError) -> None:
        found.append((Path(e.filename or root), "unreadable"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            f = Path(folder) / name
            if name.startswith(".") or not f.is_file():
                continue
            kind = kind_of(f)
            if kind:
                found.append((f, kind))
    for f, kind in sorted(found):
        yield str(f), kind


def expand_sources(paths: Iterable[str], strict: bool = False) -> Iterator[tuple[str, str]]:
    """(path, kind) for each file to read, in a stable order; ``-`` is standard input.

    Directories are walked recursively (hidden entries skipped) and keep only
    files with a known ending; glob patterns expand (``**`` recursive). With
    ``strict``, a path that names nothing raises ``InputError``; otherwise it is
    yielded with kind ``"missing"``. A path that cannot be looked at (a folder on
    the way denies it) and a folder that cannot be listed have kind ``"unreadable"``.
    """
    for p in paths:
        if p == STDIN:
            yield STDIN, "stdin"
            continue
        path = Path(p)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError:
            yield p, "unreadable"
            continue
        if is_dir:
            yield from _walk(path)
        elif is_file:
            yield str(path), kind_of(path) or "sniff"
        elif _GLOB_CHARS & set(p):
            matches = sorted(glob.glob(p, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files and strict:
                raise InputError(p, "the pattern matches no file")
            for m in files:
                yield m, kind_of(m) or "sniff"
        else:
            if strict:
                raise InputError(p, "no such file or directory")
            yield p, "missing"


def check_sources(paths: Iterable[str]) -> None:
    """Raise ``InputError`` (a usage error) when a named source does not exist."""
    for _ in expand_sources(paths, strict=True):
        pass


def read_stream(
    stream: BinaryIO, source: str, kind: str, options: ReadOptions
) -> Iterator[Article | Quarantined]:
    """Items of one open stream of a registered ``kind`` (text, html, jsonl, warc, feed)."""
    yield from reader(kind).stream(stream, source, options)


def _why_unreadable(path: str) -> str:
    try:
        if Path(path).is_dir():
            os.listdir(path)
        else:
            os.stat(path)
    except OSError as e:
        return e.strerror or str(e)
    return "not readable when listed"


def _read_file(path: str, kind: str, options: ReadOptions) -> Iterator[Article | Quarantined]:
    if kind == "missing":
        yield Quarantined(path, None, "no such file or directory")
        return
    if kind == "unreadable":
        yield Quarantined(path, None, f"cannot read: {_why_unreadable(path)}")
        return
    if kind != "sniff":
        yield from reader(kind).read_file(path, options)
        return
    try:  # decide from the first bytes
        with open(path, "rb") as f:
            found = reader(sniff(f.read(4096)))
            if found.file is None:
                f.seek(0)
                yield from found.stream(f, path, options)
                return
    except OSError as e:
        yield Quarantined(path, None, f"cannot read file: {e.strerror or e}")
        return
    yield from found.read_file(path, options)


def read_stdin(
    options: ReadOptions, stream: BinaryIO | None = None
) -> Iterator[Article | Quarantined]:
    """Standard input: JSON lines, a WARC, a feed, one HTML page or one text (sniffed)."""
    raw = stream or sys.stdin.buffer
    buffered = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type,type-var]
    kind = sniff(buffered.peek(4096)[:4096])  # type: ignore[attr-defined]
    yield from read_stream(buffered, STDIN, kind, options)  # type: ignore[arg-type]


def language_check(article: Article, options: ReadOptions, position: str | None) -> ReadItem:
    """The article with ``lang`` set, or ``Skipped`` when its language is not wanted."""
    if not options.languages:
        return article
    if article.lang:
        lang = article.lang.lower().split("-")[0]
    elif len(article.text.strip()) < options.min_chars_for_lang:
        return article
    else:
        lang, prob = detect_language(article.text)
        if prob < 0.5:
            return article
    article.lang = lang
    if lang not in options.languages:
        return Skipped(
            article.source or "",
            position,
            f"language '{lang}' is not one of {', '.join(options.languages)}",
            article.id,
            lang,
        )
    return article


def read_sources(
    paths: Iterable[str],
    options: ReadOptions | None = None,
    on_file: Callable[[str], None] | None = None,
    files: Iterable[tuple[str, str]] | None = None,
) -> Iterator[ReadItem]:
    """Every article of every source, as ``Article``, ``Skipped`` or ``Quarantined``.

    Never raises for bad input. ``on_file`` is called with each file's path
    before it is read (for progress display). ``files``: what ``expand_sources(paths)``
    gave already (so the files counted are the files read).
    """
    options = options or ReadOptions()
    for path, kind in files if files is not None else expand_sources(paths):
        if on_file is not None:
            on_file(path)
        items = read_stdin(options) if kind == "stdin" else _read_file(path, kind, options)
        n = 0
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except Exception as e:  # a reader bug must not stop the run
                yield Quarantined(path, f"item {n + 1}", f"reader failed: {type(e).__name__}: {e}")
                break
            n += 1
            if isinstance(item, Article) and (problem := article_problem(item)):
                yield Quarantined(path, f"item {n}", problem)
            elif isinstance(item, Article):
                try:
                    checked = language_check(item, options, f"item {n}")
                    if isinstance(checked, Skipped) and checked.source != path:
                        # a JSON line's outlet is its source; the skip belongs to the file
                        checked = replace(checked, source=path)
                    yield checked
                except Exception as e:
                    yield Quarantined(path, f"item {n}", f"language detection failed: {e}")
            else:
                yield item


__all__ = [
    "STDIN",
    "check_sources",
    "expand_sources",
    "kind_of",
    "read_sources",
    "read_stdin",
    "read_stream",
    "sniff",
]
