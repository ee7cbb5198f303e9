"""An event's confidence: how often events coded the same way are right.

The table is data (``codes/data/confidence.yaml``): a base share by how the recipient
was found, lowered when the source has no country, when source and recipient are of one
country, or when the event is only modal. So a
user's ``--min-confidence`` keeps the kinds of event that are right more often.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dateline.codes._resources import read_data_yaml
from dateline.errors import DataError
from dateline.events.sides import side_country
from dateline.model import Event

How = Literal["clause", "context", "quoted", "none"]
HOWS: tuple[How, ...] = ("clause", "context", "quoted", "none")
FILE = "confidence.yaml"


@dataclass(frozen=True, slots=True)
class ConfidenceTable:
    base: dict[str, float]
    no_source_country: float
    same_country: float
    modal: float


def _share(value: object, where: str) -> float:
    if not isinstance(value, int | float) or not 0 <= value <= 1:
        raise DataError(f"{FILE}: {where}: expected a number from 0 to 1, got {value!r}")
    return float(value)


@lru_cache(maxsize=1)
def confidence_table() -> ConfidenceTable:
    data = read_data_yaml(FILE)
    base = data.get("base") or {}
    missing = [h for h in HOWS if h not in base]
    if missing:
        raise DataError(f"{FILE}: base: missing {', '.join(missing)}")
    return ConfidenceTable(
        {h: _share(base[h], f"base.{h}") for h in HOWS},
        _share(data.get("no_source_country", 1.0), "no_source_country"),
        _share(data.get("same_country", 1.0), "same_country"),
        _share(data.get("modal", 1.0), "modal"),
    )




def confidence(event: Event, how: How) -> float:
    """The share of events like this one that are right (see the module's doc)."""
    table = confidence_table()
    conf = table.base[how]
    source_country = side_country(event.source)
    if source_country is None:
        conf *= table.no_source_country
    elif event.target is not None and side_country(event.target) == source_country:
        conf *= table.same_country
    if event.modality:
        conf *= table.modal
    return round(max(0.05, min(conf, 0.99)), 2)
