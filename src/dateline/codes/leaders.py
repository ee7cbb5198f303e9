"""Well-known office holders and their country (``data/leaders.yaml``).

A fallback for people a story names but does not place ("President Barack Obama"):
:func:`leader_code` gives the actor code and country of a full name in the list.
Names match whole, with accents, case, dots and hyphens folded; a bare surname does not.
:func:`leader_by_surname` is for a surname the story gives with an office title
("President Obama"): it answers only when every listed holder of that surname acts for
the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline.actors.names import strip_accents
from dateline.codes._resources import read_data_yaml

DEFAULT_ROLE = "GOV"


@dataclass(frozen=True, slots=True)
class Leader:
    """One office holder of the list."""

    name: str
    code: str
    country: str


def fold_name(name: str) -> str:
    """A name folded for matching: no accents, lower case, hyphens and dots as spaces."""
    text = strip_accents(name).lower()
    text = re.sub(r"[.\-‐‑’'`]", " ", text)
    return " ".join(text.split())


def _leader(item: dict[str, Any]) -> Leader:
    name, country = item.get("name"), item.get("country")
    if not isinstance(name, str) or not isinstance(country, str):
        raise ValueError(f"leaders.yaml: entry {item!r}: name and country are required")
    code = item.get("code") or country + str(item.get("role") or DEFAULT_ROLE)
    return Leader(name=name, code=str(code), country=country)


@lru_cache(maxsize=1)
def load_leaders() -> dict[str, Leader]:
    """Folded full name (and alias) -> the office holder."""
    data = read_data_yaml("leaders.yaml") or {}
    out: dict[str, Leader] = {}
    for item in data.get("leaders", []):
        leader = _leader(item)
        for n in [leader.name, *item.get("aliases", [])]:
            out[fold_name(str(n))] = leader
    return out


def leader_code(name: str) -> Leader | None:
    """The listed office holder with this full name, or None ("Obama" alone is None)."""
    key = fold_name(name)
    if " " not in key:
        return None
    table = load_leaders()
    hit = table.get(key)
    if hit is None and key.startswith(("mr ", "ms ", "mrs ", "dr ")):
        hit = table.get(key.split(" ", 1)[1])
    return hit


@lru_cache(maxsize=1)
def _by_surname() -> dict[str, frozenset[Leader]]:
    out: dict[str, set[Leader]] = {}
    for leader in set(load_leaders().values()):
        out.setdefault(fold_name(leader.name).split()[-1], set()).add(leader)
    return {k: frozenset(v) for k, v in out.items()}


def leader_by_surname(surname: str) -> Leader | None:
    """The listed office holder with this surname, when all who bear it share one code
    ("Obama" -> USAGOV; "Bush" -> USAGOV for both presidents); None when they differ or
    none is listed. Callers use it only for a surname written with an office title."""
    key = fold_name(surname)
    if not key or " " in key:
        return None
    hits = _by_surname().get(key, frozenset())
    codes = {(h.code, h.country) for h in hits}
    if len(codes) != 1:
        return None
    return min(hits, key=lambda h: h.name)
