"""Readers: text, JSON lines, HTML, WARC, RSS/Atom -> ``Article`` (streaming, never raising)."""

from dateline.ingest.html import extract_body, html_to_article
from dateline.ingest.items import JsonFields, Quarantined, ReadItem, ReadOptions, Skipped
from dateline.ingest.jsonl import read_jsonl
from dateline.ingest.sources import check_sources, expand_sources, read_sources
from dateline.ingest.text import read_text_file

__all__ = [
    "JsonFields",
    "Quarantined",
    "ReadItem",
    "ReadOptions",
    "Skipped",
    "check_sources",
    "expand_sources",
    "extract_body",
    "html_to_article",
    "read_jsonl",
    "read_sources",
    "read_text_file",
]
