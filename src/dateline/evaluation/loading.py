"""Reading gold and prediction files: JSON Lines keyed on each record's ``id``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.errors import InputError


def load_jsonl_by_id(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a JSON Lines file into ``{str(id): record}``; blank lines are skipped.

    A later line with an id seen before replaces the earlier one, as the
    reference scorer does. Raises :class:`InputError` naming the file and line
    for unreadable files, lines that are not JSON objects, and records with no id.
    """
    name = str(path)
    records: dict[str, dict[str, Any]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    record = _parse_line(line, name, number)
                    records[str(record["id"])] = record
    except FileNotFoundError:
        raise InputError(name, "no such file; check the path") from None
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text ({exc.reason}); re-save it as UTF-8") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory; give a .jsonl file") from None
    return records


def _parse_line(line: str, name: str, number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"not JSON: {exc}", line=number) from None
    if not isinstance(record, dict):
        raise InputError(name, "a line must hold one JSON object", line=number)
    if record.get("id") is None:
        raise InputError(name, 'the record has no "id"; give every line an id', line=number)
    return record
