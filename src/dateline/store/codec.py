"""Records to table rows: content hashing and the per-table row tuples."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, fields, is_dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from dateline.model import Record


def content_hash(text: str) -> str:
    """Hash of an article's text with whitespace runs collapsed (same story, same hash)."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8", errors="surrogatepass")).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@lru_cache(maxsize=64)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _encode(obj: Any) -> dict[str, Any]:
    # Same keys and order as dataclasses.asdict, without its deep copies (3x faster).
    if is_dataclass(obj) and not isinstance(obj, type):
        return {name: getattr(obj, name) for name in _field_names(type(obj))}
    raise TypeError(f"cannot store a {type(obj).__name__} in a record")


def record_json(record: Record) -> str:
    """The record as compact JSON; ``Record.from_json`` gives it back unchanged."""
    return json.dumps(record, default=_encode, ensure_ascii=False, separators=(",", ":"))


def dateline_json(record: Record) -> str | None:
    if record.dateline is None:
        return None
    return json.dumps(asdict(record.dateline), ensure_ascii=False)


def removed_rows(pk: int, record: Record) -> list[tuple[Any, ...]]:
    return [(pk, i, r.kind, r.text, r.start, r.end) for i, r in enumerate(record.removed)]


def actor_rows(pk: int, record: Record) -> list[tuple[Any, ...]]:
    return [
        (pk, i, a.id, a.name, a.kind, a.code, a.country, a.role)
        for i, a in enumerate(record.actors)
    ]


def mention_rows(pk: int, record: Record) -> list[tuple[Any, ...]]:
    return [
        (pk, i, j, m.text, m.start, m.end)
        for i, a in enumerate(record.actors)
        for j, m in enumerate(a.mentions)
    ]


def quote_rows(pk: int, record: Record) -> list[tuple[Any, ...]]:
    return [
        (
            pk,
            i,
            q.kind,
            q.text,
            q.start,
            q.end,
            q.speaker,
            q.speaker_id,
            q.speaker_code,
            q.cue.text if q.cue else None,
            record.published,
            record.source,
        )
        for i, q in enumerate(record.quotes)
    ]


def event_rows(pk: int, record: Record) -> list[tuple[Any, ...]]:
    rows = []
    for i, e in enumerate(record.events):
        t = e.target
        rows.append(
            (
                pk,
                i,
                e.cameo,
                e.plover,
                e.mode,
                int(e.negated),
                e.source.name,
                e.source.code,
                e.source.country,
                t.name if t else None,
                t.code if t else None,
                t.country if t else None,
                e.trigger.text,
                e.sentence.text,
                e.location,
                e.date,
                float(e.confidence),
                e.date or record.published,
                record.source,
            )
        )
    return rows
