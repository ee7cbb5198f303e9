"""JSON Lines (optionally gzip-compressed): one JSON object per line, one article each."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from dateline.ingest.decode import DecodeFailure, decode_bytes
from dateline.ingest.fields import article_problem
from dateline.ingest.files import byte_limit, iter_lines
from dateline.ingest.items import JsonFields, Quarantined
from dateline.ingest.text import DEFAULT_MAX_CHARS, check_text
from dateline.model import Article


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def parse_json_line(
    line: bytes, source: str, lineno: int, fields: JsonFields, max_chars: int, stem: str
) -> Article | Quarantined | None:
    """One line to an ``Article``; ``None`` for a blank line."""
    pos = f"line {lineno}"
    try:
        raw = decode_bytes(line)
    except DecodeFailure as e:
        return Quarantined(source, pos, str(e))
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as e:
        msg = getattr(e, "msg", str(e))
        return Quarantined(source, pos, f"broken JSON: {msg}")
    if not isinstance(obj, dict):
        return Quarantined(source, pos, f"JSON value is a {type(obj).__name__}, not an object")
    text = obj.get(fields.text)
    if not isinstance(text, str):
        return Quarantined(source, pos, f"no text: field '{fields.text}' missing or not a string")
    reason = check_text(text, source, pos, max_chars)
    if reason:
        return Quarantined(source, pos, reason)
    article = Article(
        id=_as_text(obj.get(fields.id)) or f"{stem}-{lineno}",
        text=text,
        title=_as_text(obj.get(fields.title)),
        source=_as_text(obj.get(fields.source)) or source,
        url=_as_text(obj.get(fields.url)),
        published=_as_text(obj.get(fields.published)),
        lang=_as_text(obj.get(fields.lang)),
        author=_as_text(obj.get(fields.author)),
    )
    problem = article_problem(article)
    return Quarantined(source, pos, problem) if problem else article


def jsonl_stem(path: str | Path) -> str:
    name = Path(path).name
    for ext in (".jsonl.gz", ".ndjson.gz", ".json.gz", ".jsonl", ".ndjson", ".json"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return Path(path).stem


def read_jsonl_stream(
    stream: BinaryIO,
    source: str,
    fields: JsonFields | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stem: str | None = None,
) -> Iterator[Article | Quarantined]:
    fields = fields or JsonFields()
    stem = stem or jsonl_stem(source)
    lineno = 0
    yielded = 0
    try:
        for lineno, line in iter_lines(stream, byte_limit(max_chars)):
            if line is None:
                yielded += 1
                yield Quarantined(
                    source,
                    f"line {lineno}",
                    f"oversize: line longer than {max_chars:,} characters (raise --max-chars)",
                )
                continue
            item = parse_json_line(line, source, lineno, fields, max_chars, stem)
            if item is not None:
                yielded += 1
                yield item
    except (OSError, EOFError, zlib.error) as e:
        yield Quarantined(
            source, f"line {lineno + 1}", f"unreadable stream: {type(e).__name__}: {e}"
        )
        return
    if not yielded:
        yield Quarantined(source, None, "empty: no JSON lines")


def read_jsonl(
    path: str | Path, fields: JsonFields | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Quarantined]:
    """Articles from a ``.jsonl`` / ``.jsonl.gz`` file, one per line, streaming.

    Broken lines are ``Quarantined`` with position ``"line N"``; blank lines are
    ignored. Missing ids become ``<file stem>-<line number>``. An article's
    ``source`` is its line's ``source`` field (the outlet; ``JsonFields.source``
    names the key), else the file path.
    """
    source = str(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        yield Quarantined(source, None, f"cannot read file: {e.strerror or e}")
        return
    with raw:
        is_gzip = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        if is_gzip:
            with gzip.GzipFile(fileobj=raw) as gz:
                yield from read_jsonl_stream(gz, source, fields, max_chars)  # type: ignore[arg-type]
        else:
            yield from read_jsonl_stream(raw, source, fields, max_chars)
