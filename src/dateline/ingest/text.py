"""Plain-text files: one file, one article."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from dateline.ingest.decode import DecodeFailure, decode_bytes
from dateline.ingest.files import byte_limit, read_bounded
from dateline.ingest.items import Quarantined
from dateline.model import Article

DEFAULT_MAX_CHARS = 1_000_000


def text_id(path: str | Path) -> str:
    return Path(path).stem or Path(path).name


def check_text(text: str, source: str, position: str | None, max_chars: int) -> str | None:
    """The reason to refuse ``text`` (empty or oversize), or ``None`` when it is fine."""
    if not text.strip():
        return "empty text"
    if len(text) > max_chars:
        return f"oversize: {len(text):,} characters > limit {max_chars:,} (raise --max-chars)"
    return None


def bytes_to_article(
    data: bytes, source: str, article_id: str, max_chars: int, truncated: bool = False
) -> Article | Quarantined:
    if truncated:
        return Quarantined(
            source, None, f"oversize: more than {max_chars:,} characters (raise --max-chars)"
        )
    try:
        text = decode_bytes(data)
    except DecodeFailure as e:
        return Quarantined(source, None, str(e))
    reason = check_text(text, source, None, max_chars)
    if reason:
        return Quarantined(source, None, reason)
    return Article(id=article_id, text=text, source=source)


def read_text_stream(
    stream: BinaryIO, source: str, article_id: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Article | Quarantined:
    data, more = read_bounded(stream, byte_limit(max_chars))
    return bytes_to_article(data, source, article_id, max_chars, truncated=more)


def read_text_file(
    path: str | Path, max_chars: int = DEFAULT_MAX_CHARS
) -> Article | Quarantined:
    """One ``Article`` (id: the file name without extension) or ``Quarantined``.

    The text is the file's decoded content exactly (offsets refer to it).
    """
    source = str(path)
    try:
        with open(path, "rb") as f:
            return read_text_stream(f, source, text_id(path), max_chars)
    except OSError as e:
        return Quarantined(source, None, f"cannot read file: {e.strerror or e}")
