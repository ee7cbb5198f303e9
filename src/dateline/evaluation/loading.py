"""Reading gold and prediction files: JSON Lines keyed on each record's ``id``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.errors import InputError

#: Values of ``--split``: a gold line's ``split`` field, or every line.
SPLITS = ("tune", "check", "all")


def load_jsonl_by_id(path: str | Path, split: str | None = None) -> dict[str, dict[str, Any]]:
    """Read a JSON Lines file into ``{str(id): record}``; blank lines are skipped.

    With ``split`` ``"tune"`` or ``"check"`` only lines whose ``split`` field has
    that value are kept, dropped as soon as they are parsed; a line with no
    ``split`` field is then an error. ``"all"`` or None keeps every line.
    A later line with an id seen before replaces the earlier one, as the
    reference scorer does. Raises :class:`InputError` naming the file and line
    for unreadable files, lines that are not JSON objects, and records with no id.
    """
    name = str(path)
    if split is not None and split not in SPLITS:
        raise InputError(name, f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    records: dict[str, dict[str, Any]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    record = _parse_line(line, name, number)
                    if _in_split(record, split, name, number):
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


def _in_split(record: dict[str, Any], split: str | None, name: str, number: int) -> bool:
    if split is None or split == "all":
        return True
    if "split" not in record:
        raise InputError(
            name, f'the line has no "split" field, so --split {split} cannot select lines; '
            "give a gold file with tune/check splits, or --split all", line=number,
        )  # fmt: skip
    return bool(record["split"] == split)


def write_split(gold_path: str | Path, split: str | None, out_path: Path) -> int:
    """Write the lines of ``gold_path`` kept by ``split`` (see :func:`load_jsonl_by_id`)
    to ``out_path`` as JSON Lines; return how many were kept."""
    records = load_jsonl_by_id(gold_path, split)
    with out_path.open("w", encoding="utf-8") as out:
        for record in records.values():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)
