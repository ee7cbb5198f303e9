"""CAMEO code -> PLOVER event type (and mode), by longest matching prefix.

Data: ``data/cameo_plover.csv`` (columns prefix, plover, mode). It follows the 16 types
of the PLOVER 2021 manual; where the manual's CAMEO crosswalk disagrees with its text, the
text wins: 036 (intent to meet) AGREE, 057 (sign) SUPPORT, 0841 (release carried out)
RETREAT, 116 (conviction) and 163 (sanctions) SANCTION, 18-20 ASSAULT (no FIGHT type; the
mode tells firearms, heavy weapons and air strikes apart) except 191/192 (blockade,
occupation) COERCE. An empty ``plover`` cell means PLOVER does not code the event (plain
statements: 010, 011, 012, 017).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from dateline.codes._resources import read_data_text

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class PloverType:
    """The PLOVER reading of a CAMEO code."""

    plover: str
    mode: str | None
    prefix: str  # the CAMEO prefix the mapping came from


@lru_cache(maxsize=1)
def load_plover_map() -> Mapping[str, PloverType | None]:
    """CAMEO prefix -> PLOVER type (None where PLOVER codes nothing)."""
    table: dict[str, PloverType | None] = {}
    reader = csv.DictReader(io.StringIO(read_data_text("cameo_plover.csv")))
    for row in reader:
        prefix = row["prefix"].strip()
        plover = (row["plover"] or "").strip()
        mode = (row["mode"] or "").strip() or None
        if plover and plover not in PLOVER_TYPES:
            raise ValueError(f"cameo_plover.csv: unknown PLOVER type {plover!r} for {prefix}")
        table[prefix] = PloverType(plover, mode, prefix) if plover else None
    return MappingProxyType(table)


def plover_for(code: str) -> PloverType | None:
    """PLOVER type of a CAMEO code by its longest listed prefix; None when not coded."""
    table = load_plover_map()
    for n in range(len(code), 1, -1):
        prefix = code[:n]
        if prefix in table:
            return table[prefix]
    return None


def plover_type(code: str) -> str | None:
    """Just the PLOVER type name of a CAMEO code (None when PLOVER codes nothing)."""
    entry = plover_for(code)
    return entry.plover if entry else None
