"""CAMEO event codes: label, quad class and Goldstein weight per code.

Codes are strings with their leading zero ("036", "0312"); the first two digits are
the root ("03"), the first three the base code. Data: ``data/cameo_codes.csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from dateline.codes._resources import read_data_text

QUAD_CLASSES: Mapping[int, str] = MappingProxyType(
    {
        1: "verbal cooperation",
        2: "material cooperation",
        3: "verbal conflict",
        4: "material conflict",
    }
)
ROOTS: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 21))


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code."""

    code: str
    label: str
    quad_class: int
    goldstein: float

    @property
    def root(self) -> str:
        """The two-digit root ("03" for "0312")."""
        return self.code[:2]

    @property
    def base(self) -> str:
        """The three-digit base code ("031" for "0312"); the root for a root code."""
        return self.code[:3]

    @property
    def level(self) -> int:
        """2 for a root, 3 for a base code, 4 for a sub-code."""
        return len(self.code)


def quad_class_of_root(root: str) -> int:
    """QuadClass of a root: 1 for 01-05, 2 for 06-08, 3 for 09-13, 4 for 14-20."""
    r = int(root[:2])
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r} (roots are 01..20)")
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    return 3 if r <= 13 else 4


@lru_cache(maxsize=1)
def load_cameo_codes() -> Mapping[str, CameoCode]:
    """All CAMEO codes of ``data/cameo_codes.csv``, by code (read once, read-only)."""
    table: dict[str, CameoCode] = {}
    reader = csv.DictReader(io.StringIO(read_data_text("cameo_codes.csv")))
    for row in reader:
        code = row["code"].strip()
        if not code.isdigit() or len(code) not in (2, 3, 4):
            raise ValueError(f"cameo_codes.csv: bad code {code!r}")
        entry = CameoCode(
            code=code,
            label=row["label"].strip(),
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
        )
        if entry.quad_class != quad_class_of_root(code):
            raise ValueError(f"cameo_codes.csv: {code} has quad_class {entry.quad_class}")
        table[code] = entry
    return MappingProxyType(table)


def is_cameo_code(code: str) -> bool:
    """True when ``code`` is a known CAMEO code."""
    return code in load_cameo_codes()


def get_cameo(code: str) -> CameoCode | None:
    """The entry of ``code``, or None when it is unknown."""
    return load_cameo_codes().get(code)


def cameo_root(code: str) -> str:
    """The root of a code ("19" for "195")."""
    return code[:2]


def quad_class(code: str) -> int:
    """The QuadClass (1..4) of any code, from its root."""
    return quad_class_of_root(code[:2])


def nearest_cameo(code: str) -> CameoCode | None:
    """The codebook entry that speaks for ``code``: its own, else its base code's, else its
    root's ("0999", unlisted, reads as "09"). None for anything that is not a code of a
    CAMEO root 01..20 ("99", "", "abc"): the table holds every root and nothing else.

    The exports take an event's QuadClass and Goldstein weight from this entry (a parent's
    QuadClass is its child's: both come from the root). Unlike :func:`get_cameo`, the entry
    may be a parent's, so read its ``code`` before taking its ``label`` for ``code``'s own.
    """
    table = load_cameo_codes()
    for prefix in (code, code[:3], code[:2]):
        entry = table.get(prefix)
        if entry is not None:
            return entry
    return None


def goldstein(code: str) -> float | None:
    """Goldstein weight of ``code``, falling back to its base code and root
    (:func:`nearest_cameo`); None for a code of no CAMEO root."""
    entry = nearest_cameo(code)
    return entry.goldstein if entry is not None else None


def label(code: str) -> str | None:
    """Short label of ``code``, or None when it is unknown."""
    entry = get_cameo(code)
    return entry.label if entry else None
