"""PLOVER JSON Lines: one event per line with the PLOVER specification's field names.

Fields used (PLOVER "JSON Data Fields"): ``id``, ``date``, ``source`` and
``recipient`` (lists of actor objects with ``code``, ``sector``,
``actor_text``, ``identifier_id``, ``identifier_text``), ``event`` (a list of
categories), ``mode``, ``event_loc`` (a location object with ``cc3``),
``event_text``, ``quad_code``, ``event_scale``, ``text_info`` (``start``/``end``
of the sentence), ``cite_info`` (``url``, ``title``, ``publication``), ``coder``,
``coded_date``. Negated events did not happen and are not written; modality
is kept in an added ``modality`` field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

from dateline.codes import nearest_cameo
from dateline.events.factuality import is_exported
from dateline.export.gdelt import NO_COUNTRY, event_id
from dateline.model import Event, EventActor, Record

#: PLOVER quad categories (1 verbal cooperation … 4 material conflict), by event type.
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
CODER = "dateline"


def _actor(a: EventActor | None) -> list[dict[str, Any]]:
    if a is None or not a.code:
        return []
    country = a.country or ""
    code = a.code
    obj: dict[str, Any] = {}
    if code.startswith(NO_COUNTRY):  # a role with no known country: sector only
        sector = code[len(NO_COUNTRY) :]
        if country:
            obj["code"] = country
    else:
        sector = code[len(country) :] if country and code.startswith(country) else ""
        obj["code"] = country or code[:3]
    if sector:
        obj["sector"] = sector
    if a.name:
        obj["actor_text"] = a.name
    if a.actor_id:
        obj["identifier_id"] = a.actor_id
    if a.name:
        obj["identifier_text"] = a.name
    return [obj]


def plover_record(record: Record, index: int, event: Event, coded_date: str) -> dict[str, Any]:
    """One event as a PLOVER JSON object."""
    entry = nearest_cameo(event.cameo)  # Goldstein through the parent codes
    out: dict[str, Any] = {
        "id": f"{record.id}-{index:03d}",
        "date": event.date or ((record.published or "")[:10] or None),
        "source": _actor(event.source),
        "recipient": _actor(event.target),
        "event": [event.plover] if event.plover else [],
        "mode": [event.mode] if event.mode else [],
        "event_text": [event.trigger.text],
        "quad_code": PLOVER_QUAD.get(event.plover or ""),
        "event_scale": entry.goldstein if entry is not None else None,
        "text": event.sentence.text,
        "text_info": {"start": event.sentence.start, "end": event.sentence.end},
        "cite_info": {
            "url": record.url,
            "title": record.title,
            "publication": record.source,
            "language": record.lang,
        },
        "coder": CODER,
        "coded_date": coded_date,
        "cameo": event.cameo,
        "modality": event.modality,
        "confidence": event.confidence,
        "global_event_id": event_id(record.id, index),
    }
    if event.location:
        out["event_loc"] = {"cc3": event.location}
    return out


def write_plover(records: Iterable[Record], fh: TextIO, coded_date: str | None = None) -> int:
    """Write each event that has a PLOVER type as one JSON line; return how many."""
    day = coded_date or datetime.now(UTC).date().isoformat()
    n = 0
    for record in records:
        for i, event in enumerate(record.events):
            if not is_exported(event) or not event.plover:
                continue
            fh.write(json.dumps(plover_record(record, i, event, day), ensure_ascii=False))
            fh.write("\n")
            n += 1
    return n
