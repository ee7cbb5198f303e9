"""Flat rows of a record's events, quotes and actors (shared by the CSV and Parquet writers)."""

from __future__ import annotations

import json
from typing import Any

from dateline.model import EventActor, Record

EVENT_COLUMNS: tuple[str, ...] = (
    "record_id", "event_index", "cameo", "plover", "mode", "negated", "modality",
    "source_name", "source_code", "source_country", "source_actor_id",
    "target_name", "target_code", "target_country", "target_actor_id",
    "trigger_text", "trigger_start", "trigger_end",
    "sentence_text", "sentence_start", "sentence_end",
    "location", "date", "confidence", "url", "outlet", "published",
)
QUOTE_COLUMNS: tuple[str, ...] = (
    "record_id", "quote_index", "kind", "text", "start", "end",
    "speaker", "speaker_id", "speaker_code", "speaker_type",
    "speaker_mention_text", "speaker_mention_start", "speaker_mention_end",
    "cue_text", "cue_start", "cue_end", "url",
)
ACTOR_COLUMNS: tuple[str, ...] = (
    "record_id", "actor_id", "name", "kind", "code", "country", "role",
    "mention_count", "mentions",
)

#: Column types, for writers that need a schema (Parquet).
INT_COLUMNS = frozenset(
    {
        "event_index", "trigger_start", "trigger_end", "sentence_start", "sentence_end",
        "quote_index", "start", "end", "speaker_mention_start", "speaker_mention_end",
        "cue_start", "cue_end", "mention_count",
    }
)
BOOL_COLUMNS = frozenset({"negated"})
FLOAT_COLUMNS = frozenset({"confidence"})


def _side(prefix: str, a: EventActor | None) -> dict[str, Any]:
    return {
        f"{prefix}_name": a.name if a else None,
        f"{prefix}_code": a.code if a else None,
        f"{prefix}_country": a.country if a else None,
        f"{prefix}_actor_id": a.actor_id if a else None,
    }


def event_rows(record: Record) -> list[dict[str, Any]]:
    rows = []
    for n, e in enumerate(record.events):
        rows.append(
            {
                "record_id": record.id,
                "event_index": n,
                "cameo": e.cameo,
                "plover": e.plover,
                "mode": e.mode,
                "negated": e.negated,
                "modality": e.modality,
                **_side("source", e.source),
                **_side("target", e.target),
                "trigger_text": e.trigger.text,
                "trigger_start": e.trigger.start,
                "trigger_end": e.trigger.end,
                "sentence_text": e.sentence.text,
                "sentence_start": e.sentence.start,
                "sentence_end": e.sentence.end,
                "location": e.location,
                "date": e.date,
                "confidence": e.confidence,
                "url": record.url,
                "outlet": record.source,
                "published": record.published,
            }
        )
    return rows


def quote_rows(record: Record) -> list[dict[str, Any]]:
    rows = []
    for n, q in enumerate(record.quotes):
        sm, cue = q.speaker_mention, q.cue
        rows.append(
            {
                "record_id": record.id,
                "quote_index": n,
                "kind": q.kind,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker,
                "speaker_id": q.speaker_id,
                "speaker_code": q.speaker_code,
                "speaker_type": q.speaker_type,
                "speaker_mention_text": sm.text if sm else None,
                "speaker_mention_start": sm.start if sm else None,
                "speaker_mention_end": sm.end if sm else None,
                "cue_text": cue.text if cue else None,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "url": record.url,
            }
        )
    return rows


def actor_rows(record: Record) -> list[dict[str, Any]]:
    return [
        {
            "record_id": record.id,
            "actor_id": a.id,
            "name": a.name,
            "kind": a.kind,
            "code": a.code,
            "country": a.country,
            "role": a.role,
            "mention_count": len(a.mentions),
            "mentions": json.dumps(
                [{"text": m.text, "start": m.start, "end": m.end} for m in a.mentions],
                ensure_ascii=False,
            ),
        }
        for a in record.actors
    ]


TABLES: dict[str, tuple[tuple[str, ...], Any]] = {
    "events": (EVENT_COLUMNS, event_rows),
    "quotes": (QUOTE_COLUMNS, quote_rows),
    "actors": (ACTOR_COLUMNS, actor_rows),
}
